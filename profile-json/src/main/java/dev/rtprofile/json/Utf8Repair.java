package dev.rtprofile.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Passes a byte stream through with every ill-formed UTF-8 byte replaced by U+FFFD, and remembers
 * on which lines (counted by {@code \n}, from 1) that happened, so that a CSV row holding one can
 * be rejected while the parser reads on. Memory: two buffers and the lines not yet released.
 */
final class Utf8Repair extends InputStream {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private final InputStream in;
  private final byte[] raw = new byte[16 * 1024];
  private int rawPos;
  private int rawLen;
  private boolean eof;
  private final byte[] out = new byte[raw.length * 3];
  private int outPos;
  private int outLen;
  private long line = 1;
  private final ArrayDeque<Long> invalidLines = new ArrayDeque<>();

  Utf8Repair(InputStream in) {
    this.in = in;
  }

  /** Whether an ill-formed byte was replaced on a line in {@code [from, to]}. */
  boolean invalidBetween(long from, long to) {
    for (long l : invalidLines) {
      if (l > to) {
        return false;
      }
      if (l >= from) {
        return true;
      }
    }
    return false;
  }

  /** Forgets the lines before {@code line}: no row that starts later can hold them. */
  void release(long line) {
    while (!invalidLines.isEmpty() && invalidLines.peekFirst() < line) {
      invalidLines.pollFirst();
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (outPos == outLen) {
      if (!fill()) {
        return -1;
      }
    }
    int n = Math.min(len, outLen - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  /** Converts what raw input there is; returns false at the end of everything. */
  private boolean fill() throws IOException {
    outPos = 0;
    outLen = 0;
    if (rawPos > 0) {
      System.arraycopy(raw, rawPos, raw, 0, rawLen - rawPos);
      rawLen -= rawPos;
      rawPos = 0;
    }
    if (!eof && rawLen < raw.length) {
      int n = in.read(raw, rawLen, raw.length - rawLen);
      if (n < 0) {
        eof = true;
      } else {
        rawLen += n;
      }
    }
    if (rawLen == 0 && eof) {
      return false;
    }
    while (rawPos < rawLen) {
      int b = raw[rawPos];
      if (b >= 0) {
        out[outLen++] = (byte) b;
        if (b == '\n') {
          line++;
        }
        rawPos++;
        continue;
      }
      int n = Utf8.sequence(raw, rawPos, rawLen);
      if (n == Utf8.INCOMPLETE && !eof) {
        break;
      }
      if (n <= 0) {
        System.arraycopy(REPLACEMENT, 0, out, outLen, 3);
        outLen += 3;
        if (invalidLines.isEmpty() || invalidLines.peekLast() != line) {
          invalidLines.addLast(line);
        }
        rawPos++;
      } else {
        System.arraycopy(raw, rawPos, out, outLen, n);
        outLen += n;
        rawPos += n;
      }
    }
    return true;
  }

  @Override
  public void close() {
    // The caller owns the underlying stream.
  }
}
