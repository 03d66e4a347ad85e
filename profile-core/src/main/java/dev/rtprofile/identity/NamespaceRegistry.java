package dev.rtprofile.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable set of namespaces, looked up by code case-insensitively.
 *
 * <p>Starts from the {@linkplain Namespace#standardCatalogue() standard catalogue}; {@link #with}
 * adds custom namespaces or replaces a standard one's normalizer, validator or display name, but
 * never its code spelling or its type.
 */
public final class NamespaceRegistry {
  private static final NamespaceRegistry STANDARD =
      new NamespaceRegistry(new LinkedHashMap<>()).with(Namespace.standardCatalogue());

  private final Map<String, Namespace> byKey;

  private NamespaceRegistry(Map<String, Namespace> byKey) {
    this.byKey = byKey;
  }

  /** Returns the registry of the standard catalogue. */
  public static NamespaceRegistry standard() {
    return STANDARD;
  }

  /**
   * Returns a registry that also holds {@code namespaces}.
   *
   * @throws IllegalStateException if a namespace's code is registered with another type or another
   *     spelling
   */
  public NamespaceRegistry with(Collection<Namespace> namespaces) {
    Objects.requireNonNull(namespaces, "namespaces");
    Map<String, Namespace> copy = new LinkedHashMap<>(byKey);
    for (Namespace namespace : namespaces) {
      Objects.requireNonNull(namespace, "namespace");
      Namespace existing = copy.get(namespace.key());
      if (existing != null && existing.type() != namespace.type()) {
        throw new IllegalStateException(
            "namespace "
                + existing.code()
                + " is registered with type "
                + existing.type()
                + "; namespace types are immutable, but a registration asked for "
                + namespace.type());
      }
      if (existing != null && !existing.code().equals(namespace.code())) {
        throw new IllegalStateException(
            "namespace "
                + existing.code()
                + " is registered under that spelling; codes are immutable, but a registration"
                + " used "
                + namespace.code());
      }
      if (existing != null && !existing.custom() && namespace.custom()) {
        throw new IllegalStateException(
            "namespace "
                + existing.code()
                + " is a standard namespace; to change its normalizer or validator register"
                + " Namespace.standard(\""
                + existing.code()
                + "\").withNormalizer(...) instead of a custom namespace");
      }
      copy.put(namespace.key(), namespace);
    }
    return new NamespaceRegistry(copy);
  }

  /** Returns a registry that also holds {@code namespaces}; see {@link #with(Collection)}. */
  public NamespaceRegistry with(Namespace... namespaces) {
    return with(List.of(namespaces));
  }

  /** Returns the namespace with {@code code}, matched case-insensitively. */
  public Optional<Namespace> find(String code) {
    Objects.requireNonNull(code, "code");
    return Optional.ofNullable(byKey.get(Namespace.key(code)));
  }

  /**
   * Returns the namespace with {@code code}, matched case-insensitively.
   *
   * @throws IllegalArgumentException if no namespace has that code
   */
  public Namespace require(String code) {
    return find(code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "namespace must be registered, call namespace(Namespace.custom(\""
                        + code
                        + "\", type)), but was unknown: "
                        + code));
  }

  /** Returns every namespace, in registration order (standard catalogue first). */
  public List<Namespace> all() {
    return Collections.unmodifiableList(new ArrayList<>(byKey.values()));
  }
}
