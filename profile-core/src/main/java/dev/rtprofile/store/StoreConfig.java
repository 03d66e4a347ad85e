package dev.rtprofile.store;

import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * The store's settings other than the graph's, as {@link ProfileStoreBuilder#build()} validated
 * them. Immutable.
 */
final class StoreConfig {
  final Clock clock;

  /** The merge policies by id, the default among them, in registration order. */
  final Map<String, MergePolicy> policies;

  /** The policies in registration order: a policy's position is its index in the cache's keys. */
  final List<MergePolicy> policyList;

  private final Map<String, Integer> policyIndex;

  /** The default policy's position in {@link #policyList}. */
  private final int defaultIndex;

  final MergePolicy defaultPolicy;
  final Map<String, UpdateMode> modes;
  final Map<String, Duration> retention;

  /** The namespace priority of the linking rules, highest first; empty if none. */
  final List<String> priority;

  final int maxRecordSize;
  final int maxEventSize;
  final int cacheSize;
  final boolean scanTables;

  /** The indexed paths by policy id. */
  final Map<String, List<String>> indexes;

  /** The pool large scans fork onto. */
  final ForkJoinPool executor;

  StoreConfig(
      Clock clock,
      Map<String, MergePolicy> policies,
      MergePolicy defaultPolicy,
      Map<String, UpdateMode> modes,
      Map<String, Duration> retention,
      List<String> priority,
      int maxRecordSize,
      int maxEventSize,
      int cacheSize,
      boolean scanTables,
      Map<String, List<String>> indexes,
      ForkJoinPool executor) {
    this.clock = clock;
    this.policies = Map.copyOf(policies);
    this.policyList = List.copyOf(policies.values());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < policyList.size(); i++) {
      index.put(policyList.get(i).id(), i);
    }
    this.policyIndex = Map.copyOf(index);
    this.defaultIndex = index.get(defaultPolicy.id());
    this.defaultPolicy = defaultPolicy;
    this.modes = Map.copyOf(modes);
    this.retention = Map.copyOf(retention);
    this.priority = List.copyOf(priority);
    this.maxRecordSize = maxRecordSize;
    this.maxEventSize = maxEventSize;
    this.cacheSize = cacheSize;
    this.scanTables = scanTables;
    this.indexes = Map.copyOf(indexes);
    this.executor = executor;
  }

  /**
   * The registered policies with the default among them, in registration order.
   *
   * @throws IllegalStateException if the default and a registered policy share an id
   */
  static Map<String, MergePolicy> allPolicies(
      Map<String, MergePolicy> registered, MergePolicy defaultPolicy) {
    MergePolicy existing = registered.get(defaultPolicy.id());
    if (existing != null && !existing.equals(defaultPolicy)) {
      throw new IllegalStateException(
          "defaultMergePolicy and mergePolicy both use the id "
              + defaultPolicy.id()
              + " for different policies; give one of them another id");
    }
    Map<String, MergePolicy> all = new LinkedHashMap<>(registered);
    all.put(defaultPolicy.id(), defaultPolicy);
    return all;
  }

  /**
   * The declared indexes ({policy id or null for the default, path}) as paths by policy id.
   *
   * @throws IllegalStateException if an index names an unknown policy or one without whole-graph
   *     stitching
   */
  static Map<String, List<String>> indexPaths(
      List<String[]> indexes, Map<String, MergePolicy> all, MergePolicy defaultPolicy) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String[] index : indexes) {
      MergePolicy policy = index[0] == null ? defaultPolicy : all.get(index[0]);
      if (policy == null) {
        throw new IllegalStateException(
            "index names the policy "
                + index[0]
                + ", which is not registered; register it with mergePolicy(...)");
      }
      if (policy.stitching() != IdentityStitching.PRIVATE_GRAPH) {
        throw new IllegalStateException(
            "index on "
                + index[1]
                + " needs a policy with PRIVATE_GRAPH stitching, but "
                + policy.id()
                + " has "
                + policy.stitching());
      }
      out.computeIfAbsent(policy.id(), k -> new ArrayList<>()).add(index[1]);
    }
    return out;
  }

  /** The policy with an id, or the default for null; throws naming the ids for an unknown one. */
  MergePolicy policy(@Nullable String id) {
    if (id == null) {
      return defaultPolicy;
    }
    MergePolicy policy = policies.get(id);
    if (policy == null) {
      throw new IllegalArgumentException(
          "policy must be the id of a policy registered with mergePolicy(...), one of "
              + new TreeSet<>(policies.keySet())
              + ", but was "
              + id);
    }
    return policy;
  }

  /** The position of a registered policy in {@link #policyList}. */
  int indexOf(MergePolicy policy) {
    if (policy == defaultPolicy) {
      return defaultIndex;
    }
    Integer index = policyIndex.get(policy.id());
    if (index == null) {
      throw new IllegalArgumentException("policy " + policy.id() + " is not registered");
    }
    return index;
  }

  /** The oldest event timestamp still retained for a dataset, at the clock's now. */
  long expiresBefore(String dataset) {
    return expiresBefore(dataset, clock.millis());
  }

  /** The oldest event timestamp still retained for a dataset at {@code now}. */
  long expiresBefore(String dataset, long now) {
    Duration ttl = retention.get(dataset);
    return ttl == null ? Long.MIN_VALUE : now - ttl.toMillis();
  }

  /** A namespace's position in the priority, or {@code Integer.MAX_VALUE - 1} if unranked. */
  int rank(String namespace) {
    for (int i = 0; i < priority.size(); i++) {
      if (priority.get(i).equalsIgnoreCase(namespace)) {
        return i;
      }
    }
    return Integer.MAX_VALUE - 1;
  }
}
