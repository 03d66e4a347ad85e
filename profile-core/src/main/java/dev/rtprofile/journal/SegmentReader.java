package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one segment file forward, validating as it goes: first {@link #readHeader}, then {@link
 * #next} for each entry. It reads no further than a given limit and never throws on damage: it
 * reports it ({@link #damage()}) at the offset where the first bad header or entry starts. Not
 * thread-safe; one reader per file and thread.
 */
final class SegmentReader {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileChannel channel;
  private final long limit;

  /** The bytes read from the file and not yet consumed, between position and limit. */
  private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();

  /** The file offset of {@code buffer}'s position. */
  private long offset;

  /** The file offset the next read from the channel starts at. */
  private long readOffset;

  private @Nullable String damage;
  private long damageOffset = -1;
  private ByteBuffer payload = ByteBuffer.allocate(0);

  /**
   * Creates a reader of {@code channel} from its start to {@code limit} bytes.
   *
   * @param limit the file's size, or where the valid entries known to a journal end
   */
  SegmentReader(FileChannel channel, long limit) {
    this.channel = channel;
    this.limit = limit;
  }

  /**
   * Reads and checks the header.
   *
   * @return the header's first sequence number, or -1 if the header is damaged ({@link #damage()}
   *     says how)
   * @throws UnsupportedVersionException if the header is intact but of a newer format version
   */
  long readHeader() throws IOException {
    if (!fill(SegmentFormat.HEADER_BYTES)) {
      return damaged("short header");
    }
    byte[] header = new byte[SegmentFormat.HEADER_BYTES];
    buffer.get(header);
    byte[] magic = Arrays.copyOf(header, SegmentFormat.MAGIC.length);
    ByteBuffer fields = ByteBuffer.wrap(header);
    int version = fields.getInt(8);
    long firstSeq = fields.getLong(12);
    int storedCrc = fields.getInt(20);
    if (!Arrays.equals(magic, SegmentFormat.MAGIC)) {
      return damaged("bad magic in header");
    }
    if (storedCrc != SegmentFormat.crc(header, 0, SegmentFormat.HEADER_BYTES - 4)) {
      return damaged("header checksum mismatch");
    }
    if (version > SegmentFormat.VERSION) {
      throw new UnsupportedVersionException(version);
    }
    if (version < 1 || firstSeq < 1) {
      return damaged("bad header fields");
    }
    offset = SegmentFormat.HEADER_BYTES;
    return firstSeq;
  }

  /**
   * Reads the next entry into {@link #payload()}.
   *
   * @return {@code true} for a valid entry; {@code false} at the limit or at damage (then {@link
   *     #damage()} is set)
   */
  boolean next() throws IOException {
    if (damage != null || offset == limit) {
      return false;
    }
    if (!fill(SegmentFormat.ENTRY_HEADER_BYTES)) {
      damaged("short entry header");
      return false;
    }
    int length = buffer.getInt(buffer.position());
    int storedCrc = buffer.getInt(buffer.position() + 4);
    if (length <= 0) {
      damaged("bad entry length");
      return false;
    }
    if (length > limit - offset - SegmentFormat.ENTRY_HEADER_BYTES
        || !fill(SegmentFormat.ENTRY_HEADER_BYTES + length)) {
      damaged("short entry");
      return false;
    }
    ByteBuffer entry = buffer.slice(buffer.position() + SegmentFormat.ENTRY_HEADER_BYTES, length);
    if (SegmentFormat.crc(entry) != storedCrc) {
      damaged("checksum mismatch");
      return false;
    }
    payload = entry.asReadOnlyBuffer();
    buffer.position(buffer.position() + SegmentFormat.ENTRY_HEADER_BYTES + length);
    offset += SegmentFormat.ENTRY_HEADER_BYTES + length;
    return true;
  }

  /** Returns the last valid entry's payload, read-only; valid until the next call. */
  ByteBuffer payload() {
    return payload;
  }

  /** Returns the offset just after the last valid entry (or the header), or the damage's offset. */
  long offset() {
    return damage != null ? damageOffset : offset;
  }

  /** Returns what was damaged, or {@code null} if nothing (so far). */
  @Nullable String damage() {
    return damage;
  }

  /** Records damage at the current offset; returns -1, {@link #readHeader}'s answer for it. */
  private long damaged(String reason) {
    damage = reason;
    damageOffset = offset;
    return -1;
  }

  /**
   * Makes at least {@code bytes} bytes available in {@code buffer} if the file and the limit have
   * them; returns whether they are.
   */
  private boolean fill(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return true;
    }
    if (limit - offset < bytes) {
      return false;
    }
    if (buffer.capacity() < bytes) {
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(bytes, BUFFER_BYTES));
      bigger.put(buffer).flip();
      buffer = bigger;
    } else {
      buffer.compact().flip();
    }
    while (buffer.remaining() < bytes) {
      int free = buffer.capacity() - buffer.limit();
      long wanted = Math.min(free, limit - readOffset);
      if (wanted <= 0) {
        return false;
      }
      ByteBuffer target = buffer.duplicate();
      target.position(buffer.limit()).limit(buffer.limit() + (int) wanted);
      int read = channel.read(target, readOffset);
      if (read < 0) {
        return false; // the file is shorter than the limit said
      }
      readOffset += read;
      buffer.limit(buffer.limit() + read);
    }
    return true;
  }
}
