package dev.rtprofile.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte scans eight bytes at a time: a {@code long} read from the array, tested for a given byte or
 * a set high bit with the usual bit tricks, then the byte found by its position in the word. Lines
 * of NDJSON are scanned twice before parsing (for their end, and for bytes that are not ASCII or
 * are NUL); this keeps those scans a small part of reading a line.
 */
final class Bytes {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** The first index of {@code b} in {@code a[from, to)}, or -1. */
  static int indexOf(byte[] a, int from, int to, byte b) {
    long pattern = ONES * (b & 0xFF);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(a, i) ^ pattern;
      long zero = (x - ONES) & ~x & HIGHS;
      if (zero != 0) {
        return i + (Long.numberOfTrailingZeros(zero) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The first index in {@code a[from, to)} of a byte that is not ASCII or is NUL, or -1. */
  static int firstNonAsciiOrNul(byte[] a, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(a, i);
      long found = (x & HIGHS) | ((x - ONES) & ~x & HIGHS);
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (a[i] <= 0) {
        return i;
      }
    }
    return -1;
  }
}
