package dev.rtprofile.graph;

import java.io.DataInput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * The reading side of the engine's state format ({@link StateFormat}), the mirror of {@link
 * StateOutput}: it never reads from the {@link DataInput} past the end of the state (a caller may
 * have its own data after it), yet fetches columns in large reads, and keeps a CRC-32C of every
 * byte read.
 *
 * <p>Allocates in proportion to the bytes actually read, never to a count read from the input: a
 * garbled count makes the input run out ({@link java.io.EOFException}) rather than memory. Counts
 * and ids are checked with {@link #count} and {@link #check}, which fail with a {@link
 * MalformedStateException} naming what was counted, never a value read. Not thread-safe.
 */
final class StateInput {
  private static final int BUFFER = 1 << 16;

  private final DataInput in;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
  private final CRC32C crc = new CRC32C();

  /** Bytes of the current block of strings not yet fetched: they may be fetched early. */
  private long ahead;

  StateInput(DataInput in) {
    this.in = in;
    buffer.limit(0);
  }

  /** The CRC-32C of every byte read so far. */
  int checksum() {
    return (int) crc.getValue();
  }

  /**
   * Makes {@code bytes} (at most the buffer's size) available, fetching what is missing and, inside
   * a block of strings, as much more of the block as fits.
   */
  private void need(int bytes) throws IOException {
    int have = buffer.remaining();
    if (have >= bytes) {
      return;
    }
    buffer.compact();
    int at = buffer.position();
    int missing = bytes - have;
    int fetch = (int) Math.max(missing, Math.min(ahead, buffer.remaining()));
    in.readFully(buffer.array(), at, fetch);
    crc.update(buffer.array(), at, fetch);
    ahead = Math.max(0, ahead - fetch);
    buffer.position(at + fetch);
    buffer.flip();
  }

  int readByte() throws IOException {
    need(1);
    return buffer.get();
  }

  boolean readBoolean() throws IOException {
    int b = readByte();
    if (b != 0 && b != 1) {
      throw new MalformedStateException("a flag is neither 0 nor 1");
    }
    return b == 1;
  }

  int readInt() throws IOException {
    need(4);
    return buffer.getInt();
  }

  long readLong() throws IOException {
    need(8);
    return buffer.getLong();
  }

  /**
   * Reads a count and checks that it lies in {@code [0, max]}.
   *
   * @throws MalformedStateException naming {@code what} if it does not
   */
  int count(String what, int max) throws IOException {
    int n = readInt();
    if (n < 0 || n > max) {
      throw new MalformedStateException(what + " is out of range");
    }
    return n;
  }

  /**
   * Checks that a number read from the input lies in {@code [0, bound)}.
   *
   * @throws MalformedStateException naming {@code what} if it does not
   */
  static int check(int id, int bound, String what) throws MalformedStateException {
    if (id < 0 || id >= bound) {
      throw new MalformedStateException(what + " is out of range");
    }
    return id;
  }

  /** Reads exactly {@code length} bytes, allocating as they arrive. */
  byte[] readBytes(int length) throws IOException {
    byte[] out = new byte[Math.min(length, BUFFER)];
    int done = 0;
    while (done < length) {
      if (done == out.length) {
        out = Arrays.copyOf(out, (int) Math.min(length, out.length * 2L));
      }
      int n = Math.min(BUFFER, out.length - done);
      need(n);
      buffer.get(out, done, n);
      done += n;
    }
    return out;
  }

