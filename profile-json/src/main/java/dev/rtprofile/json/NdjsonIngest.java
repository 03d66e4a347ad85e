package dev.rtprofile.json;

import dev.rtprofile.store.IngestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Streams NDJSON into a store line by line: each line is checked for length, read on its own and
 * handed to the store, and its outcome counted; a bad line never stops the batch. Memory is bounded
 * by one chunk, one line and the reported problems, and with read-ahead by a few batches of lines.
 *
 * <p>With read-ahead, one thread splits the input into batches of lines, parser threads (one per
 * processor) read the batches into what the store takes, and the calling thread stores them. The
 * batches are stored in input order, so the store, the report and the listener see the lines in
 * input order on the calling thread, as without read-ahead: the outcome is the same.
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

  /** Lines per batch; a batch also ends at {@link #BATCH_BYTES}. */
  private static final int BATCH_LINES = 256;

  private static final int BATCH_BYTES = 1 << 20;

  private NdjsonIngest() {}

  /**
   * Streams {@code in}. {@code parsers} makes a parser for each thread that parses (a parser may
   * keep state from line to line: it is used by one thread only).
   */
  static <T> IngestReport run(
      InputStream in,
      int maxLine,
      String kind,
      ReportBuilder report,
      Supplier<LineParser<T>> parsers,
      LineStore<T> store,
      boolean readAhead)
      throws IOException {
    if (readAhead) {
      return new Pipeline<>(in, maxLine, kind, parsers).run(report, store);
    }
    LineParser<T> parser = parsers.get();
    LineReader reader = new LineReader(in, maxLine);
    while (reader.next()) {
      Line<T> line =
          read(
              reader.number(),
              reader.tooLong(),
              reader.rawLength(),
              reader.bytes(),
              reader.offset(),
              reader.length(),
              maxLine,
              kind,
              parser);
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

  private static <T> Line<T> read(
      long number,
      boolean tooLong,
      long rawLength,
      byte[] bytes,
      int offset,
      int length,
      int maxLine,
      String kind,
      LineParser<T> parser) {
    if (tooLong) {
      return new Line<>(
          number,
          null,
          InputProblem.TOO_LARGE,
          "the line is "
              + rawLength
              + " bytes, over the "
              + kind
              + " limit of "
              + maxLine
              + " bytes");
    }
    if (blank(bytes, offset, length)) {
      return new Line<>(number, null, null, null);
    }
    try {
      return new Line<>(number, parser.parse(bytes, offset, length), null, null);
    } catch (InvalidJsonException e) {
      return new Line<>(number, null, e.problem(), e.getMessage());
    }
  }

  /** Whether the bytes hold only spaces, tabs and carriage returns. */
  private static boolean blank(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
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
   * The threads and the hand-over. The splitting thread copies lines into raw batches, hands each
   * to the parser pool and queues the parse's future, in input order, in a bounded queue; the last
   * one says how the input ended (at its end, or with what reading threw). The calling thread waits
   * for the futures in order and stores their lines. If it stops early (the store or the listener
   * threw, or it was interrupted) it interrupts the splitting thread and the parsers.
   */
  private static final class Pipeline<T> implements Runnable {
    private static final AtomicInteger PIPELINES = new AtomicInteger();

    private final InputStream in;
    private final int maxLine;
    private final String kind;

    /** Each parser thread's own parser, kept from batch to batch (its names stay cached). */
    private final ThreadLocal<LineParser<T>> parsers;

    private final ExecutorService pool;
    private final BlockingQueue<Future<Batch<T>>> queue;

    Pipeline(InputStream in, int maxLine, String kind, Supplier<LineParser<T>> parsers) {
      this.in = in;
      this.maxLine = maxLine;
      this.kind = kind;
      this.parsers = ThreadLocal.withInitial(parsers);
      int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
      int pipeline = PIPELINES.incrementAndGet();
      AtomicInteger made = new AtomicInteger();
      this.pool =
          Executors.newFixedThreadPool(
              threads,
              r -> {
                Thread t =
                    new Thread(
                        r, "rtprofile-ndjson-parser-" + pipeline + "-" + made.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      // Enough batches in flight to keep every parser busy: about 2 MB of lines per parser.
      this.queue = new ArrayBlockingQueue<>(2 * threads + 2);
    }

    IngestReport run(ReportBuilder report, LineStore<T> store) throws IOException {
      Thread splitter = new Thread(this, "rtprofile-ndjson-reader");
      splitter.setDaemon(true);
      splitter.start();
      boolean done = false;
      try {
        while (true) {
          Batch<T> batch;
          try {
            batch = queue.take().get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while ingesting NDJSON");
          } catch (ExecutionException e) {
            throw rethrow(e.getCause());
          }
          for (Line<T> line : batch.lines) {
            apply(line, report, store);
          }
          if (batch.last) {
            done = true;
            if (batch.failure != null) {
              throw rethrow(batch.failure);
            }
            return report.report();
          }
        }
      } finally {
        if (!done) {
          splitter.interrupt();
        }
        pool.shutdownNow();
      }
    }

    /** The splitting thread. */
    @Override
    public void run() {
      Raw raw = new Raw();
      try {
        LineReader lines = new LineReader(in, maxLine);
        while (lines.next()) {
          raw.add(lines);
          if (raw.count == BATCH_LINES || raw.used >= BATCH_BYTES) {
            hand(raw);
            raw = new Raw();
          }
        }
      } catch (InterruptedException e) {
        return; // the calling thread stopped taking lines
      } catch (Throwable t) {
        // Handed to the calling thread after the lines read before it.
        raw.failure = t;
      }
      raw.last = true;
      try {
        hand(raw);
      } catch (InterruptedException e) {
        // the calling thread stopped taking lines
      }
    }

    private void hand(Raw raw) throws InterruptedException {
      Future<Batch<T>> parsed;
      try {
        parsed = pool.submit(() -> parse(raw));
      } catch (RejectedExecutionException e) {
        throw new InterruptedException("the pool was shut down");
      }
      queue.put(parsed);
    }

    private Batch<T> parse(Raw raw) {
      LineParser<T> parser = parsers.get();
      Batch<T> batch = new Batch<>(raw.count);
      for (int i = 0; i < raw.count; i++) {
        batch.lines.add(
            read(
                raw.numbers[i],
                raw.tooLong[i],
                raw.rawLengths[i],
                raw.bytes,
                raw.offsets[i],
                raw.lengths[i],
                maxLine,
                kind,
                parser));
      }
      batch.last = raw.last;
      batch.failure = raw.failure;
      return batch;
    }
  }

  /** Lines copied out of the stream for a parser: their bytes end to end, and where each is. */
  private static final class Raw {
    byte[] bytes = new byte[16 * 1024];
    int used;
    int count;
    long[] numbers = new long[BATCH_LINES];
    long[] rawLengths = new long[BATCH_LINES];
    boolean[] tooLong = new boolean[BATCH_LINES];
    int[] offsets = new int[BATCH_LINES];
    int[] lengths = new int[BATCH_LINES];
    boolean last;
    @Nullable Throwable failure;

    void add(LineReader line) {
      int i = count++;
      numbers[i] = line.number();
      rawLengths[i] = line.rawLength();
      tooLong[i] = line.tooLong();
      int n = tooLong[i] ? 0 : line.length();
      if (used + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + n));
      }
      System.arraycopy(line.bytes(), line.offset(), bytes, used, n);
      offsets[i] = used;
      lengths[i] = n;
      used += n;
    }
  }

  /** Lines read from one raw batch, and whether the input ends after them. */
  private static final class Batch<T> {
    final List<Line<T>> lines;
    boolean last;
    @Nullable Throwable failure;

    Batch(int size) {
      lines = new ArrayList<>(size);
    }
  }

  private static IOException rethrow(Throwable failure) throws IOException {
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
