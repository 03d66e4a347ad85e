package dev.rtprofile.journal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A writable journal's write path: the append buffer, the flusher thread and group commit.
 *
 * <p><b>Protocol.</b> All fields below are guarded by {@code lock}, which no one holds during I/O.
 * {@link #append} copies the framed entry into {@code pending} and returns; it never waits for the
 * disk. All writing and forcing is done by one daemon thread, the flusher, so that an interrupted
 * caller can never close a file channel under the journal. Callers that need an entry written or
 * forced raise {@code writeTarget} or {@code forceTarget} and wait on {@code progress}. The flusher
 * swaps {@code pending} with {@code spare} (double buffering: appends continue into the other
 * buffer), writes the batch, forces it if anyone asked, then publishes {@code writtenSeq} and
 * {@code durableSeq}. Everything appended while a force runs goes into the next batch, so all the
 * threads waiting during one force share the next one (group commit). With {@link
 * SyncMode#INTERVAL} the flusher also wakes every interval and forces whatever was appended since
 * the last force.
 *
 * <p><b>Failure.</b> The first I/O error sets {@code failure} and stops the flusher, which never
 * forces again: every waiter and every later call gets a {@link JournalFailedException}.
 */
final class JournalWriter {
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;
  private static final int RETAINED_BUFFER_BYTES = 4 << 20;
  private static final int FLUSH_HINT_BYTES = 1 << 20;
  private static final long MAX_BUFFER_BYTES = Integer.MAX_VALUE - 16;

  private final SyncMode mode;
  private final long intervalNanos;
  private final SegmentAppender appender; // the flusher thread's alone once it runs

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition progress = lock.newCondition();

  private ByteBuffer pending = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
  private ByteBuffer spare = ByteBuffer.allocate(INITIAL_BUFFER_BYTES);
  private long lastSeq;
  private long writtenSeq;
  private long durableSeq;
  private long writeTarget;
  private long forceTarget;
  private long rollsRequested;
  private long rollsDone;
  private boolean closed;
  private boolean stopped;
  private @Nullable JournalFailedException failure;

  /**
   * Starts the write path after {@code lastSeq}, which must be durable already.
   *
   * @param appender positioned at the end of the current segment
   */
  JournalWriter(SyncMode mode, long intervalNanos, SegmentAppender appender, long lastSeq) {
    this.mode = mode;
    this.intervalNanos = intervalNanos;
    this.appender = appender;
    this.lastSeq = lastSeq;
    this.writtenSeq = lastSeq;
    this.durableSeq = lastSeq;
    this.writeTarget = lastSeq;
    this.forceTarget = lastSeq;
    Thread flusher = new Thread(this::flushLoop, "rtprofile-journal-flusher");
    flusher.setDaemon(true);
    flusher.start();
  }

  /** See {@link Journal#append}; the arguments are checked, {@code crc} is the payload's. */
  long append(byte[] payload, int offset, int length, int crc) throws JournalFailedException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the journal is closed");
      }
      throwIfFailed();
      int bytes = SegmentFormat.ENTRY_HEADER_BYTES + length;
      if (pending.remaining() < bytes) {
        grow(bytes);
      }
      pending.putInt(length).putInt(crc).put(payload, offset, length);
      lastSeq++;
      if (pending.position() > FLUSH_HINT_BYTES && writeTarget < lastSeq) {
        writeTarget = lastSeq; // bound the buffer: have the flusher write it, without waiting
        work.signal();
      }
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /** Returns the last sequence number appended. */
  long lastSeq() {
    lock.lock();
    try {
      return lastSeq;
    } finally {
      lock.unlock();
    }
  }

  /** See {@link Journal#awaitDurable}. */
  void awaitDurable(long seq) throws IOException {
    await(seq, mode == SyncMode.EVERY_WRITE);
  }

  /** Waits until {@code seq} is written to the operating system, whatever the mode. */
  void awaitWritten(long seq) throws IOException {
    await(seq, false);
  }

  /** Writes and forces everything appended; returns the last sequence number it covers. */
  long sync() throws IOException {
    lock.lock();
    try {
      long seq = lastSeq;
      await(seq, true);
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /** Syncs, then has the flusher start a new segment; returns the last sequence number. */
  long roll() throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the journal is closed");
      }
      throwIfFailed();
      long seq = lastSeq;
      long ticket = ++rollsRequested;
      work.signal();
      while (rollsDone < ticket) {
        throwIfFailed();
        awaitProgress();
      }
      return seq;
    } finally {
      lock.unlock();
    }
  }

  /** Returns whether a write or a force failed. */
  boolean failed() {
    lock.lock();
    try {
      return failure != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Syncs and stops the flusher; idempotent.
   *
   * @throws JournalFailedException on the first call, if the journal failed (before or during it)
   */
  void close() throws JournalFailedException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      work.signal();
      while (!stopped) {
        progress.awaitUninterruptibly();
      }
      throwIfFailed();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until {@code seq} is written (and forced if {@code force}), or the journal fails. */
  private void await(long seq, boolean force) throws IOException {
    lock.lock();
    try {
      if (seq > lastSeq) {
        throw new IllegalArgumentException(
            "seq must be at most lastSeq() " + lastSeq + ", but was " + seq);
      }
      while (true) {
        throwIfFailed();
        if ((force ? durableSeq : writtenSeq) >= seq) {
          return;
        }
        if (stopped) {
          throw new IllegalStateException("the journal is closed");
        }
        if (force && forceTarget < seq) {
          forceTarget = seq;
          work.signal();
        } else if (!force && writeTarget < seq) {
          writeTarget = seq;
          work.signal();
        }
        awaitProgress();
      }
    } finally {
      lock.unlock();
    }
  }

  private void awaitProgress() throws InterruptedIOException {
    try {
      progress.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted waiting for the journal");
      interrupted.initCause(e);
      throw interrupted;
    }
  }

  private void throwIfFailed() throws JournalFailedException {
    if (failure != null) {
      throw failure.rethrown();
    }
  }

  private void grow(int bytes) {
    long needed = (long) pending.position() + bytes;
    if (needed > MAX_BUFFER_BYTES) {
      throw new IllegalStateException(
          "the journal's buffer is full: " + pending.position() + " bytes not yet written");
    }
    long capacity = Math.min(MAX_BUFFER_BYTES, Math.max(needed, 2L * pending.capacity()));
    ByteBuffer bigger = ByteBuffer.allocate((int) capacity);
    bigger.put(pending.flip());
    pending = bigger;
  }

  /** The flusher thread: waits for work, then writes and forces outside the lock. */
  private void flushLoop() {
    lock.lock();
    try {
      long nextTick = System.nanoTime() + intervalNanos;
      while (failure == null) {
        long rollTicket = rollsRequested;
        boolean roll = rollTicket > rollsDone;
        if (roll || closed) {
          forceTarget = lastSeq;
        }
        if (mode == SyncMode.INTERVAL && System.nanoTime() - nextTick >= 0) {
          nextTick = System.nanoTime() + intervalNanos;
          if (durableSeq < lastSeq) {
            forceTarget = lastSeq;
          }
        }
        boolean write = Math.max(writeTarget, forceTarget) > writtenSeq;
        boolean force = forceTarget > durableSeq;
        if (!write && !force && !roll) {
          if (closed) {
            break;
          }
          if (mode == SyncMode.INTERVAL) {
            work.awaitNanos(Math.max(1, nextTick - System.nanoTime()));
          } else {
            work.await();
          }
          continue;
        }
        ByteBuffer batch = null;
        long batchFirst = writtenSeq + 1;
        long batchLast = writtenSeq;
        if (write) {
          batch = pending.flip();
          pending = spare;
          batchLast = lastSeq;
        }
        lock.unlock();
        try {
          if (batch != null) {
            appender.write(batch, batchFirst);
            CrashPoints.hit(CrashPoints.JOURNAL_AFTER_WRITE);
          }
          if (roll) {
            appender.roll(); // forces first
          } else if (force) {
            appender.force();
          }
        } finally {
          lock.lock();
        }
        if (batch != null) {
          spare =
              batch.capacity() > RETAINED_BUFFER_BYTES
                  ? ByteBuffer.allocate(INITIAL_BUFFER_BYTES)
                  : batch.clear();
        }
        writtenSeq = batchLast;
        if (force || roll) {
          durableSeq = batchLast;
        }
        if (roll) {
          rollsDone = rollTicket;
        }
        progress.signalAll();
      }
    } catch (Throwable t) { // an I/O error, or anything else: fail rather than leave waiters
      failure = new JournalFailedException(appender.step(), t);
    } finally {
      appender.closeQuietly();
      stopped = true;
      progress.signalAll();
      lock.unlock();
    }
  }
}
