package dev.rtprofile.store;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary forms the journal and snapshots share: a growable big-endian byte writer and a reader
 * over a buffer, with variable-length integers, UTF-8 strings and the attribute values the store
 * keeps (String, Boolean, Long, Double, BigDecimal, Instant, List, Map). The reader throws {@link
 * IOException} on malformed input, never another exception, and never names the data.
 */
final class Bytes {
  private static final byte STRING = 1;
  private static final byte TRUE = 2;
  private static final byte FALSE = 3;
  private static final byte LONG = 4;
  private static final byte DOUBLE = 5;
  private static final byte DECIMAL = 6;
  private static final byte INSTANT = 7;
  private static final byte LIST = 8;
  private static final byte MAP = 9;

  private Bytes() {}

  /** A growable byte array written big-endian. Not thread-safe. */
  static final class Writer {
    byte[] buf;
    int size;

    Writer(int capacity) {
      buf = new byte[capacity];
    }

    void reset() {
      size = 0;
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
      }
    }

    void writeByte(int b) {
      ensure(1);
      buf[size++] = (byte) b;
    }

    void writeBoolean(boolean b) {
      writeByte(b ? 1 : 0);
    }

    void writeLong(long v) {
      ensure(8);
      for (int shift = 56; shift >= 0; shift -= 8) {
        buf[size++] = (byte) (v >>> shift);
      }
    }

