package dev.rtprofile.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The identity graph linking rules: which namespaces are unique (a graph holds at most one value of
 * each) and the namespace priority order the identity optimization algorithm replays links by.
 *
 * <p>Example: {@code LinkingRules.builder().unique("CRMID").priority("CRMID", "Email",
 * "ECID").build()}. Namespaces the priority list does not name rank after it, by identity type
 * (cross-device, email, phone, device, cookie), then by code. The rules are checked against the
 * registered namespaces when the graph is built.
 *
 * @param unique the codes of the unique namespaces
 * @param priority namespace codes, highest priority first
 * @param maxUniqueNamespaces how many unique namespaces the rules may name
 */
public record LinkingRules(List<String> unique, List<String> priority, int maxUniqueNamespaces) {

  /** The default: no unique namespace, priority by identity type. */
  public static final LinkingRules NONE = new LinkingRules(List.of(), List.of(), 3);

  /** Validates and copies the lists. */
  public LinkingRules {
    unique = List.copyOf(unique);
    priority = List.copyOf(priority);
    if (maxUniqueNamespaces < 1 || maxUniqueNamespaces > 16) {
      throw new IllegalArgumentException(
          "maxUniqueNamespaces must be between 1 and 16, but was " + maxUniqueNamespaces);
    }
  }

  /** Returns a builder with no unique namespace and no explicit priority. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link LinkingRules}; not thread-safe. */
  public static final class Builder {
    private final List<String> unique = new ArrayList<>();
    private final List<String> priority = new ArrayList<>();
    private int maxUniqueNamespaces = 3;

    private Builder() {}

    /** Adds unique namespaces, whose graphs hold at most one value each. Default: none. */
    public Builder unique(String... codes) {
      for (String code : codes) {
        unique.add(Objects.requireNonNull(code, "code"));
      }
      return this;
    }

    /**
     * Sets the namespace priority order, highest first; person namespaces must come before device
     * and cookie ones. Default: by identity type.
     */
    public Builder priority(String... codes) {
      priority.clear();
      for (String code : codes) {
        priority.add(Objects.requireNonNull(code, "code"));
      }
      return this;
    }

    /** Sets how many unique namespaces may be configured, at most 16. Default: 3. */
    public Builder maxUniqueNamespaces(int max) {
      if (max < 1 || max > 16) {
        throw new IllegalArgumentException(
            "maxUniqueNamespaces must be between 1 and 16, but was " + max);
      }
      this.maxUniqueNamespaces = max;
      return this;
    }

    /** Returns the rules; the builder can be used again. */
    public LinkingRules build() {
      return new LinkingRules(unique, priority, maxUniqueNamespaces);
    }
  }
}
