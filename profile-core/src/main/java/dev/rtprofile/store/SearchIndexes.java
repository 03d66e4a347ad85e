package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Secondary indexes over merged profiles: per (policy, leaf path), the profile ids holding each
 * merged value (each element, for arrays), in value order so ranges and prefixes are sub-maps.
 * Maintained by the store under its write lock whenever a profile's merged values may change; read
 * under its read lock. Not thread-safe by itself.
 */
final class SearchIndexes {
  /** Value order: by kind, numbers numerically (1 and 1.0 are one key), the rest by value. */
  static final Comparator<Object> KEY_ORDER =
      (a, b) -> {
        int ka = AttributeValues.kind(a);
        int kb = AttributeValues.kind(b);
        if (ka != kb) {
          return Integer.compare(ka, kb);
        }
        if (a instanceof Number x && b instanceof Number y) {
          return AttributeValues.compareNumbers(x, y);
        }
        return AttributeValues.compare(a, b);
      };

  /** One index: value to profile ids, and profile id to its values, for removal. */
  static final class Index {
    final String policyId;
    final String path;
    final TreeMap<Object, Set<String>> byValue = new TreeMap<>(KEY_ORDER);
    final Map<String, List<Object>> valuesOf = new HashMap<>();

    Index(String policyId, String path) {
      this.policyId = policyId;
      this.path = path;
    }

    void remove(String profileId) {
      List<Object> old = valuesOf.remove(profileId);
      if (old != null) {
        for (Object key : old) {
          Set<String> ids = byValue.get(key);
          if (ids != null) {
            ids.remove(profileId);
            if (ids.isEmpty()) {
              byValue.remove(key);
            }
          }
        }
      }
    }

    void put(String profileId, @Nullable Object value) {
      remove(profileId);
      if (value == null) {
        return;
      }
      List<Object> keys = new ArrayList<>();
      if (value instanceof List<?> list) {
        keys.addAll(list);
      } else {
        keys.add(value);
      }
      for (Object key : keys) {
        byValue.computeIfAbsent(key, k -> new TreeSet<>()).add(profileId);
      }
      valuesOf.put(profileId, keys);
    }

    /** The profile ids a condition on this path may match, or null if the index cannot tell. */
    @Nullable Set<String> candidates(Condition c) {
      if (c.op == Condition.Op.EQ || c.op == Condition.Op.CONTAINS) {
        // A view, not a copy: the first page of a large match costs only what it reads.
        Set<String> ids = byValue.get(c.values.get(0));
        return ids == null ? Set.of() : Collections.unmodifiableSet(ids);
      }
      Set<String> out = new TreeSet<>();
      switch (c.op) {
        case IN -> c.values.forEach(v -> addAll(out, byValue.get(v)));
        case LT -> addRange(out, byValue.headMap(c.values.get(0), false), c.values.get(0));
        case LE -> addRange(out, byValue.headMap(c.values.get(0), true), c.values.get(0));
        case GT -> addRange(out, byValue.tailMap(c.values.get(0), false), c.values.get(0));
        case GE -> addRange(out, byValue.tailMap(c.values.get(0), true), c.values.get(0));
        case BETWEEN -> {
          if (KEY_ORDER.compare(c.values.get(0), c.values.get(1)) <= 0) {
            addRange(
                out, byValue.subMap(c.values.get(0), true, c.values.get(1), true), c.values.get(0));
          }
        }
        case STARTS_WITH -> {
          String prefix = (String) c.values.get(0);
          for (Map.Entry<Object, Set<String>> e : byValue.tailMap(prefix, true).entrySet()) {
            if (!(e.getKey() instanceof String key) || !key.startsWith(prefix)) {
              break;
            }
            out.addAll(e.getValue());
          }
        }
        default -> {
          return null;
        }
      }
      return out;
    }

    private static void addAll(Set<String> out, @Nullable Set<String> ids) {
      if (ids != null) {
        out.addAll(ids);
      }
    }

    /** Adds the ids of a range, stopping at keys of another kind than the bound's. */
    private static void addRange(
        Set<String> out, NavigableMap<Object, Set<String>> range, Object bound) {
      int kind = AttributeValues.kind(bound);
      for (Map.Entry<Object, Set<String>> e : range.entrySet()) {
        if (AttributeValues.kind(e.getKey()) == kind) {
          out.addAll(e.getValue());
        }
      }
    }
  }

  private final Map<String, Map<String, Index>> byPolicy = new LinkedHashMap<>();

  /** For each indexed profile, an identity to look it up by. */
  private final Map<String, Identity> anchors = new HashMap<>();

  SearchIndexes(Map<String, ? extends Collection<String>> pathsByPolicy) {
    pathsByPolicy.forEach(
        (policy, paths) -> {
          Map<String, Index> indexes = new LinkedHashMap<>();
          for (String path : paths) {
            indexes.put(path, new Index(policy, path));
          }
          byPolicy.put(policy, indexes);
        });
  }

  boolean isEmpty() {
    return byPolicy.isEmpty();
  }

  Set<String> policies() {
    return byPolicy.keySet();
  }

  /** The index of a path under a policy, or null. */
  @Nullable Index index(String policyId, String path) {
    Map<String, Index> indexes = byPolicy.get(policyId);
    return indexes == null ? null : indexes.get(path);
  }

  @Nullable Identity anchor(String profileId) {
    return anchors.get(profileId);
  }

  /** Empties every index. */
  void clear() {
    anchors.clear();
    for (Map<String, Index> indexes : byPolicy.values()) {
      for (Index index : indexes.values()) {
        index.byValue.clear();
        index.valuesOf.clear();
      }
    }
  }

  /** Drops a profile id from every index. */
  void remove(String profileId) {
    anchors.remove(profileId);
    for (Map<String, Index> indexes : byPolicy.values()) {
      for (Index index : indexes.values()) {
        index.remove(profileId);
      }
    }
  }

  /** Re-indexes one profile of one policy from its merged values. */
  void put(String policyId, Profile profile, Identity anchor) {
    anchors.put(profile.profileId(), anchor);
    for (Index index : byPolicy.get(policyId).values()) {
      index.put(profile.profileId(), profile.get(index.path).orElse(null));
    }
  }
}
