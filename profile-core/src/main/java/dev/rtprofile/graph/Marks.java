package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;

/**
 * A plain growable bit set for marking ids. Unlike {@link java.util.BitSet}, clearing the highest
 * set bit costs O(1), which matters when marks are set and cleared once per operation on sets of
 * millions of ids. Not thread-safe. {@link #writeTo} and {@link #readFrom} carry its words.
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

  /** Writes the words, as many as there are. */
  void writeTo(StateOutput out) throws IOException {
    out.writeInt(words.length);
    out.writeRawLongs(words, words.length);
  }

  /**
   * Replaces the marks with what {@link #writeTo} wrote, for marks on ids below {@code bound}.
   *
   * @throws MalformedStateException if the input is not such marks
   */
  void readFrom(StateInput in, int bound) throws IOException {
    // Words are added by doubling, for the highest id marked: never more than twice those needed.
    int n = in.count("a mark count", Math.max(16, 2 * ((bound >>> 6) + 1)));
    long[] read = in.readRawLongArray(n);
    if (read.length < 16) {
      throw new MalformedStateException("a mark count is out of range");
    }
    for (int w = bound >>> 6; w < read.length; w++) {
      long allowed = w == bound >>> 6 ? (1L << (bound & 63)) - 1 : 0;
      if ((read[w] & ~allowed) != 0) {
        throw new MalformedStateException("a mark is out of range");
      }
    }
    words = read;
  }
}
