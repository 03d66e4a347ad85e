package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What one dataset knows about one primary identity: leaf attribute values by interned path id,
 * sorted by id, with the timestamp that orders the fragment in a merge. Immutable: an update makes
 * a new fragment, so a merged profile can keep the fragments it was made from for explanations.
 *
 * <p>Replace datasets keep the newest record whole (ties by content). Upsert datasets keep, per
 * path, the newest value or removal (ties by content), so both are independent of arrival order.
 */
final class Fragment {
  /** Marks a path removed by an upsert record; never merged. */
  static final Object TOMBSTONE =
      new Object() {
        @Override
        public String toString() {
          return "<removed>";
        }
      };

  final String dataset;
  final Identity primary;

  /** The ordering timestamp: the record's (replace), or the newest applied record's (upsert). */
  final long timestamp;

  final int[] paths;
  final Object[] values;

  /** Per path, the timestamp of the record that set it. */
  final long[] pathTimestamps;

  private Fragment(
      String dataset,
      Identity primary,
      long timestamp,
      int[] paths,
      Object[] values,
      long[] pathTimestamps) {
    this.dataset = dataset;
    this.primary = primary;
    this.timestamp = timestamp;
    this.paths = paths;
    this.values = values;
    this.pathTimestamps = pathTimestamps;
  }

  /** A fragment as a snapshot kept it: paths sorted by id, each once. */
  static Fragment restored(
      String dataset,
      Identity primary,
      long timestamp,
      int[] paths,
      Object[] values,
      long[] pathTimestamps) {
    return new Fragment(dataset, primary, timestamp, paths, values, pathTimestamps);
  }

