package dev.rtprofile.store;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An immutable map of leaf paths to values over two arrays sorted by path: iteration in path order,
 * {@code get} by binary search. What events keep their attributes in, and what records show theirs
 * as: a tenth of a {@code TreeMap}'s objects, made from the leaves with one sort.
 */
final class LeafMap extends AbstractMap<String, Object> {
  static final LeafMap EMPTY = new LeafMap(new String[0], new Object[0], 0);

  private final String[] paths;
  private final Object[] values;

  /** The leaves' size bound ({@link Leaves#bound()}), taken when the map was made. */
  private final long bound;

  private LeafMap(String[] paths, Object[] values, long bound) {
    this.paths = paths;
    this.values = values;
    this.bound = bound;
  }

  /** The leaves sorted by path; each path must occur once ({@link Leaves#resolve()}). */
  static LeafMap of(Leaves leaves) {
    int n = leaves.size;
    if (n == 0) {
      return EMPTY;
    }
    String[] p = Arrays.copyOf(leaves.paths, n);
    Object[] v = Arrays.copyOf(leaves.values, n);
    // Insertion sort: a few dozen leaves at most, usually in nearly sorted runs.
    for (int i = 1; i < n; i++) {
      String path = p[i];
      Object value = v[i];
      int j = i - 1;
      while (j >= 0 && p[j].compareTo(path) > 0) {
        p[j + 1] = p[j];
        v[j + 1] = v[j];
        j--;
      }
      p[j + 1] = path;
      v[j + 1] = value;
    }
    return new LeafMap(p, v, leaves.bound());
  }

  /** The {@code i}th path in path order. */
  String pathAt(int i) {
    return paths[i];
  }

  /** The value at {@link #pathAt}{@code (i)}. */
  Object valueAt(int i) {
    return values[i];
  }

  @Override
  public int size() {
    return paths.length;
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return key instanceof String s && Arrays.binarySearch(paths, s) >= 0;
  }

  @Override
  public @Nullable Object get(@Nullable Object key) {
    if (!(key instanceof String s)) {
      return null;
    }
    int at = Arrays.binarySearch(paths, s);
    return at < 0 ? null : values[at];
  }

  /**
   * The rough size of the leaves as JSON if it exceeds {@code limit}, else -1; see {@link
   * AttributeValues#sizeOver}.
   */
  long jsonSizeOver(long limit) {
    return AttributeValues.sizeOver(paths, values, paths.length, bound, limit);
  }

  /**
   * Returns this map without the string values {@code erased} selects (see {@link
   * ErasedValues#scrubbed}), or this map if none matched. The size bound stays an upper bound.
   */
  LeafMap withoutValues(Predicate<String> erased) {
    String[] p = null;
    Object[] v = null;
    int n = 0;
    for (int i = 0; i < paths.length; i++) {
      Object kept = ErasedValues.scrubbed(values[i], erased);
      if (p == null) {
        if (kept == values[i]) {
          continue;
        }
        p = Arrays.copyOf(paths, paths.length);
        v = Arrays.copyOf(values, values.length);
        n = i;
      }
      if (kept != null) {
        p[n] = paths[i];
        v[n++] = kept;
      }
    }
    return p == null ? this : new LeafMap(Arrays.copyOf(p, n), Arrays.copyOf(v, n), bound);
  }

  /** A total order of contents: path by path in path order, values by {@link AttributeValues}. */
  int compareContent(LeafMap other) {
    int n = Math.min(paths.length, other.paths.length);
    for (int i = 0; i < n; i++) {
      int c = paths[i].compareTo(other.paths[i]);
      if (c != 0) {
        return c;
      }
      c = AttributeValues.compare(values[i], other.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(paths.length, other.paths.length);
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return paths.length;
      }

      @Override
      public Iterator<Map.Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < paths.length;
          }

          @Override
          public Map.Entry<String, Object> next() {
            if (next >= paths.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(paths[i], values[i]);
          }
        };
      }
    };
  }
}
