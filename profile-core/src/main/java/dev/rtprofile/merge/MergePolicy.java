package dev.rtprofile.merge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A merge policy: which fragments take part in a lookup and how conflicting attribute values
 * resolve into one profile.
 *
 * <p>Start from {@link #timestampOrdered()} (the newest value wins) or {@link
 * #dataSetPrecedence(String...)} (the value from the highest-listed dataset wins, and only listed
 * datasets contribute attributes), then refine with the withers, each of which returns a new policy
 * and leaves this one unchanged:
 *
 * <pre>{@code
 * MergePolicy crmFirst = MergePolicy.dataSetPrecedence("crm", "web")
 *     .id("crm-first")
 *     .name("CRM first")
 *     .arrays("person.tags", ArrayMerge.UNION)
 *     .override("loyalty.points", AttributeStrategy.sum());
 * }</pre>
 *
 * <p>Ties between fragments always break deterministically (dataset id, then primary identity, then
 * value order), never by arrival order. Objects merge key by key; arrays are leaves unless {@link
 * ArrayMerge#UNION} is set for the policy or the path; a per-path {@link AttributeStrategy}
 * override receives the path's candidates in this policy's order.
 *
 * <p>Instances are immutable and thread-safe. Two policies are equal when all their settings are
 * equal, overrides compared by {@code equals} (for lambdas, identity).
 */
public final class MergePolicy {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final String TIMESTAMP_ORDERED_ID = "timestampOrdered";
  private static final String DATASET_PRECEDENCE_ID = "dataSetPrecedence";

  private static final MergePolicy TIMESTAMP_ORDERED =
      new MergePolicy(
          TIMESTAMP_ORDERED_ID,
          TIMESTAMP_ORDERED_ID,
          AttributeMergeType.TIMESTAMP_ORDERED,
          List.of(),
          IdentityStitching.PRIVATE_GRAPH,
          ArrayMerge.WINNER,
          new TreeMap<>(),
          new TreeMap<>());

  private final String id;
  private final String name;
  private final AttributeMergeType type;
  private final List<String> datasetOrder;
  private final Map<String, Integer> rankByDataset;
  private final IdentityStitching stitching;
  private final ArrayMerge arrays;
  private final SortedMap<String, ArrayMerge> arraysByPath;
  private final SortedMap<String, AttributeStrategy> overrides;

  /** Takes validated settings; the maps must be fresh copies, which this policy then owns. */
  private MergePolicy(
      String id,
      String name,
      AttributeMergeType type,
      List<String> datasetOrder,
      IdentityStitching stitching,
      ArrayMerge arrays,
      TreeMap<String, ArrayMerge> arraysByPath,
      TreeMap<String, AttributeStrategy> overrides) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.datasetOrder = List.copyOf(datasetOrder);
    Map<String, Integer> ranks = new HashMap<>();
    for (int i = 0; i < this.datasetOrder.size(); i++) {
      ranks.put(this.datasetOrder.get(i), i);
    }
    this.rankByDataset = Map.copyOf(ranks);
    this.stitching = stitching;
    this.arrays = arrays;
    this.arraysByPath = Collections.unmodifiableSortedMap(arraysByPath);
    this.overrides = Collections.unmodifiableSortedMap(overrides);
  }

  /**
   * Returns the timestamp-ordered policy: for each attribute path, the value from the fragment with
   * the newest timestamp that has one wins, and every dataset contributes. Its id and name are
   * {@code timestampOrdered}, its stitching {@link IdentityStitching#PRIVATE_GRAPH}, its arrays
   * {@link ArrayMerge#WINNER}, and it has no overrides.
   */
  public static MergePolicy timestampOrdered() {
    return TIMESTAMP_ORDERED;
  }

  /**
   * Returns the dataset-precedence policy over {@code datasets}, highest precedence first: for each
   * attribute path, the value from the highest-listed dataset that has one wins, within one dataset
   * the newest; datasets not listed do not contribute attributes. Its id and name are {@code
   * dataSetPrecedence}, its stitching {@link IdentityStitching#PRIVATE_GRAPH}, its arrays {@link
   * ArrayMerge#WINNER}, and it has no overrides.
   *
   * @throws IllegalArgumentException if no dataset is named, one is blank or one is named twice
   */
  public static MergePolicy dataSetPrecedence(String... datasets) {
    Objects.requireNonNull(datasets, "datasets");
    return dataSetPrecedence(Arrays.asList(datasets));
  }

  /**
   * Returns the dataset-precedence policy over {@code datasets}, highest precedence first; see
   * {@link #dataSetPrecedence(String...)}.
   *
   * @throws IllegalArgumentException if no dataset is named, one is blank or one is named twice
   */
  public static MergePolicy dataSetPrecedence(List<String> datasets) {
    Objects.requireNonNull(datasets, "datasets");
    if (datasets.isEmpty()) {
      throw new IllegalArgumentException(
          "datasets must name at least one dataset, but was " + datasets);
    }
    List<String> order = new ArrayList<>(datasets.size());
    for (int i = 0; i < datasets.size(); i++) {
      String dataset = Objects.requireNonNull(datasets.get(i), "datasets[" + i + "]");
      if (dataset.isBlank()) {
        throw new IllegalArgumentException(
            "datasets must not contain a blank dataset, but datasets["
                + i
                + "] was '"
                + dataset
                + "'");
      }
      if (order.contains(dataset)) {
        throw new IllegalArgumentException(
            "datasets must not repeat a dataset, but named " + dataset + " twice");
      }
      order.add(dataset);
    }
    return new MergePolicy(
        DATASET_PRECEDENCE_ID,
        DATASET_PRECEDENCE_ID,
        AttributeMergeType.DATASET_PRECEDENCE,
        order,
        IdentityStitching.PRIVATE_GRAPH,
        ArrayMerge.WINNER,
        new TreeMap<>(),
        new TreeMap<>());
  }

  /**
   * Returns a copy of this policy with the given id, by which stores and lookups name it. The
   * default is {@code timestampOrdered} or {@code dataSetPrecedence}, after the factory.
   *
   * @param id 1 to 64 characters of {@code [A-Za-z0-9_.-]}, starting with a letter or digit
   * @throws IllegalArgumentException if the id does not have that form
   */
  public MergePolicy id(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must be 1 to 64 characters of [A-Za-z0-9_.-] starting with a letter or digit, but"
              + " was "
              + id);
    }
    return new MergePolicy(
        id, name, type, datasetOrder, stitching, arrays, arrayCopy(), overrideCopy());
  }

  /**
   * Returns a copy of this policy with the given display name. The default is the factory's id,
   * {@code timestampOrdered} or {@code dataSetPrecedence}; setting the id does not change it.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public MergePolicy name(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank, but was '" + name + "'");
    }
    return new MergePolicy(
        id, name, type, datasetOrder, stitching, arrays, arrayCopy(), overrideCopy());
  }

  /**
   * Returns a copy of this policy with the given identity stitching, which decides whether a lookup
   * merges the whole identity graph or only the looked-up identity's fragments. The default is
   * {@link IdentityStitching#PRIVATE_GRAPH}.
   */
  public MergePolicy stitching(IdentityStitching stitching) {
    Objects.requireNonNull(stitching, "stitching");
    return new MergePolicy(
        id, name, type, datasetOrder, stitching, arrays, arrayCopy(), overrideCopy());
  }

  /**
   * Returns a copy of this policy with the given policy-wide way of merging arrays, which applies
   * to every path without its own setting. The default is {@link ArrayMerge#WINNER}.
   */
  public MergePolicy arrays(ArrayMerge arrays) {
    Objects.requireNonNull(arrays, "arrays");
    return new MergePolicy(
        id, name, type, datasetOrder, stitching, arrays, arrayCopy(), overrideCopy());
  }

  /**
   * Returns a copy of this policy that merges the arrays at {@code path} as given, replacing any
   * earlier setting for that exact path. By default a path has no setting of its own and follows
   * {@link #arrays()}.
   *
   * @param path a dot-separated attribute path of non-empty segments, such as {@code person.tags}
   * @throws IllegalArgumentException if the path is not of that form
   */
  public MergePolicy arrays(String path, ArrayMerge arrays) {
    checkPath(path);
    Objects.requireNonNull(arrays, "arrays");
    TreeMap<String, ArrayMerge> byPath = arrayCopy();
    byPath.put(path, arrays);
    return new MergePolicy(
        id, name, type, datasetOrder, stitching, this.arrays, byPath, overrideCopy());
  }

  /**
   * Returns a copy of this policy that resolves the leaf attribute at {@code path} with {@code
   * strategy}, replacing any earlier override for that exact path. The override composes with the
   * policy: the policy still chooses the fragments and their order, and the strategy receives the
   * path's candidates in that order. By default there are no overrides.
   *
   * @param path a dot-separated attribute path of non-empty segments, such as {@code
   *     loyalty.points}
   * @throws IllegalArgumentException if the path is not of that form
   */
  public MergePolicy override(String path, AttributeStrategy strategy) {
    checkPath(path);
    Objects.requireNonNull(strategy, "strategy");
    TreeMap<String, AttributeStrategy> byPath = overrideCopy();
    byPath.put(path, strategy);
    return new MergePolicy(id, name, type, datasetOrder, stitching, arrays, arrayCopy(), byPath);
  }

  /** Returns the id by which stores and lookups name this policy. */
  public String id() {
    return id;
  }

  /** Returns the display name. */
  public String name() {
    return name;
  }

  /** Returns which fragments a lookup merges. */
  public IdentityStitching stitching() {
    return stitching;
  }

  /** Returns how fragments are ordered to pick each attribute's winning value. */
  public AttributeMergeType type() {
    return type;
  }

  /**
   * Returns the datasets in precedence order, highest first, as an unmodifiable list; empty for a
   * timestamp-ordered policy.
   */
  public List<String> datasetOrder() {
    return datasetOrder;
  }

  /** Returns the policy-wide way of merging arrays, for paths without their own setting. */
  public ArrayMerge arrays() {
    return arrays;
  }

  /**
   * Returns how the arrays at {@code path} merge: the setting for that exact path if there is one,
   * else the policy-wide {@link #arrays()}.
   *
   * @throws IllegalArgumentException if the path is not dot-separated non-empty segments
   */
  public ArrayMerge arrays(String path) {
    checkPath(path);
    return arraysByPath.getOrDefault(path, arrays);
  }

  /**
   * Returns whether any path has an array setting of its own, so that a merge may skip looking up
   * {@link #arrays(String)} path by path when none has and {@link #arrays()} is {@link
   * ArrayMerge#WINNER}.
   */
  public boolean hasPathArrays() {
    return !arraysByPath.isEmpty();
  }

  /** Returns the per-path array settings as an unmodifiable map sorted by path. */
  public SortedMap<String, ArrayMerge> pathArrays() {
    return arraysByPath;
  }

  /** Returns the per-path overrides as an unmodifiable map sorted by path. */
  public Map<String, AttributeStrategy> overrides() {
    return overrides;
  }

  /**
   * Returns the override for exactly {@code path}, or empty if the policy resolves it alone.
   *
   * @throws IllegalArgumentException if the path is not dot-separated non-empty segments
   */
  public Optional<AttributeStrategy> override(String path) {
    checkPath(path);
    return Optional.ofNullable(overrides.get(path));
  }

  /**
   * Returns the 0-based position of {@code dataset} in the precedence order (0 is the highest), or
   * -1 if it is not listed and so does not contribute attributes. For a timestamp-ordered policy
   * every dataset contributes and the rank is always 0.
   */
  public int datasetRank(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    if (type == AttributeMergeType.TIMESTAMP_ORDERED) {
      return 0;
    }
    Integer rank = rankByDataset.get(dataset);
    return rank == null ? -1 : rank;
  }

  /** Returns whether {@code other} is a merge policy with the same settings. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof MergePolicy that
        && id.equals(that.id)
        && name.equals(that.name)
        && type == that.type
        && datasetOrder.equals(that.datasetOrder)
        && stitching == that.stitching
        && arrays == that.arrays
        && arraysByPath.equals(that.arraysByPath)
        && overrides.equals(that.overrides);
  }

  /** Returns a hash code over all settings, consistent with {@link #equals}. */
  @Override
  public int hashCode() {
    return Objects.hash(id, name, type, datasetOrder, stitching, arrays, arraysByPath, overrides);
  }

  /**
   * Returns the id, type, datasets, stitching, arrays (with any per-path settings) and override
   * paths, such as {@code MergePolicy[id=crm-first, type=DATASET_PRECEDENCE, datasets=[crm, web],
   * stitching=PRIVATE_GRAPH, arrays=WINNER {person.tags=UNION}, overrides=[loyalty.points]]}.
   */
  @Override
  public String toString() {
    return "MergePolicy[id="
        + id
        + ", type="
        + type
        + ", datasets="
        + datasetOrder
        + ", stitching="
        + stitching
        + ", arrays="
        + arrays
        + (arraysByPath.isEmpty() ? "" : " " + arraysByPath)
        + ", overrides="
        + overrides.keySet()
        + "]";
  }

  private TreeMap<String, ArrayMerge> arrayCopy() {
    return new TreeMap<>(arraysByPath);
  }

  private TreeMap<String, AttributeStrategy> overrideCopy() {
    return new TreeMap<>(overrides);
  }

  /** Checks that a path is dot-separated non-empty segments. */
  private static void checkPath(String path) {
    Objects.requireNonNull(path, "path");
    if (path.isEmpty()
        || path.charAt(0) == '.'
        || path.charAt(path.length() - 1) == '.'
        || path.contains("..")) {
      throw new IllegalArgumentException(
          "path must be dot-separated non-empty segments, but was " + path);
    }
  }
}
