package dev.rtprofile.json;

import dev.rtprofile.store.IngestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * Streams NDJSON into a store line by line: each line is checked for length, read on its own and
 * handed to the store, and its outcome counted; a bad line never stops the batch. Memory is bounded
 * by one chunk, one line and the reported problems, and with read-ahead by a few batches of read
 * lines.
 *
 * <p>With read-ahead, a second thread splits and parses the lines while the calling thread stores
 * them, so the two halves of the work overlap. The store, the report and the listener see the lines
 * in input order on the calling thread either way, so the outcome is the same.
 */
final class NdjsonIngest {
  /** Reads one line's bytes into what the store takes; data problems are thrown as such. */
  @FunctionalInterface
  interface LineParser<T> {
    T parse(byte[] bytes, int offset, int length);
  }

  /** Hands one read line to the store. */
  @FunctionalInterface
  interface LineStore<T> {
    IngestResult store(T parsed);
  }

  /** Lines per hand-over between the threads; a batch also ends at {@link #BATCH_BYTES}. */
  private static final int BATCH_LINES = 256;

  private static final int BATCH_BYTES = 1 << 20;

  /** Batches read ahead of the store at most: with the batch bounds, about 4 MB of lines. */
  private static final int QUEUE = 4;

  private NdjsonIngest() {}

  static <T> IngestReport run(
      InputStream in,
      int maxLine,
      String kind,
      ReportBuilder report,
      LineParser<T> parser,
      LineStore<T> store,
      boolean readAhead)
      throws IOException {
    if (readAhead) {
      return new Pipeline<>(in, maxLine, kind, parser).run(report, store);
    }
    LineReader reader = new LineReader(in, maxLine);
    while (reader.next()) {
      Line<T> line = read(reader, maxLine, kind, parser);
      apply(line, report, store);
    }
    return report.report();
  }

  /** One line as read: too long, blank, unreadable (with its problem) or parsed. */
  private static final class Line<T> {
    final long number;
    final @Nullable T parsed;
    final @Nullable InputProblem problem;
    final @Nullable String detail;

    Line(long number, @Nullable T parsed, @Nullable InputProblem problem, @Nullable String detail) {
      this.number = number;
      this.parsed = parsed;
      this.problem = problem;
      this.detail = detail;
    }
  }

  private static <T> Line<T> read(LineReader reader, int maxLine, String kind, LineParser<T> p) {
    long number = reader.number();
    if (reader.tooLong()) {
      return new Line<>(
          number,
          null,
          InputProblem.TOO_LARGE,
          "the line is "
              + reader.rawLength()
              + " bytes, over the "
              + kind
              + " limit of "
              + maxLine
              + " bytes");
    }
    if (reader.blank()) {
      return new Line<>(number, null, null, null);
    }
    try {
      return new Line<>(
          number, p.parse(reader.bytes(), reader.offset(), reader.length()), null, null);
    } catch (InvalidJsonException e) {
      return new Line<>(number, null, e.problem(), e.getMessage());
    }
  }

  private static <T> void apply(Line<T> line, ReportBuilder report, LineStore<T> store) {
    T parsed = line.parsed;
    if (parsed != null) {
      report.ingest(line.number, () -> store.store(parsed));
    } else if (line.problem != null) {
      report.reject(line.number, line.problem, line.detail == null ? "" : line.detail);
    } else {
      report.blank();
    }
  }

  /**
   * The reading thread and the hand-over. The reader puts batches of lines in a bounded queue and a
   * last batch that says how the input ended: at its end, or with what the reader threw. The
   * calling thread stores the lines in order; if it stops early (the store or the listener threw,
   * or it was interrupted) it interrupts the reader, which stops at its next hand-over.
   */
  private static final class Pipeline<T> implements Runnable {
    private final InputStream in;
    private final int maxLine;
    private final String kind;
    private final LineParser<T> parser;
    private final BlockingQueue<Batch<T>> queue = new ArrayBlockingQueue<>(QUEUE);

    Pipeline(InputStream in, int maxLine, String kind, LineParser<T> parser) {
      this.in = in;
      this.maxLine = maxLine;
      this.kind = kind;
      this.parser = parser;
    }

    IngestReport run(ReportBuilder report, LineStore<T> store) throws IOException {
      Thread reader = new Thread(this, "rtprofile-ndjson-reader");
      reader.setDaemon(true);
      reader.start();
      boolean done = false;
      try {
        while (true) {
          Batch<T> batch;
          try {
            batch = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ingesting NDJSON");
          }
          for (Line<T> line : batch.lines) {
            apply(line, report, store);
          }
          if (batch.last) {
            done = true;
            rethrow(batch.failure);
            return report.report();
          }
        }
      } finally {
        if (!done) {
          reader.interrupt();
        }
      }
    }

    @Override
    public void run() {
      Batch<T> batch = new Batch<>();
      try {
        LineReader lines = new LineReader(in, maxLine);
        long bytes = 0;
        while (lines.next()) {
          Line<T> line = read(lines, maxLine, kind, parser);
          batch.lines.add(line);
          bytes += Math.min(lines.rawLength(), maxLine);
          if (batch.lines.size() == BATCH_LINES || bytes >= BATCH_BYTES) {
            queue.put(batch);
            batch = new Batch<>();
            bytes = 0;
          }
        }
      } catch (InterruptedException e) {
        return; // the calling thread stopped taking lines
      } catch (Throwable t) {
        // Handed to the calling thread after the lines read before it.
        batch.failure = t;
      }
      batch.last = true;
      try {
        queue.put(batch);
      } catch (InterruptedException e) {
        // the calling thread stopped taking lines
      }
    }

    private static void rethrow(@Nullable Throwable failure) throws IOException {
      if (failure == null) {
        return;
      }
      if (failure instanceof IOException e) {
        throw e;
      }
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new IllegalStateException("the NDJSON reader failed", failure);
    }
  }

  /** Lines handed over at once, and whether the input ends after them. */
  private static final class Batch<T> {
    final List<Line<T>> lines = new ArrayList<>(BATCH_LINES);
    boolean last;
    @Nullable Throwable failure;
  }
}
