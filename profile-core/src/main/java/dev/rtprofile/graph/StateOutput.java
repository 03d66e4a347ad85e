package dev.rtprofile.graph;

import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The writing side of the engine's state format ({@link StateFormat}): single numbers
 * little-endian; columns of numbers in pages of compact varints (see {@link #writeIntPages}); a
 * column of strings as their sizes, then their UTF-8; all through a buffer of its own that it hands
 * to the {@link DataOutput} in large writes, keeping a CRC-32C of every byte it hands over. Nothing
 * reaches the output before {@link #flush()} or a full buffer.
 *
 * <p>Not thread-safe; used by one writer for one state.
 */
final class StateOutput {
  private static final int BUFFER = 1 << 16;

  private final DataOutput out;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

  StateOutput(DataOutput out) {
    this.out = out;
  }

  /** The CRC-32C of every byte taken so far; flushes first. */
  int checksum() throws IOException {
    flush();
    return (int) crc.getValue();
  }

  /** Hands the buffered bytes to the output. */
  void flush() throws IOException {
    int n = buffer.position();
    if (n > 0) {
      crc.update(buffer.array(), 0, n);
      out.write(buffer.array(), 0, n);
      buffer.clear();
    }
  }

  private void room(int bytes) throws IOException {
    if (buffer.remaining() < bytes) {
      flush();
    }
  }

  void writeByte(int value) throws IOException {
    room(1);
    buffer.put((byte) value);
  }

  void writeBoolean(boolean value) throws IOException {
    writeByte(value ? 1 : 0);
  }

  void writeInt(int value) throws IOException {
    room(4);
    buffer.putInt(value);
  }

  void writeLong(long value) throws IOException {
    room(8);
    buffer.putLong(value);
  }

  /** Writes the bytes as they are, without a length. */
  void writeBytes(byte[] bytes) throws IOException {
    writeBytes(bytes, 0, bytes.length);
  }

  private void writeBytes(byte[] bytes, int from, int length) throws IOException {
    while (length > 0) {
      room(1);
      int n = Math.min(length, buffer.remaining());
      buffer.put(bytes, from, n);
      from += n;
      length -= n;
    }
  }

  /**
   * Writes a column of strings (any of them null, any length below 2 GB): first each one's size,
   * then the total size in bytes, then their bytes, so that the reader can fetch them in large
   * reads. A well-formed string is its UTF-8 (size: the byte count; ASCII, the common case, is
   * copied without an intermediate array); one with a lone surrogate, which UTF-8 cannot carry, is
   * its UTF-16 code units (size: {@code -2 - length}); null is size -1 and no bytes.
   */
  void writeStrings(int count, IntFunction<@Nullable String> strings) throws IOException {
    int[] sizes = new int[count];
    long total = 0;
    for (int i = 0; i < count; i++) {
      String s = strings.apply(i);
      int size;
      if (s == null) {
        size = -1;
      } else if (isAscii(s)) {
        size = s.length();
      } else if (!hasLoneSurrogate(s)) {
        size = s.getBytes(StandardCharsets.UTF_8).length;
      } else {
        size = -2 - s.length();
      }
      sizes[i] = size;
      total += byteCount(size);
    }
    writeInts(sizes, count);
    writeLong(total);
    for (int i = 0; i < count; i++) {
      int size = sizes[i];
      if (size == -1) {
        continue;
      }
      String s = strings.apply(i);
      if (size < -1) {
        for (int c = 0; c < s.length(); c++) {
          room(2);
          buffer.putChar(s.charAt(c));
        }
      } else if (size == s.length()) {
        writeAscii(s);
      } else {
        writeBytes(s.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** The bytes a string of {@link #writeStrings} size {@code size} takes. */
  static long byteCount(int size) {
    return size >= 0 ? size : size == -1 ? 0 : 2L * (-2L - size);
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private void writeAscii(String s) throws IOException {
    int length = s.length();
    for (int from = 0; from < length; ) {
      room(1);
      int n = Math.min(length - from, buffer.remaining());
      int at = buffer.position();
      byte[] array = buffer.array();
      for (int i = 0; i < n; i++) {
        array[at + i] = (byte) s.charAt(from + i);
      }
      buffer.position(at + n);
      from += n;
    }
  }

  // Columns of numbers: pages of up to Pages.SIZE values, each its byte size (an int) and the
  // zigzag varints of each value's difference from the one before it in the column (from 0), so
  // that ids, link ids and timestamps that grow together, and small numbers, take a byte or two.

  /** Writes {@code count} values of a paged column (see {@link Pages}), without a count. */
  void writeIntPages(int[][] pages, int count) throws IOException {
    int prev = 0;
    for (int p = 0; count > 0; p++) {
      int n = Math.min(count, Pages.SIZE);
      prev = writeIntPage(pages[p], 0, n, prev);
      count -= n;
    }
  }

  /** Writes {@code count} values of a paged column, without a count. */
  void writeShortPages(short[][] pages, int count) throws IOException {
    int[] values = new int[Pages.SIZE];
    int prev = 0;
    for (int p = 0; count > 0; p++) {
      int n = Math.min(count, Pages.SIZE);
      for (int i = 0; i < n; i++) {
        values[i] = pages[p][i];
      }
      prev = writeIntPage(values, 0, n, prev);
      count -= n;
    }
  }

  /** Writes {@code count} values of a paged column, without a count. */
  void writeLongPages(long[][] pages, int count) throws IOException {
    long prev = 0;
    for (int p = 0; count > 0; p++) {
      int n = Math.min(count, Pages.SIZE);
      prev = writeLongPage(pages[p], null, 0, n, prev);
      count -= n;
    }
  }

  /**
   * Writes {@code count} values of a paged column as their differences from those of {@code base}
   * (such as last-seen times from first-seen ones), without a count.
   */
  void writeLongPages(long[][] pages, long[][] base, int count) throws IOException {
    for (int p = 0; count > 0; p++) {
      int n = Math.min(count, Pages.SIZE);
      writeLongPage(pages[p], base[p], 0, n, 0);
      count -= n;
    }
  }

  /** Writes {@code count} values of a paged column as they are (one byte each), without a count. */
  void writeBytePages(byte[][] pages, int count) throws IOException {
    for (int p = 0; count > 0; p++) {
      int n = Math.min(count, Pages.SIZE);
      writeBytes(pages[p], 0, n);
      count -= n;
    }
  }

  /** Writes the first {@code count} values of an array as a column, without a count. */
  void writeInts(int[] values, int count) throws IOException {
    int prev = 0;
    for (int from = 0; from < count; from += Pages.SIZE) {
      prev = writeIntPage(values, from, Math.min(Pages.SIZE, count - from), prev);
    }
  }

  /** Writes the first {@code count} values of an array as a column, without a count. */
  void writeLongs(long[] values, int count) throws IOException {
    long prev = 0;
    for (int from = 0; from < count; from += Pages.SIZE) {
      prev = writeLongPage(values, null, from, Math.min(Pages.SIZE, count - from), prev);
    }
  }

  /** Writes the first {@code count} values of an array, eight bytes each, without a count. */
  void writeRawLongs(long[] values, int count) throws IOException {
    for (int from = 0; from < count; ) {
      room(8);
      int n = Math.min(count - from, buffer.remaining() / 8);
      buffer.asLongBuffer().put(values, from, n);
      buffer.position(buffer.position() + n * 8);
      from += n;
    }
  }

  /** Writes one page of a column; returns the last value, the next page's start. */
  private int writeIntPage(int[] values, int from, int n, int prev) throws IOException {
    room(4 + 5 * n);
    byte[] out = buffer.array();
    int start = buffer.position() + 4;
    int at = start;
    for (int i = from, end = from + n; i < end; i++) {
      int v = values[i];
      int z = ((v - prev) << 1) ^ ((v - prev) >> 31);
      prev = v;
      while ((z & ~0x7F) != 0) {
        out[at++] = (byte) (z | 0x80);
        z >>>= 7;
      }
      out[at++] = (byte) z;
    }
    buffer.putInt(at - start);
    buffer.position(at);
    return prev;
  }

  /**
   * Writes one page of a column of longs, each as its difference from {@code base}'s value if
   * given, else from the value before it; returns the last value.
   */
  private long writeLongPage(long[] values, long @Nullable [] base, int from, int n, long prev)
      throws IOException {
    room(4 + 10 * n);
    byte[] out = buffer.array();
    int start = buffer.position() + 4;
    int at = start;
    for (int i = from, end = from + n; i < end; i++) {
      long v = values[i];
      long d = v - (base != null ? base[i] : prev);
      long z = (d << 1) ^ (d >> 63);
      prev = v;
      while ((z & ~0x7FL) != 0) {
        out[at++] = (byte) (z | 0x80);
        z >>>= 7;
      }
      out[at++] = (byte) z;
    }
    buffer.putInt(at - start);
    buffer.position(at);
    return prev;
  }
}
