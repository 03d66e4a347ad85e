package dev.rtprofile.graph;

import java.util.Arrays;

/**
 * A plain growable bit set for marking ids. Unlike {@link java.util.BitSet}, clearing the highest
 * set bit costs O(1), which matters when marks are set and cleared once per operation on sets of
 * millions of ids. Not thread-safe.
 */
final class Marks {
  private long[] words = new long[16];

  boolean get(int i) {
    int w = i >>> 6;
    return w < words.length && (words[w] & (1L << i)) != 0;
  }

  void set(int i) {
    int w = i >>> 6;
    if (w >= words.length) {
      words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
    }
    words[w] |= 1L << i;
  }

  void clear(int i) {
    int w = i >>> 6;
    if (w < words.length) {
      words[w] &= ~(1L << i);
    }
  }
}
