package dev.rtprofile.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Passes CSV bytes through to the parser with every line whose quoting would take the lines after
 * it along replaced by an empty line (its terminator kept, so that line numbers stay right), and
 * reports those lines. It reads the quoting as RFC 4180 does, the way jackson-dataformat-csv reads
 * it: a field whose first character after spaces is {@code "} is quoted, {@code ""} inside it is
 * one quote, it may span lines, and after its closing quote only spaces, a comma or the end of the
 * line may follow.
 *
 * <p>A record that spans lines is held until its quoted field closes. If instead the input ends,
 * the record grows past {@code maxRow} bytes, or a closing quote is followed by text, the quote
 * that opened it was a stray one: its first line is rejected and reading resumes at the next line,
 * which is read again from the held bytes. A line that is itself malformed (text after a closing
 * quote) or longer than {@code maxRow} bytes is rejected alone. A broken header line ends the
 * input, since no row can be read without it. Memory: the held record, at most {@code maxRow}
 * bytes, and as much again to read back. Not thread-safe.
 */
final class CsvQuoteGuard extends InputStream {
  /** A line the guard took out of the input. */
  record Rejected(long line, InputProblem problem, String detail) {}

  private static final int START = 0; // at the start of a field, maybe after spaces
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int CLOSED = 3; // just after a quote inside a quoted field
  private static final int AFTER = 4; // spaces after a closing quote

  private final InputStream in;
  private final int maxRow;
  private final ArrayDeque<Rejected> rejected = new ArrayDeque<>();

  private final byte[] chunk = new byte[16 * 1024];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;
  private byte[] replay = new byte[0];
  private int replayPos;

  private byte[] record = new byte[1024];
  private int recordLen;
  private byte[] out = record;
  private int outPos;
  private int outEnd;

  /** The number of the line the next record starts on. */
  private long line = 1;

  private boolean started;
  private boolean header = true;
  private boolean ended;

  CsvQuoteGuard(InputStream in, int maxRow) {
    this.in = in;
    this.maxRow = maxRow;
  }

  /** Takes the oldest rejected line if it lies before {@code line}, else returns null. */
  @Nullable Rejected pollBefore(long line) {
    Rejected first = rejected.peekFirst();
    return first != null && first.line() < line ? rejected.pollFirst() : null;
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
    while (outPos == outEnd) {
      if (ended || !nextRecord()) {
        ended = true;
        return -1;
      }
    }
    int n = Math.min(len, outEnd - outPos);
    System.arraycopy(out, outPos, b, off, n);
    outPos += n;
    return n;
  }

  @Override
  public void close() {
    // The caller owns the underlying stream.
  }

  /** Decides the next record and sets what to pass on; returns false at the end of the input. */
  private boolean nextRecord() throws IOException {
    recordLen = 0;
    if (!started) {
      started = true;
      skipByteOrderMark();
    }
    int state = START;
    boolean blank = true;
    int breaks = 0;
    int firstBreakAt = -1; // where the first line's terminator starts, inside a quoted field
    int firstBreakEnd = -1; // and where the second line starts
    while (true) {
      int b = next();
      if (b < 0) {
        if (recordLen == 0) {
          return false;
        }
        if (state == QUOTED) {
          return strayQuote(firstBreakAt, firstBreakEnd, "is never closed");
        }
        pass(breaks, blank);
        return true;
      }
      append(b);
      blank &= b <= ' ';
      if (recordLen > maxRow) {
        if (firstBreakAt >= 0) {
          return strayQuote(
              firstBreakAt,
              firstBreakEnd,
              "is not closed within the limit of " + maxRow + " bytes");
        }
        return rejectLine(
            InputProblem.TOO_LARGE, "the line is longer than the limit of " + maxRow + " bytes");
      }
      boolean endOfLine = b == '\n' || b == '\r';
      switch (state) {
        case START, UNQUOTED -> {
          if (endOfLine) {
            endLine(b);
            pass(breaks, blank);
            return true;
          }
          if (b == ',') {
            state = START;
          } else if (state == START && b == '"') {
            state = QUOTED;
          } else if (b > ' ') {
            state = UNQUOTED;
          }
        }
        case QUOTED -> {
          if (b == '"') {
            state = CLOSED;
          } else if (endOfLine) {
            int at = recordLen - 1;
            endLine(b);
            breaks++;
            if (firstBreakAt < 0) {
              firstBreakAt = at;
              firstBreakEnd = recordLen;
            }
          }
        }
        default -> {
          if (state == CLOSED && b == '"') {
            state = QUOTED;
          } else if (endOfLine) {
            endLine(b);
            pass(breaks, blank);
            return true;
          } else if (b == ',') {
            state = START;
          } else if (b <= ' ') {
            state = AFTER;
          } else if (firstBreakAt >= 0) {
            return strayQuote(firstBreakAt, firstBreakEnd, "closes on a later line before text");
          } else {
            return rejectLine(
                InputProblem.MALFORMED_CSV,
                "a quoted field's closing quote is followed by text: a quote inside a quoted field"
                    + " must be doubled");
          }
        }
      }
    }
  }

  /** Passes the record on as it is; the header is the first that is not blank. */
  private void pass(int breaks, boolean blank) {
    header &= blank;
    line += 1 + breaks;
    out = record;
    outPos = 0;
    outEnd = recordLen;
  }

  /**
   * Rejects the record's first line, whose quote opened a field that then {@code how}, passes on
   * only that line's terminator and reads the rest of the record again.
   */
  private boolean strayQuote(int firstBreakAt, int firstBreakEnd, String how) {
    if (reject(
        InputProblem.MALFORMED_CSV,
        "unterminated quoted field: the quote opened on this line " + how,
        "; the line is skipped and reading resumes at the next line")) {
      return false;
    }
    if (firstBreakAt < 0) {
      // The input ended on this line: nothing after it to read again.
      outPos = 0;
      outEnd = 0;
      return true;
    }
    int rest = replay.length - replayPos;
    byte[] again = Arrays.copyOfRange(record, firstBreakEnd, recordLen + rest);
    System.arraycopy(replay, replayPos, again, recordLen - firstBreakEnd, rest);
    replay = again;
    replayPos = 0;
    line++;
    out = record;
    outPos = firstBreakAt;
    outEnd = firstBreakEnd;
    return true;
  }

  /** Rejects the current physical line alone: skips to its end and passes on its terminator. */
  private boolean rejectLine(InputProblem problem, String detail) throws IOException {
    if (reject(problem, detail, "")) {
      return false;
    }
    recordLen = 0;
    int b;
    do {
      b = next();
    } while (b >= 0 && b != '\n' && b != '\r');
    if (b >= 0) {
      append(b);
      endLine(b);
      line++;
    }
    out = record;
    outPos = 0;
    outEnd = recordLen;
    return true;
  }

  /**
   * Notes a rejected line, with {@code andThen} said after a row's detail; returns true if it is
   * the header, which ends the input.
   */
  private boolean reject(InputProblem problem, String detail, String andThen) {
    if (header) {
      rejected.addLast(
          new Rejected(
              line, problem, "the header line cannot be read, so no row can be: " + detail));
      ended = true;
      return true;
    }
    rejected.addLast(new Rejected(line, problem, detail + andThen));
    return false;
  }

  /** Whether the header line was rejected, so that the parser found no input. */
  boolean headerRejected() {
    return header && ended;
  }

  /** After a CR, takes the LF of a CRLF into the record too. */
  private void endLine(int b) throws IOException {
    if (b == '\r' && peek() == '\n') {
      append(next());
    }
  }

  private void skipByteOrderMark() throws IOException {
    while (chunkEnd - chunkPos < 3 && !eof) {
      fill(true);
    }
    if (chunkEnd - chunkPos >= 3
        && chunk[chunkPos] == (byte) 0xEF
        && chunk[chunkPos + 1] == (byte) 0xBB
        && chunk[chunkPos + 2] == (byte) 0xBF) {
      chunkPos += 3;
      append(0xEF);
      append(0xBB);
      append(0xBF);
    }
  }

  private void append(int b) {
    if (recordLen == record.length) {
      record = Arrays.copyOf(record, Math.min(record.length * 2, maxRow + 3));
    }
    record[recordLen++] = (byte) b;
  }

  private int next() throws IOException {
    if (replayPos < replay.length) {
      return replay[replayPos++] & 0xFF;
    }
    if (chunkPos == chunkEnd && !fill(false)) {
      return -1;
    }
    return chunk[chunkPos++] & 0xFF;
  }

  private int peek() throws IOException {
    if (replayPos < replay.length) {
      return replay[replayPos] & 0xFF;
    }
    if (chunkPos == chunkEnd && !fill(false)) {
      return -1;
    }
    return chunk[chunkPos] & 0xFF;
  }

  /** Reads more of the input, after what is left when {@code keep}; false at its end. */
  private boolean fill(boolean keep) throws IOException {
    if (eof) {
      return false;
    }
    int left = keep ? chunkEnd - chunkPos : 0;
    System.arraycopy(chunk, chunkPos, chunk, 0, left);
    chunkPos = 0;
    chunkEnd = left;
    int n = in.read(chunk, left, chunk.length - left);
    if (n < 0) {
      eof = true;
      return left > 0;
    }
    chunkEnd += n;
    return true;
  }
}
