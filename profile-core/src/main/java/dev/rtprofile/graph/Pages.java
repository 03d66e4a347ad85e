package dev.rtprofile.graph;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Paged columns: a column of values indexed by a dense id is an array of pages of {@link #SIZE}
 * values, element {@code i} at {@code pages[i >>> SHIFT][i & MASK]}. Growing adds pages and never
 * copies values, so a write never costs more than one page, and a page is zeroed just before it is
 * filled, while it is still cached (a flat array grown by copying is zeroed long before it is
 * filled, and every fill then misses the cache). The slack is at most one page per column.
 */
final class Pages {
  static final int SHIFT = 10;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;

  private Pages() {}

  /** How many pages hold {@code capacity} values. */
  static int count(int capacity) {
    return (capacity + MASK) >>> SHIFT;
  }

  /**
   * Returns {@code pages} with pages added, if needed, to hold {@code capacity} values; {@code
   * page} makes each new page.
   */
  private static <P> P[] grow(P[] pages, int capacity, Supplier<P> page) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    P[] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = page.get();
    }
    return out;
  }

  /** {@link #grow} for ints, new values {@code fill}. */
  static int[][] ints(int[][] pages, int capacity, int fill) {
    return grow(
        pages,
        capacity,
        () -> {
          int[] page = new int[SIZE];
          if (fill != 0) {
            Arrays.fill(page, fill);
          }
          return page;
        });
  }

  static long[][] longs(long[][] pages, int capacity) {
    return grow(pages, capacity, () -> new long[SIZE]);
  }

  static short[][] shorts(short[][] pages, int capacity) {
    return grow(pages, capacity, () -> new short[SIZE]);
  }

  static byte[][] bytes(byte[][] pages, int capacity) {
    return grow(pages, capacity, () -> new byte[SIZE]);
  }

  static String[][] strings(String[][] pages, int capacity) {
    return grow(pages, capacity, () -> new String[SIZE]);
  }

  /**
   * The root of {@code i} in a paged union-find column ({@code parent < 0} marks a root), halving
   * the path on the way. For writers only.
   */
  static int find(int[][] parent, int i) {
    for (int p = parent[i >>> SHIFT][i & MASK]; p >= 0; p = parent[i >>> SHIFT][i & MASK]) {
      int gp = parent[p >>> SHIFT][p & MASK];
      if (gp >= 0) {
        parent[i >>> SHIFT][i & MASK] = gp;
        i = gp;
      } else {
        i = p;
      }
    }
    return i;
  }

  /**
   * Unites two roots of a paged union-find column whose roots hold minus their sizes: the smaller
   * goes under the larger. Returns the surviving root.
   */
  static int unite(int[][] parent, int ra, int rb) {
    int pa = parent[ra >>> SHIFT][ra & MASK];
    int pb = parent[rb >>> SHIFT][rb & MASK];
    if (pa > pb) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[ra >>> SHIFT][ra & MASK] = pa + pb;
    parent[rb >>> SHIFT][rb & MASK] = ra;
    return ra;
  }
}
