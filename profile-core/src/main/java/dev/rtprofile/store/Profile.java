package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.MergePolicy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A unified profile: the merged view of a person's fragments under one merge policy, with its
 * identities and the evidence behind every attribute. Immutable and thread-safe; it keeps the
 * fragments it was merged from, so {@link #explain} answers for exactly these values.
 */
public final class Profile {
  private final String profileId;
  private final MergePolicy policy;
  private final List<Identity> identities;
  private final Identity primaryIdentity;
  private final Merger.Merged merged;
  private final PathTable table;
  private volatile @Nullable Map<String, Object> attributes;

  Profile(
      String profileId,
      MergePolicy policy,
      List<Identity> identities,
      Identity primaryIdentity,
      Merger.Merged merged,
      PathTable table) {
    this.profileId = profileId;
    this.policy = policy;
    this.identities = List.copyOf(identities);
    this.primaryIdentity = primaryIdentity;
    this.merged = merged;
    this.table = table;
  }

  /** The stable profile id (AEP's entityId) of the person's identity graph. */
  public String profileId() {
    return profileId;
  }

  /** The id of the merge policy this profile was merged under. */
  public String policyId() {
    return policy.id();
  }

  /** The person's identities, canonical, sorted by namespace code then value. */
  public List<Identity> identities() {
    return identities;
  }

  /**
   * The primary identity: the primary identity of the fragment that ranks first under the policy,
   * or, when no fragment contributes, the profile's first identity in canonical order (profiles are
   * cached per graph, so it must not depend on the identity looked up).
   */
  public Identity primaryIdentity() {
    return primaryIdentity;
  }

  /** The merged attributes as leaf paths to values, sorted by path. */
  public Map<String, Object> attributes() {
    Map<String, Object> map = attributes;
    if (map == null) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      for (int i = 0; i < merged.paths.length; i++) {
        if (merged.values[i] != Fragment.TOMBSTONE) {
          sorted.put(table.name(merged.paths[i]), merged.values[i]);
        }
      }
      map = Collections.unmodifiableMap(sorted);
      attributes = map;
    }
    return map;
  }

  /** The merged attributes as nested maps: {@code person.name.firstName} under three keys. */
  public Map<String, Object> nested() {
    return AttributeValues.nest(attributes());
  }

  /** The merged value at a leaf path. */
  public Optional<Object> get(String path) {
    int id = table.find(path);
    if (id < 0) {
      return Optional.empty();
    }
    int i = merged.indexOf(id);
    return i < 0 || merged.values[i] == Fragment.TOMBSTONE
        ? Optional.empty()
        : Optional.of(merged.values[i]);
  }

  /** The merged value at a leaf path if it is a string. */
  public Optional<String> getString(String path) {
    return get(path).filter(String.class::isInstance).map(String.class::cast);
  }

  /** The merged value at a leaf path if it is an integral number. */
  public Optional<Long> getLong(String path) {
    return get(path).filter(Long.class::isInstance).map(Long.class::cast);
  }

  /** The merged value at a leaf path if it is a number, as a double. */
  public Optional<Double> getDouble(String path) {
    return get(path).filter(Number.class::isInstance).map(v -> ((Number) v).doubleValue());
  }

  /** The merged value at a leaf path if it is a boolean. */
  public Optional<Boolean> getBoolean(String path) {
    return get(path).filter(Boolean.class::isInstance).map(Boolean.class::cast);
  }

  /** The merged value at a leaf path if it is a list. */
  public Optional<List<?>> getList(String path) {
    return get(path).filter(List.class::isInstance).map(v -> (List<?>) v);
  }

  /** The datasets whose fragments take part under the policy, sorted. */
  public List<String> datasets() {
    TreeSet<String> out = new TreeSet<>();
    for (Fragment f : merged.ordered) {
      out.add(f.dataset);
    }
    return List.copyOf(out);
  }

  /** The newest timestamp of the fragments taking part, epoch milliseconds; 0 if none. */
  public long lastModified() {
    long newest = 0;
    for (Fragment f : merged.ordered) {
      newest = Math.max(newest, f.timestamp);
    }
    return newest;
  }

  /**
   * Explains the merged value at a leaf path: the rule, the winner (dataset, primary identity,
   * timestamp) and every candidate in the policy's order; empty if the profile has no value there.
   */
  public Optional<Explanation> explain(String path) {
    int id = table.find(path);
    int i = id < 0 ? -1 : merged.indexOf(id);
    if (i < 0 || merged.values[i] == Fragment.TOMBSTONE) {
      return Optional.empty();
    }
    List<Candidate> candidates = Merger.candidates(merged.ordered, id);
    int winner = merged.winners[i];
    Candidate winning = null;
    if (winner >= 0) {
      Fragment f = merged.ordered.get(winner);
      for (Candidate c : candidates) {
        if (c.dataset().equals(f.dataset) && c.primary().equals(f.primary)) {
          winning = c;
        }
      }
    }
    return Optional.of(
        new Explanation(path, merged.values[i], rule(path, merged.values[i]), winning, candidates));
  }

  private String rule(String path, Object value) {
    Optional<AttributeStrategy> override = policy.override(path);
    if (override.isPresent()) {
      return "override:" + override.get();
    }
    if (value instanceof List && policy.arrays(path) == ArrayMerge.UNION) {
      return "arrays:UNION";
    }
    return policy.type() == AttributeMergeType.DATASET_PRECEDENCE
        ? "dataSetPrecedence"
        : "timestampOrdered";
  }

  /** Returns this profile with only the given paths and the paths below them. */
  Profile project(List<String> fields) {
    int n = 0;
    int[] keep = new int[merged.paths.length];
    for (int i = 0; i < merged.paths.length; i++) {
      String name = table.name(merged.paths[i]);
      for (String field : fields) {
        if (name.equals(field) || (name.startsWith(field) && name.charAt(field.length()) == '.')) {
          keep[n++] = i;
          break;
        }
      }
    }
    int[] projectedPaths = new int[n];
    Object[] values = new Object[n];
    int[] winners = new int[n];
    for (int k = 0; k < n; k++) {
      projectedPaths[k] = merged.paths[keep[k]];
      values[k] = merged.values[keep[k]];
      winners[k] = merged.winners[keep[k]];
    }
    return new Profile(
        profileId,
        policy,
        identities,
        primaryIdentity,
        new Merger.Merged(merged.ordered, projectedPaths, values, winners),
        table);
  }

  /** Names the profile id, policy and counts; identity values are personal data. */
  @Override
  public String toString() {
    return "Profile["
        + profileId
        + ", policy "
        + policy.id()
        + ", "
        + identities.size()
        + " identities, "
        + merged.paths.length
        + " attributes]";
  }
}
