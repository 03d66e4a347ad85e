package dev.rtprofile.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar on stderr for inputs that take more than a second, drawn only when stderr is a
 * terminal; it is redrawn from the reading thread at most ten times a second.
 */
final class Progress {
  private static final long DELAY_NANOS = 1_000_000_000L;
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final boolean enabled;
  private final LongSupplier nanoTime;

  Progress(PrintStream err, boolean enabled) {
    this(err, enabled, System::nanoTime);
  }

  Progress(PrintStream err, boolean enabled, LongSupplier nanoTime) {
    this.err = err;
    this.enabled = enabled;
    this.nanoTime = nanoTime;
  }

  /** Starts tracking one input of {@code total} bytes (0 if unknown). */
  Tracker start(String label, long total) {
    return new Tracker(label, total);
  }

  /** The progress of one input. */
  final class Tracker {
    private final String label;
    private final long total;
    private final long started;
    private long done;
    private long drawn;
    private boolean visible;

    private Tracker(String label, long total) {
      this.label = label;
      this.total = total;
      this.started = nanoTime.getAsLong();
      this.drawn = started - REDRAW_NANOS;
    }

    /** Wraps a stream so that every byte read advances this tracker. */
    InputStream wrap(InputStream in) {
      return new FilterInputStream(in) {
        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            advance(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          int n = super.read(buffer, off, len);
          if (n > 0) {
            advance(n);
          }
          return n;
        }
      };
    }

    /** Records {@code bytes} more read, and redraws if it is time. */
    void advance(long bytes) {
      done += bytes;
      if (!enabled) {
        return;
      }
      long now = nanoTime.getAsLong();
      if (now - started < DELAY_NANOS || now - drawn < REDRAW_NANOS) {
        return;
      }
      drawn = now;
      draw();
    }

    /** Whether the bar has been drawn. */
    boolean visible() {
      return visible;
    }

    /** Completes the bar if it was drawn. */
    void finish() {
      if (visible) {
        done = Math.max(done, total);
        draw();
        err.println();
      }
    }

    private void draw() {
      visible = true;
      StringBuilder line = new StringBuilder("\r").append(label).append(' ');
      if (total > 0) {
        int filled = (int) Math.min(WIDTH, done * WIDTH / total);
        line.append('[')
            .append("#".repeat(filled))
            .append(" ".repeat(WIDTH - filled))
            .append("] ")
            .append(String.format(Locale.ROOT, "%3d%%", Math.min(100, done * 100 / total)));
      }
      line.append(String.format(Locale.ROOT, " %.1f MB", done / 1e6));
      err.print(line);
      err.flush();
    }
  }
}
