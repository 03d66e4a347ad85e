package dev.rtprofile.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The journal's on-disk format, version {@value #VERSION}. All numbers are big-endian.
 *
 * <pre>
 * segment file  journal-&lt;firstSeq, 20 digits&gt;.log
 * header        [8 bytes magic "RTPJRNL1"][int version][long firstSeq][int CRC32C of the 20 bytes before]
 * entry         [int length &gt;= 1][int CRC32C(payload)][payload: length bytes]
 * </pre>
 *
 * The sequence number of an entry is implicit: the header's {@code firstSeq} plus its index in the
 * segment. Empty payloads are not allowed, so that a zero-filled tail (which some file systems
 * leave after a crash) is damage, not a run of empty entries whose CRC32C happens to be 0.
 */
final class SegmentFormat {
  static final byte[] MAGIC = "RTPJRNL1".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;
  static final int HEADER_BYTES = 8 + 4 + 8 + 4;
  static final int ENTRY_HEADER_BYTES = 8;
  static final String PREFIX = "journal-";
  static final String SUFFIX = ".log";
  static final String TEMP_SUFFIX = ".tmp";

  private static final int SEQ_DIGITS = 20;

  private SegmentFormat() {}

  /** Returns the file name of the segment whose first entry is {@code firstSeq}. */
  static String fileName(long firstSeq) {
    return PREFIX + digits(firstSeq) + SUFFIX;
  }

  /** Returns {@code seq} as the 20 zero-padded digits used in file names. */
  static String digits(long seq) {
    String digits = Long.toString(seq);
    return "0".repeat(SEQ_DIGITS - digits.length()) + digits;
  }

  /**
   * Returns the sequence number in a file name {@code prefix<20 digits>suffix}, or -1 if the name
   * has another shape.
   */
  static long parseSeq(String name, String prefix, String suffix) {
    if (name.length() != prefix.length() + SEQ_DIGITS + suffix.length()
        || !name.startsWith(prefix)
        || !name.endsWith(suffix)) {
      return -1;
    }
    long seq = 0;
    for (int i = prefix.length(); i < prefix.length() + SEQ_DIGITS; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || seq > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      seq = seq * 10 + (c - '0');
    }
    return seq;
  }

  /** Returns the first sequence number of a segment file, or -1 if it is not one. */
  static long segmentSeq(Path file) {
    return parseSeq(file.getFileName().toString(), PREFIX, SUFFIX);
  }

  /** Returns a segment header for {@code firstSeq}, ready to write (position 0). */
  static ByteBuffer header(long firstSeq) {
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(VERSION).putLong(firstSeq);
    header.putInt(crc(header.array(), 0, HEADER_BYTES - 4));
    return header.flip();
  }

  /** Returns the CRC32C of a range of bytes, as an int. */
  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** Returns the CRC32C of a buffer's remaining bytes, as an int; the buffer does not move. */
  static int crc(ByteBuffer bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes.duplicate());
    return (int) crc.getValue();
  }
}