  /** Reads a column of {@code count} strings that {@link StateOutput#writeStrings} wrote. */
  @Nullable String[] readStrings(int count) throws IOException {
    int[] sizes = readIntArray(count, 0);
    long total = 0;
    for (int i = 0; i < count; i++) {
      if (sizes[i] < -1 - (Integer.MAX_VALUE / 2)) {
        throw new MalformedStateException("a string's size is out of range");
      }
      total += StateOutput.byteCount(sizes[i]);
    }
    if (readLong() != total) {
      throw new MalformedStateException("a column of strings has the wrong size");
    }
    @Nullable String[] out = new String[count];
    ahead = total - buffer.remaining();
    for (int i = 0; i < count; i++) {
      int size = sizes[i];
      if (size == -1) {
        continue;
      }
      if (size < -1) {
        byte[] utf16 = readBytes((int) StateOutput.byteCount(size));
        ByteBuffer chars = ByteBuffer.wrap(utf16).order(ByteOrder.LITTLE_ENDIAN);
        char[] text = new char[utf16.length / 2];
        chars.asCharBuffer().get(text);
        out[i] = new String(text);
      } else if (size <= BUFFER) {
        need(size);
        int at = buffer.position();
        out[i] = new String(buffer.array(), at, size, StandardCharsets.UTF_8);
        buffer.position(at + size);
      } else {
        out[i] = new String(readBytes(size), StandardCharsets.UTF_8);
      }
    }
    ahead = 0;
    return out;
  }

  /** {@link #readStrings} for a column that holds no null. */
  String[] readNonNullStrings(int count) throws IOException {
    @Nullable String[] strings = readStrings(count);
    for (String s : strings) {
      if (s == null) {
        throw new MalformedStateException("a string is missing");
      }
    }
    return strings;
  }

  // Columns of numbers, as StateOutput writes them: pages of up to Pages.SIZE values, each its
  // byte size and the zigzag varints of each value's difference from the one before it.

  /**
   * Reads {@code count} values into a new paged column of {@code pageCount} pages (see {@link
   * Pages}), the values past {@code count} being {@code fill}.
   */
  int[][] readIntPages(int count, int pageCount, int fill) throws IOException {
    int[][] pages = new int[pageCount][];
    int prev = 0;
    for (int p = 0; p < pageCount; p++) {
      int[] page = new int[Pages.SIZE];
      int n = valuesOnPage(count, p);
      if (n > 0) {
        prev = readIntPage(page, 0, n, prev);
      }
      if (fill != 0) {
        Arrays.fill(page, n, Pages.SIZE, fill);
      }
      pages[p] = page;
    }
    return pages;
  }

  /** {@link #readIntPages} for shorts, the values past {@code count} zero. */
  short[][] readShortPages(int count, int pageCount) throws IOException {
    short[][] pages = new short[pageCount][];
    int[] values = new int[Pages.SIZE];
    int prev = 0;
    for (int p = 0; p < pageCount; p++) {
      short[] page = new short[Pages.SIZE];
      int n = valuesOnPage(count, p);
      if (n > 0) {
        prev = readIntPage(values, 0, n, prev);
        for (int i = 0; i < n; i++) {
          if (values[i] != (short) values[i]) {
            throw new MalformedStateException("a short value is out of range");
          }
          page[i] = (short) values[i];
        }
      }
      pages[p] = page;
    }
    return pages;
  }

  /** {@link #readIntPages} for longs, the values past {@code count} zero. */
  long[][] readLongPages(int count, int pageCount) throws IOException {
    long[][] pages = new long[pageCount][];
    long prev = 0;
    for (int p = 0; p < pageCount; p++) {
      long[] page = new long[Pages.SIZE];
      int n = valuesOnPage(count, p);
      if (n > 0) {
        prev = readLongPage(page, null, 0, n, prev);
      }
      pages[p] = page;
    }
    return pages;
  }

  /** Reads what {@link StateOutput#writeLongPages(long[][], long[][], int)} wrote. */
  long[][] readLongPages(int count, int pageCount, long[][] base) throws IOException {
    long[][] pages = new long[pageCount][];
    for (int p = 0; p < pageCount; p++) {
      long[] page = new long[Pages.SIZE];
      int n = valuesOnPage(count, p);
      if (n > 0) {
        readLongPage(page, base[p], 0, n, 0);
      }
      pages[p] = page;
    }
    return pages;
  }

  /** {@link #readIntPages} for bytes written as they are, the values past {@code count} zero. */
  byte[][] readBytePages(int count, int pageCount) throws IOException {
    byte[][] pages = new byte[pageCount][];
    for (int p = 0; p < pageCount; p++) {
      byte[] page = new byte[Pages.SIZE];
      int n = valuesOnPage(count, p);
      if (n > 0) {
        need(n);
        buffer.get(page, 0, n);
      }
      pages[p] = page;
    }
    return pages;
  }

