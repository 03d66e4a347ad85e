package dev.rtprofile.graph;

import java.util.Arrays;

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

  /** Returns {@code pages} with pages added, if needed, to hold {@code capacity} values. */
  static int[][] ints(int[][] pages, int capacity, int fill) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    int[][] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = new int[SIZE];
      if (fill != 0) {
        Arrays.fill(out[p], fill);
      }
    }
    return out;
  }

  /** Returns {@code pages} with pages added, if needed, to hold {@code capacity} values. */
  static long[][] longs(long[][] pages, int capacity) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    long[][] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = new long[SIZE];
    }
    return out;
  }

  /** Returns {@code pages} with pages added, if needed, to hold {@code capacity} values. */
  static short[][] shorts(short[][] pages, int capacity) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    short[][] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = new short[SIZE];
    }
    return out;
  }

  /** Returns {@code pages} with pages added, if needed, to hold {@code capacity} values. */
  static byte[][] bytes(byte[][] pages, int capacity) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    byte[][] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = new byte[SIZE];
    }
    return out;
  }

  /** Returns {@code pages} with pages added, if needed, to hold {@code capacity} values. */
  static String[][] strings(String[][] pages, int capacity) {
    int n = count(capacity);
    if (n <= pages.length) {
      return pages;
    }
    int old = pages.length;
    String[][] out = Arrays.copyOf(pages, n);
    for (int p = old; p < out.length; p++) {
      out[p] = new String[SIZE];
    }
    return out;
  }
}
