package dev.rtprofile.store;

import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The merge hot path: one ordering of the fragments by the policy, then a first-writer-wins fill
 * over interned path ids with per-thread scratch arrays, so the built-in policies allocate per
 * profile, not per attribute. Paths with an override or array union gather their candidates and are
 * decided by the strategy. Thread-safe.
 */
final class Merger {
  /** Fragment order for timestamp-ordered merges: newest first, then dataset, then primary. */
  static final Comparator<Fragment> NEWEST_FIRST = Merger::compareNewestFirst;

  private static int compareNewestFirst(Fragment a, Fragment b) {
    if (a.timestamp != b.timestamp) {
      return a.timestamp > b.timestamp ? -1 : 1;
    }
    int c = a.dataset.compareTo(b.dataset);
    if (c != 0) {
      return c;
    }
    c = a.primary.namespace().compareTo(b.primary.namespace());
    return c != 0 ? c : a.primary.value().compareTo(b.primary.value());
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private Merger() {}

  /** The merged attributes of a profile: winners by path id, sorted by id. */
  static final class Merged {
    final List<Fragment> ordered;
    final int[] paths;
    final Object[] values;

    /** Index of the winning fragment in {@link #ordered}, or -1 if a strategy computed it. */
    final int[] winners;

    Merged(List<Fragment> ordered, int[] paths, Object[] values, int[] winners) {
      this.ordered = ordered;
      this.paths = paths;
      this.values = values;
      this.winners = winners;
    }

    int indexOf(int path) {
      return Arrays.binarySearch(paths, path);
    }
  }

  /** Per-thread arrays indexed by path id, reused across merges (values cleared after use). */
  private static final class Scratch {
    int[] stamp = new int[256];
    Object[] value = new Object[256];
    int[] winner = new int[256];
    int[] touched = new int[256];
    int epoch;

    void ensureTouched(int size) {
      if (touched.length < size) {
        touched = new int[Math.max(size, touched.length * 2)];
      }
    }

    void ensure(int size) {
      if (stamp.length < size) {
        int capacity = Math.max(size, stamp.length * 2);
        stamp = Arrays.copyOf(stamp, capacity);
        value = Arrays.copyOf(value, capacity);
        winner = Arrays.copyOf(winner, capacity);
      }
      if (++epoch == 0) {
        Arrays.fill(stamp, 0);
        epoch = 1;
      }
    }
  }

  /** Orders the fragments that take part under {@code policy}. */
  static List<Fragment> order(List<Fragment> fragments, MergePolicy policy) {
    int n = fragments.size();
    Fragment[] out = new Fragment[n];
    int[] rank = new int[n];
    boolean precedence = policy.type() == AttributeMergeType.DATASET_PRECEDENCE;
    int size = 0;
    // Each dataset rank is looked up once, not once per comparison.
    for (Fragment f : fragments) {
      int r = precedence ? policy.datasetRank(f.dataset) : 0;
      if (r >= 0) {
        out[size] = f;
        rank[size++] = r;
      }
    }
    if (size <= 32) {
      // Profiles hold few fragments: a stable insertion sort, in place.
      for (int i = 1; i < size; i++) {
        Fragment f = out[i];
        int r = rank[i];
        int j = i - 1;
        while (j >= 0 && compareRanked(rank[j], out[j], r, f) > 0) {
          out[j + 1] = out[j];
          rank[j + 1] = rank[j];
          j--;
        }
        out[j + 1] = f;
        rank[j + 1] = r;
      }
      return Arrays.asList(size == n ? out : Arrays.copyOf(out, size));
    }
    Integer[] index = new Integer[size];
    for (int i = 0; i < size; i++) {
      index[i] = i;
    }
    Fragment[] in = out;
    Arrays.sort(index, (a, b) -> compareRanked(rank[a], in[a], rank[b], in[b]));
    Fragment[] sorted = new Fragment[size];
    for (int i = 0; i < size; i++) {
      sorted[i] = in[index[i]];
    }
    return Arrays.asList(sorted);
  }

  /** The policy's fragment order: dataset rank (0 for timestamp-ordered), then newest first. */
  private static int compareRanked(int rankA, Fragment a, int rankB, Fragment b) {
    return rankA != rankB ? Integer.compare(rankA, rankB) : compareNewestFirst(a, b);
  }

  /**
   * The merged value at one path, without merging the rest: the live value of the fragment that
   * ranks first under the policy among those holding one, or null. Equal to {@link #merge}'s value
   * at that path whenever the path has no override and no array union ({@link #isPlain(MergePolicy,
   * String)}).
   */
  static @Nullable Object valueAt(List<Fragment> fragments, MergePolicy policy, int path) {
    boolean precedence = policy.type() == AttributeMergeType.DATASET_PRECEDENCE;
    Fragment best = null;
    int bestRank = 0;
    Object value = null;
    for (int k = 0; k < fragments.size(); k++) {
      Fragment f = fragments.get(k);
      int rank = precedence ? policy.datasetRank(f.dataset) : 0;
      if (rank < 0) {
        continue;
      }
      int i = f.indexOf(path);
      if (i < 0 || f.values[i] == Fragment.TOMBSTONE) {
        continue;
      }
      if (best == null || compareRanked(rank, f, bestRank, best) < 0) {
        best = f;
        bestRank = rank;
        value = f.values[i];
      }
    }
    return value;
  }

  /** Whether {@link #valueAt} decides {@code path} exactly as a full merge would. */
  static boolean isPlain(MergePolicy policy, String path) {
    return policy.override(path).isEmpty() && policy.arrays(path) != ArrayMerge.UNION;
  }

  static Merged merge(List<Fragment> fragments, MergePolicy policy, PathTable table) {
    List<Fragment> ordered = order(fragments, policy);
    Scratch s = SCRATCH.get();
    s.ensure(table.size());
    int epoch = s.epoch;
    int capacity = 0;
    for (Fragment f : ordered) {
      capacity += f.paths.length;
    }
    s.ensureTouched(capacity);
    int[] touched = s.touched;
    Object[] value = s.value;
    int[] winner = s.winner;
    int n = 0;
    for (int fi = 0; fi < ordered.size(); fi++) {
      Fragment f = ordered.get(fi);
      int[] fp = f.paths;
      Object[] fv = f.values;
      for (int i = 0; i < fp.length; i++) {
        int p = fp[i];
        if (s.stamp[p] == epoch || fv[i] == Fragment.TOMBSTONE) {
          continue;
        }
        s.stamp[p] = epoch;
        value[p] = fv[i];
        winner[p] = fi;
        touched[n++] = p;
      }
    }
    Arrays.sort(touched, 0, n);
    int[] outPaths = Arrays.copyOf(touched, n);
    Object[] outValues = new Object[n];
    int[] outWinners = new int[n];
    for (int i = 0; i < n; i++) {
      int p = outPaths[i];
      outValues[i] = value[p];
      outWinners[i] = winner[p];
      value[p] = null;
    }
    Merged merged = new Merged(ordered, outPaths, outValues, outWinners);
    if (!policy.overrides().isEmpty() || needsArrayUnion(policy)) {
      applyStrategies(merged, policy, table);
    }
    return merged;
  }

  private static boolean needsArrayUnion(MergePolicy policy) {
    return policy.arrays() == ArrayMerge.UNION || policy.hasPathArrays();
  }

  private static void applyStrategies(Merged merged, MergePolicy policy, PathTable table) {
    for (int i = 0; i < merged.paths.length; i++) {
      String path = table.name(merged.paths[i]);
      Optional<AttributeStrategy> override = policy.override(path);
      boolean union = merged.values[i] instanceof List && policy.arrays(path) == ArrayMerge.UNION;
      if (override.isEmpty() && !union) {
        continue;
      }
      List<Candidate> candidates = candidates(merged.ordered, merged.paths[i]);
      Object value;
      if (override.isPresent()) {
        AttributeStrategy strategy = override.get();
        try {
          value = strategy.merge(path, candidates);
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "merge strategy " + strategy + " failed for path " + path + ": " + e, e);
        }
        if (value != null) {
          value = AttributeValues.normalize(value, path);
        }
      } else {
        value = union(candidates);
      }
      if (value == null) {
        merged.values[i] = Fragment.TOMBSTONE;
        merged.winners[i] = -1;
        continue;
      }
      merged.values[i] = value;
      merged.winners[i] = winnerIndex(merged.ordered, merged.paths[i], value);
    }
  }

  /** The index of the first fragment whose value equals {@code value}, or -1. */
  private static int winnerIndex(List<Fragment> ordered, int path, Object value) {
    for (int fi = 0; fi < ordered.size(); fi++) {
      Object v = ordered.get(fi).valueAt(path);
      if (value.equals(v)) {
        return fi;
      }
    }
    return -1;
  }

  static Object union(List<Candidate> candidates) {
    Set<Object> items = new LinkedHashSet<>();
    for (Candidate c : candidates) {
      if (c.value() instanceof List<?> list) {
        items.addAll(list);
      }
    }
    return List.copyOf(items);
  }

  /** Every fragment's live value for {@code path}, in the given order. */
  static List<Candidate> candidates(List<Fragment> ordered, int path) {
    List<Candidate> out = new ArrayList<>();
    for (Fragment f : ordered) {
      int i = f.indexOf(path);
      if (i >= 0 && f.values[i] != Fragment.TOMBSTONE) {
        out.add(new Candidate(f.values[i], f.dataset, f.primary, f.timestamp));
      }
    }
    return out;
  }
}
