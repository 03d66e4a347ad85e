package dev.rtprofile.identity;

import java.util.Comparator;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An identity: a value in a namespace, such as {@code Email:jane@example.com}.
 *
 * <p>{@code Email:jane@example.com} and {@code CRMID:jane@example.com} are different identities.
 * The namespace is named by its code; a store resolves codes case-insensitively against its
 * namespaces and checks and normalizes the value there, so constructing an identity never fails for
 * data reasons. Identity values are personal data: {@link #toString()} does not print them.
 *
 * @param namespace the namespace code, not blank
 * @param value the value as sent, or as normalized when it comes from a store
 */
public record Identity(String namespace, String value) {

  /** Validates that both parts are present and the namespace code is not blank. */
  public Identity {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(value, "value");
    if (namespace.isBlank()) {
      throw new IllegalArgumentException(
          "namespace must not be blank, but was '" + namespace + "'");
    }
  }

  private static final Comparator<Identity> CANONICAL =
      Comparator.comparing(Identity::namespace).thenComparing(Identity::value);

  /**
   * The canonical order of identities: namespace code, then value, both by {@link
   * String#compareTo}. Meaningful for identities with canonical namespace codes.
   */
  public static Comparator<Identity> canonicalOrder() {
    return CANONICAL;
  }

  /** Returns the identity with the given namespace code and value. */
  public static Identity of(String namespace, String value) {
    return new Identity(namespace, value);
  }

  /**
   * Parses {@code NAMESPACE:VALUE}; the value may itself contain colons.
   *
   * @throws IllegalArgumentException if there is no colon or the namespace part is blank
   */
  public static Identity parse(String text) {
    Objects.requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "text must look like NAMESPACE:VALUE, but has no namespace before a colon");
    }
    return new Identity(text.substring(0, colon), text.substring(colon + 1));
  }

  /** Equal namespace codes and values (written out: identities are hash keys on hot paths). */
  @Override
  public boolean equals(@Nullable Object o) {
    return this == o
        || (o instanceof Identity other
            && value.equals(other.value)
            && namespace.equals(other.namespace));
  }

  /**
   * The record's own formula, written out: {@code 31 * namespace.hashCode() + value.hashCode()}.
   */
  @Override
  public int hashCode() {
    return 31 * namespace.hashCode() + value.hashCode();
  }

  /** Returns {@code NAMESPACE:VALUE}, the inverse of {@link #parse}; this contains the value. */
  public String toText() {
    return namespace + ':' + value;
  }

  /** Returns the namespace and the value's length only; identity values are personal data. */
  @Override
  public String toString() {
    return "Identity[" + namespace + ", " + value.length() + " chars]";
  }
}