  /** Builds a fragment from one record's leaves, each path once (and removals, as tombstones). */
  static Fragment of(
      String dataset,
      Identity primary,
      long timestamp,
      Leaves leaves,
      Set<String> removals,
      PathTable table) {
    int n = leaves.size + removals.size();
    int[] ids = new int[n];
    Object[] vals = new Object[n];
    int k = 0;
    for (int i = 0; i < leaves.size; i++) {
      ids[k] = table.intern(leaves.paths[i]);
      vals[k++] = leaves.values[i];
    }
    for (String path : removals) {
      ids[k] = table.intern(path);
      vals[k++] = TOMBSTONE;
    }
    sortById(ids, vals, n);
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (size > 0 && ids[size - 1] == ids[i]) {
        vals[size - 1] = vals[i];
      } else {
        ids[size] = ids[i];
        vals[size] = vals[i];
        size++;
      }
    }
    int[] paths = size == n ? ids : Arrays.copyOf(ids, size);
    Object[] values = size == n ? vals : Arrays.copyOf(vals, size);
    long[] stamps = new long[paths.length];
    Arrays.fill(stamps, timestamp);
    return new Fragment(dataset, primary, timestamp, paths, values, stamps);
  }

  /**
   * Sorts the first n (path id, value) pairs by path id, stably, so that for a path both set and
   * removed the later entry (the removal) comes last.
   */
  private static void sortById(int[] ids, Object[] vals, int n) {
    if (n <= 32) {
      for (int i = 1; i < n; i++) {
        int id = ids[i];
        Object v = vals[i];
        int j = i - 1;
        while (j >= 0 && ids[j] > id) {
          ids[j + 1] = ids[j];
          vals[j + 1] = vals[j];
          j--;
        }
        ids[j + 1] = id;
        vals[j + 1] = v;
      }
      return;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = ((long) ids[i] << 32) | i;
    }
    Arrays.sort(keys);
    Object[] copy = Arrays.copyOf(vals, n);
    for (int i = 0; i < n; i++) {
      ids[i] = (int) (keys[i] >>> 32);
      vals[i] = copy[(int) keys[i]];
    }
  }

  /** The index of path id {@code path}, or a negative number. */
  int indexOf(int path) {
    return Arrays.binarySearch(paths, path);
  }

  /** The value at path id {@code path} (possibly {@link #TOMBSTONE}), or null. */
  Object valueAt(int path) {
    int i = indexOf(path);
    return i >= 0 ? values[i] : null;
  }

  /**
   * Compares two replace-mode records' contents: a deterministic total order used when their
   * timestamps tie. Paths are compared by name, so the order does not depend on interning.
   */
  int compareContent(Fragment other, PathTable table) {
    TreeMap<String, Object> mine = named(table);
    TreeMap<String, Object> theirs = other.named(table);
    var a = mine.entrySet().iterator();
    var b = theirs.entrySet().iterator();
    while (a.hasNext() && b.hasNext()) {
      Map.Entry<String, Object> x = a.next();
      Map.Entry<String, Object> y = b.next();
      int c = x.getKey().compareTo(y.getKey());
      if (c != 0) {
        return c;
      }
      c = compareValues(x.getValue(), y.getValue());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(a.hasNext(), b.hasNext());
  }

  static int compareValues(Object x, Object y) {
    if (x == TOMBSTONE || y == TOMBSTONE) {
      return Boolean.compare(x != TOMBSTONE, y != TOMBSTONE);
    }
    return AttributeValues.compare(x, y);
  }

  private TreeMap<String, Object> named(PathTable table) {
    TreeMap<String, Object> out = new TreeMap<>();
    for (int i = 0; i < paths.length; i++) {
      out.put(table.name(paths[i]), values[i]);
    }
    return out;
  }

  /**
   * Applies an upsert record: per path, the newer value wins (ties by content); returns this
   * fragment if nothing changed.
   */
  Fragment upsert(Fragment record) {
    int[] outPaths = new int[paths.length + record.paths.length];
    Object[] outValues = new Object[outPaths.length];
    long[] outStamps = new long[outPaths.length];
    boolean changed = false;
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < paths.length || j < record.paths.length) {
      if (j >= record.paths.length || (i < paths.length && paths[i] < record.paths[j])) {
        outPaths[n] = paths[i];
        outValues[n] = values[i];
        outStamps[n++] = pathTimestamps[i++];
      } else if (i >= paths.length || record.paths[j] < paths[i]) {
        outPaths[n] = record.paths[j];
        outValues[n] = record.values[j];
        outStamps[n++] = record.pathTimestamps[j++];
        changed = true;
      } else {
        long mine = pathTimestamps[i];
        long theirs = record.pathTimestamps[j];
        boolean take =
            theirs > mine || (theirs == mine && compareValues(record.values[j], values[i]) > 0);
        outPaths[n] = paths[i];
        outValues[n] = take ? record.values[j] : values[i];
        outStamps[n++] = take ? theirs : mine;
        changed |= take;
        i++;
        j++;
      }
    }
    long ts = Math.max(timestamp, record.timestamp);
    if (!changed && ts == timestamp) {
      return this;
    }
    return new Fragment(
        dataset,
        primary,
        ts,
        Arrays.copyOf(outPaths, n),
        Arrays.copyOf(outValues, n),
        Arrays.copyOf(outStamps, n));
  }

  /**
   * Returns this fragment without the string values {@code erased} selects (a leaf that is such a
   * string goes, a list loses such elements), or this fragment if none matched. Timestamps stay.
   */
  Fragment withoutValues(Predicate<String> erased) {
    int[] outPaths = null;
    Object[] outValues = null;
    long[] outStamps = null;
    int n = 0;
    for (int i = 0; i < paths.length; i++) {
      Object v = values[i] == TOMBSTONE ? TOMBSTONE : ErasedValues.scrubbed(values[i], erased);
      if (outPaths == null) {
        if (v == values[i]) {
          continue;
        }
        outPaths = Arrays.copyOf(paths, paths.length);
        outValues = Arrays.copyOf(values, values.length);
        outStamps = Arrays.copyOf(pathTimestamps, pathTimestamps.length);
        n = i;
      }
      if (v != null) {
        outPaths[n] = paths[i];
        outValues[n] = v;
        outStamps[n++] = pathTimestamps[i];
      }
    }
    if (outPaths == null) {
      return this;
    }
    return new Fragment(
        dataset,
        primary,
        timestamp,
        Arrays.copyOf(outPaths, n),
        Arrays.copyOf(outValues, n),
        Arrays.copyOf(outStamps, n));
  }

  /** Whether the value at {@code index} is a value rather than a removal. */
  boolean isLive(int index) {
    return values[index] != TOMBSTONE;
  }
}
