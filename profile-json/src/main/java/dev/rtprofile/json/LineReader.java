package dev.rtprofile.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines in constant memory: at most one chunk and one line of at most
 * {@code maxLine} bytes are held; the rest of a longer line is skipped unread into memory. Lines
 * end at {@code \n}; a trailing {@code \r} and a leading UTF-8 byte order mark are stripped. The
 * current line is {@link #bytes()}{@code [}{@link #offset()}{@code , +}{@link #length()}{@code )},
 * valid until the next call of {@link #next()}. Not thread-safe.
 */
final class LineReader {
  private static final int CHUNK = 64 * 1024;

  /** Room for a byte order mark and a carriage return beyond the limit. */
  private static final int SLACK = 4;

  private final InputStream in;
  private final int maxLine;
  private final byte[] chunk = new byte[CHUNK];
  private int pos;
  private int limit;
  private byte[] line;
  private long number;

  private byte[] bytes = chunk;
  private int offset;
  private int length;
  private long rawLength;

  LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
    this.line = new byte[Math.min(maxLine + SLACK, 8 * 1024)];
  }

  /** Reads the next line; returns false at the end of the input. */
  boolean next() throws IOException {
    rawLength = 0;
    int copied = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        int n = in.read(chunk, 0, CHUNK);
        pos = 0;
        limit = Math.max(n, 0);
        if (n <= 0) {
          if (!any) {
            return false;
          }
          view(line, 0, copied);
          return true;
        }
      }
      any = true;
      int nl = Bytes.indexOf(chunk, pos, limit, (byte) '\n');
      int end = nl < 0 ? limit : nl;
      int n = end - pos;
      if (nl >= 0 && rawLength == 0) {
        rawLength = n;
        pos = nl + 1;
        view(chunk, end - n, n);
        return true;
      }
      rawLength += n;
      if (rawLength <= (long) maxLine + SLACK) {
        if (copied + n > line.length) {
          line =
              Arrays.copyOf(line, Math.min(Math.max(line.length * 2, copied + n), maxLine + SLACK));
        }
        System.arraycopy(chunk, pos, line, copied, n);
        copied += n;
      }
      pos = nl < 0 ? limit : nl + 1;
      if (nl >= 0) {
        view(line, 0, copied);
        return true;
      }
    }
  }

  private void view(byte[] source, int from, int n) {
    number++;
    int start = from;
    int end = from + n;
    if (end - start >= 3
        && source[start] == (byte) 0xEF
        && source[start + 1] == (byte) 0xBB
        && source[start + 2] == (byte) 0xBF) {
      start += 3;
    }
    if (end > start && source[end - 1] == '\r') {
      end--;
    }
    bytes = source;
    offset = start;
    length = end - start;
  }

  /** The 1-based number of the current line. */
  long number() {
    return number;
  }

  /** Whether the current line is longer than {@code maxLine} bytes, BOM and CR not counted. */
  boolean tooLong() {
    return rawLength > (long) maxLine + SLACK || length > maxLine;
  }

  /** The current line's length in bytes as read, terminator excluded; exact even when too long. */
  long rawLength() {
    return rawLength;
  }

  byte[] bytes() {
    return bytes;
  }

  int offset() {
    return offset;
  }

  int length() {
    return length;
  }
}