  private static int valuesOnPage(int count, int page) {
    return (int) Math.max(0, Math.min(Pages.SIZE, count - (long) page * Pages.SIZE));
  }

  /**
   * Reads a column of {@code count} ints into a new array of length {@code max(count, minLength)},
   * allocating as the values arrive.
   */
  int[] readIntArray(int count, int minLength) throws IOException {
    int length = Math.max(count, minLength);
    int[] out = new int[Math.min(length, Math.max(minLength, 1 << 14))];
    int prev = 0;
    for (int done = 0; done < count; ) {
      if (done + Pages.SIZE > out.length && out.length < length) {
        out = Arrays.copyOf(out, (int) Math.min(length, out.length * 2L));
      }
      int n = Math.min(Pages.SIZE, count - done);
      prev = readIntPage(out, done, n, prev);
      done += n;
    }
    return out.length == length ? out : Arrays.copyOf(out, length);
  }

  /** Reads a column of {@code count} longs into a new array, allocating as they arrive. */
  long[] readLongArray(int count) throws IOException {
    long[] out = new long[Math.min(count, 1 << 13)];
    long prev = 0;
    for (int done = 0; done < count; ) {
      if (done + Pages.SIZE > out.length && out.length < count) {
        out = Arrays.copyOf(out, (int) Math.min(count, out.length * 2L));
      }
      int n = Math.min(Pages.SIZE, count - done);
      prev = readLongPage(out, null, done, n, prev);
      done += n;
    }
    return out;
  }

  /** Reads what {@link StateOutput#writeRawLongs} wrote, allocating as the values arrive. */
  long[] readRawLongArray(int count) throws IOException {
    long[] out = new long[Math.min(count, 1 << 13)];
    for (int done = 0; done < count; ) {
      if (done == out.length) {
        out = Arrays.copyOf(out, (int) Math.min(count, out.length * 2L));
      }
      int n = Math.min(Math.min(count - done, out.length - done), BUFFER / 8);
      need(n * 8);
      buffer.asLongBuffer().get(out, done, n);
      buffer.position(buffer.position() + n * 8);
      done += n;
    }
    return out;
  }

  /** Reads one page of a column into {@code into} from {@code from}; returns the last value. */
  private int readIntPage(int[] into, int from, int n, int prev) throws IOException {
    int size = readInt();
    if (size < n || size > 5 * n) {
      throw new MalformedStateException("a column's page size is out of range");
    }
    need(size);
    byte[] in = buffer.array();
    int at = buffer.position();
    int end = at + size;
    for (int i = from, last = from + n; i < last; i++) {
      int z = 0;
      for (int shift = 0; ; shift += 7) {
        if (at == end || shift > 28) {
          throw new MalformedStateException("a column's page is malformed");
        }
        int b = in[at++];
        z |= (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
      }
      prev += (z >>> 1) ^ -(z & 1);
      into[i] = prev;
    }
    if (at != end) {
      throw new MalformedStateException("a column's page is malformed");
    }
    buffer.position(end);
    return prev;
  }

  /**
   * Reads one page of a column of longs, each the difference from {@code base}'s value if given,
   * else from the value before it; returns the last value.
   */
  private long readLongPage(long[] into, long @Nullable [] base, int from, int n, long prev)
      throws IOException {
    int size = readInt();
    if (size < n || size > 10 * n) {
      throw new MalformedStateException("a column's page size is out of range");
    }
    need(size);
    byte[] in = buffer.array();
    int at = buffer.position();
    int end = at + size;
    for (int i = from, last = from + n; i < last; i++) {
      long z = 0;
      for (int shift = 0; ; shift += 7) {
        if (at == end || shift > 63) {
          throw new MalformedStateException("a column's page is malformed");
        }
        int b = in[at++];
        z |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          break;
        }
      }
      long d = (z >>> 1) ^ -(z & 1);
      long v = (base != null ? base[i] : prev) + d;
      into[i] = v;
      prev = v;
    }
    if (at != end) {
      throw new MalformedStateException("a column's page is malformed");
    }
    buffer.position(end);
    return prev;
  }
}