    /** An unsigned variable-length int (7 bits a byte). */
    void writeVarInt(int v) {
      ensure(5);
      while ((v & ~0x7F) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    /** A signed long, zig-zag encoded in 7 bits a byte. */
    void writeVarLong(long v) {
      long z = (v << 1) ^ (v >> 63);
      ensure(10);
      while ((z & ~0x7FL) != 0) {
        buf[size++] = (byte) ((z & 0x7F) | 0x80);
        z >>>= 7;
      }
      buf[size++] = (byte) z;
    }

    void writeBytes(byte[] bytes) {
      writeVarInt(bytes.length);
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buf, size, bytes.length);
      size += bytes.length;
    }

    /** Recently written path strings (by identity) and their UTF-8 bytes: paths repeat. */
    private final String[] recentPaths = new String[1024];

    private final byte[][] recentBytes = new byte[1024][];

    /**
     * An attribute path, as {@link #writeString}: the parsers hand the same path instances from
     * record to record, so their bytes are kept by instance rather than encoded each time.
     */
    void writePath(String path) {
      int slot = System.identityHashCode(path) & (recentPaths.length - 1);
      byte[] bytes;
      if (recentPaths[slot] == path) {
        bytes = recentBytes[slot];
      } else {
        bytes = path.getBytes(StandardCharsets.UTF_8);
        recentPaths[slot] = path;
        recentBytes[slot] = bytes;
      }
      writeBytes(bytes);
    }

    /** A string as its UTF-8 length and bytes. */
    void writeString(String s) {
      // The JDK encodes a Latin-1 string that is ASCII by copying its bytes (an intrinsic).
      writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** An attribute value in one of the stored forms ({@link AttributeValues#normalize}). */
    void writeValue(Object value) {
      if (value instanceof String s) {
        writeByte(STRING);
        writeString(s);
      } else if (value instanceof Boolean b) {
        writeByte(b ? TRUE : FALSE);
      } else if (value instanceof Long l) {
        writeByte(LONG);
        writeVarLong(l);
      } else if (value instanceof Double d) {
        writeByte(DOUBLE);
        writeLong(Double.doubleToRawLongBits(d));
      } else if (value instanceof BigDecimal d) {
        writeByte(DECIMAL);
        writeVarInt(d.scale() + (1 << 30));
        writeBytes(d.unscaledValue().toByteArray());
      } else if (value instanceof Instant t) {
        writeByte(INSTANT);
        writeVarLong(t.getEpochSecond());
        writeVarInt(t.getNano());
      } else if (value instanceof List<?> list) {
        writeByte(LIST);
        writeVarInt(list.size());
        for (Object item : list) {
          writeValue(item);
        }
      } else if (value instanceof Map<?, ?> map) {
        writeByte(MAP);
        writeVarInt(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
          writeString((String) e.getKey());
          writeValue(e.getValue());
        }
      } else {
        throw new IllegalArgumentException(
            "no stored form for a value of " + value.getClass().getName());
      }
    }
  }

  /** Reads what a {@link Writer} wrote; every malformation is an {@link IOException}. */
  static final class Reader {
    private final ByteBuffer in;

    Reader(ByteBuffer in) {
      this.in = in;
    }

    boolean hasMore() {
      return in.hasRemaining();
    }

    /** The next byte without consuming it; -1 at the end. */
    int peekByte() {
      return in.hasRemaining() ? in.get(in.position()) & 0xFF : -1;
    }

    int readByte() throws IOException {
      try {
        return in.get() & 0xFF;
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    boolean readBoolean() throws IOException {
      int b = readByte();
      if (b > 1) {
        throw new IOException("malformed entry: a flag byte was " + b);
      }
      return b == 1;
    }

    long readLong() throws IOException {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    int readVarInt() throws IOException {
      int v = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int b = readByte();
        v |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
      throw new IOException("malformed entry: a variable-length int runs over 5 bytes");
    }

    /** A length: a var int that fits in what is left. */
    int readLength() throws IOException {
      int n = readVarInt();
      if (n < 0 || n > in.remaining()) {
        throw new IOException(
            "malformed entry: a length of " + n + " with " + in.remaining() + " bytes left");
      }
      return n;
    }

    /** A count of items each at least one byte long. */
    int readCount() throws IOException {
      return readLength();
    }

    long readVarLong() throws IOException {
      long z = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        int b = readByte();
        z |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (z >>> 1) ^ -(z & 1);
        }
      }
      throw new IOException("malformed entry: a variable-length long runs over 10 bytes");
    }

    byte[] readBytes() throws IOException {
      byte[] out = new byte[readLength()];
      in.get(out);
      return out;
    }

    String readString() throws IOException {
      int n = readLength();
      if (in.hasArray()) {
        int at = in.arrayOffset() + in.position();
        in.position(in.position() + n);
        return new String(in.array(), at, n, StandardCharsets.UTF_8);
      }
      byte[] bytes = new byte[n];
      in.get(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    Object readValue() throws IOException {
      int tag = readByte();
      switch (tag) {
        case STRING:
          return readString();
        case TRUE:
          return Boolean.TRUE;
        case FALSE:
          return Boolean.FALSE;
        case LONG:
          return readVarLong();
        case DOUBLE:
          return Double.longBitsToDouble(readLong());
        case DECIMAL:
          {
            int scale = readVarInt() - (1 << 30);
            byte[] unscaled = readBytes();
            if (unscaled.length == 0) {
              throw new IOException("malformed entry: an empty decimal");
            }
            return new BigDecimal(new BigInteger(unscaled), scale);
          }
        case INSTANT:
          {
            long seconds = readVarLong();
            int nanos = readVarInt();
            try {
              return Instant.ofEpochSecond(seconds, nanos);
            } catch (RuntimeException e) {
              throw new IOException("malformed entry: an instant out of range");
            }
          }
        case LIST:
          {
            int n = readCount();
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              out.add(readValue());
            }
            return Collections.unmodifiableList(out);
          }
        case MAP:
          {
            int n = readCount();
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
              String key = readString();
              out.put(key, readValue());
            }
            return Collections.unmodifiableMap(out);
          }
        default:
          throw new IOException("malformed entry: unknown value tag " + tag);
      }
    }

    private static IOException truncated() {
      return new IOException("malformed entry: it ends in the middle of a field");
    }
  }
}
