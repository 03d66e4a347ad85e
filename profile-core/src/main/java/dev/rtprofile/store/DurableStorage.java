package dev.rtprofile.store;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.journal.CrashPoints;
import dev.rtprofile.journal.DirectoryLock;
import dev.rtprofile.journal.Journal;
import dev.rtprofile.journal.JournalOptions;
import dev.rtprofile.journal.Recovery;
import dev.rtprofile.journal.Snapshot;
import dev.rtprofile.journal.SnapshotFiles;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable store's storage directory (DESIGN §6): the lock file, the journal every write is
 * appended to before it is acknowledged, and the snapshots a restart starts from. The store's face
 * calls it in two steps per write: {@link #append} under the write lock (the command as applied),
 * then {@link #acknowledge} after releasing it (the policy's disk step, so that no store lock is
 * held while waiting for the disk; concurrent writers share one force).
 *
 * <p>Failure is final: a failed append, write or force marks the storage failed; the store stays
 * readable and every later write throws {@link StorageException} until the directory is reopened (a
 * failed force is never retried: the OS may have dropped the dirty pages).
 *
 * <p>Erasure leaves no trace on disk ({@link #purge}): a snapshot of the state after the erasure is
 * written, every older snapshot deleted, the journal segments it covers deleted and the entries it
 * covers in the segment still in use overwritten with no-ops (copy, force, rename, force the
 * directory). Opening finishes a purge a crash interrupted.
 */
final class DurableStorage implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

  /** The payload every purged entry becomes. */
  private static final byte[] NOOP = {Commands.NOOP};

  final Path dir;
  final StorageOptions options;
  private final @Nullable DirectoryLock lock;
  final Journal journal;

  /** The command being encoded; the writer's own, under the write lock. */
  private final Bytes.Writer entry = new Bytes.Writer(8192);

  /**
   * Whether an erasure was journalled after the last purge snapshot began: set by the writer under
   * the write lock, cleared by a purge snapshot under the read lock, recorded in other snapshots so
   * that a restart from one finishes the purge.
   */
  private volatile boolean unpurged;

  /** Journal bytes appended since the last snapshot began; written by the writer. */
  private volatile long sinceSnapshot;

  /** This thread's batch: the highest seq to acknowledge at its end, and whether it erased. */
  private final ThreadLocal<long @Nullable []> batch = new ThreadLocal<>();

  /** The first append, write or force that failed; then no write is acknowledged again. */
  private volatile @Nullable Throwable failure;

  /** Whether an automatic snapshot is queued or running. */
  private final AtomicBoolean snapshotQueued = new AtomicBoolean();

  /** Held while a snapshot or a purge runs: one at a time. */
  private final Object snapshots = new Object();

  /** The thread of automatic snapshots; none when read-only. */
  private final @Nullable ScheduledExecutorService background;

  private volatile boolean closed;

  /** What opening found and did; set once, at opening. */
  volatile @Nullable RecoveryReport recovery;

  /** The settings the store was opened with (the builder's description); set once, at opening. */
  volatile String settings = "";

  private DurableStorage(
      Path dir, StorageOptions options, @Nullable DirectoryLock lock, Journal journal) {
    this.dir = dir;
    this.options = options;
    this.lock = lock;
    this.journal = journal;
    this.background =
        options.readOnly()
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "rtprofile-snapshots");
                  t.setDaemon(true);
                  return t;
                });
  }

  /**
   * Opens the directory: takes its lock (unless read-only) and opens the journal, which recovers
   * from a torn or damaged tail by stopping there (and reports it).
   */
  static DurableStorage open(Path dir, StorageOptions options) {
    DirectoryLock lock = null;
    try {
      if (!options.readOnly()) {
        options.files().createDirectories(dir);
        lock = DirectoryLock.acquire(dir, options.files());
      }
      JournalOptions journalOptions = JournalOptions.defaults().withMode(options.syncMode());
      if (options.durability().mode == Durability.Mode.INTERVAL) {
        journalOptions = journalOptions.withInterval(options.durability().interval);
      }
      journalOptions =
          journalOptions
              .withSegmentBytes(options.segmentBytes())
              .withFiles(options.files())
              .withReadOnly(options.readOnly());
      Journal journal = Journal.open(dir, journalOptions);
      Recovery recovery = journal.recovery();
      if (recovery.damage() != null) {
        LOG.warn(
            "the journal of {} was damaged at {} offset {} ({}); recovered {} entries before it"
                + " and dropped {} bytes after it",
            dir,
            recovery.damage().segmentFile(),
            recovery.damage().offset(),
            recovery.damage().reason(),
            recovery.entries(),
            recovery.damage().bytesDropped());
      }
      return new DurableStorage(dir, options, lock, journal);
    } catch (IOException e) {
      closeQuietly(lock);
      throw new StorageException("cannot open the storage directory " + dir + ": " + reason(e), e);
    } catch (RuntimeException e) {
      closeQuietly(lock);
      throw e;
    }
  }

  /** What went wrong in an I/O error, in words: the JDK's messages are often just a path. */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return "no such file or directory: " + n.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof java.nio.file.NotDirectoryException d) {
      return "not a directory: " + d.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static void closeQuietly(@Nullable Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException ignored) {
        // Opening failed already; that failure is the one reported.
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /** Throws unless writes may be journalled: not read-only, not failed, not closed. */
  void checkWritable() {
    if (options.readOnly()) {
      throw new IllegalStateException(
          "the store was opened read-only on " + dir + "; open it without readOnly to write");
    }
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
    Throwable f = failure;
    if (f != null) {
      throw new StorageException(
          "the store's storage failed earlier (" + f.getMessage() + "); reopen " + dir, f);
    }
  }

  Bytes.Writer entry() {
    entry.reset();
    return entry;
  }

  /** Appends the command in {@link #entry()}; under the write lock. The seq to acknowledge. */
  long append() {
    try {
      long seq = journal.append(entry.buf, 0, entry.size);
      sinceSnapshot += entry.size + 8;
      return seq;
    } catch (IOException | RuntimeException e) {
      // The change is applied in memory but not journalled: nothing more may be acknowledged.
      fail(e);
      throw new StorageException(
          "cannot append to the journal in " + dir + ": " + e.getMessage() + "; reopen it", e);
    }
  }

  long record(Record record, long now, List<DroppedIdentity> dropped, ErasedValues erased) {
    Commands.record(entry(), record, now, dropped, erased::matches, !erased.isEmpty());
    return append();
  }

  long event(Event event, List<DroppedIdentity> dropped, ErasedValues erased) {
    Predicate<String> matches = erased::matches;
    Commands.event(entry(), event, dropped, matches, !erased.isEmpty());
    return append();
  }

  long pair(byte type, Identity a, Identity b) {
    Commands.pair(entry(), type, a, b);
    return append();
  }

  long identity(byte type, Identity identity) {
    Commands.identity(entry(), type, identity);
    if (type == Commands.ERASE || type == Commands.ERASE_PROFILE) {
      unpurged = true;
    }
    return append();
  }

  /** Marks an erasure whose purge is pending (one a restart found unfinished). */
  void purgePending() {
    unpurged = true;
  }

  long deleteDataset(String dataset) {
    Commands.deleteDataset(entry(), dataset);
    return append();
  }

  long expire(long now) {
    Commands.expire(entry(), now);
    return append();
  }

  long settingsMarker() {
    Commands.settings(entry(), settings);
    return append();
  }

  /**
   * The disk step of a write whose entry is {@code seq} (0: nothing was journalled), taken after
   * the write lock is released; inside a {@link #batch} it is deferred to the batch's end.
   *
   * @throws StorageException if the journal failed; the storage is then failed
   */
  void acknowledge(long seq) {
    if (seq <= 0) {
      return;
    }
    long[] pending = batch.get();
    if (pending != null) {
      pending[0] = Math.max(pending[0], seq);
      return;
    }
    await(seq);
  }

  private void await(long seq) {
    try {
      journal.awaitDurable(seq);
    } catch (IOException e) {
      fail(e);
      throw new StorageException(
          "the journal in " + dir + " failed: " + reason(e) + "; reopen the store", e);
    }
  }

  private void fail(Throwable t) {
    if (failure == null) {
      failure = t;
      LOG.error("the storage of {} failed; the store is read-only until reopened", dir, t);
    }
  }

  /**
   * Runs {@code work} with the disk step of its writes deferred to its end, and the purge of its
   * erasures too; nested batches join the outermost.
   */
  void batch(Runnable work) {
    if (batch.get() != null) {
      work.run();
      return;
    }
    long[] pending = {0, 0};
    batch.set(pending);
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      batch.remove();
      // The writes that returned were applied: make them durable, and purge what they erased,
      // before the failure surfaces.
      try {
        if (pending[0] > 0 && failure == null) {
          await(pending[0]);
        }
        if (pending[1] != 0 && failure == null) {
          purge();
        }
      } catch (StorageException s) {
        e.addSuppressed(s);
      }
      throw e;
    }
    batch.remove();
    if (pending[0] > 0) {
      await(pending[0]);
    }
    if (pending[1] != 0) {
      purge();
    }
  }

  /** After an erasure was acknowledged: purge now, or at the end of this thread's batch. */
  void purgeAfterErasure() {
    long[] pending = batch.get();
    if (pending != null) {
      pending[1] = 1;
    } else {
      purge();
    }
  }

  /** Queues a snapshot in the background if the journal grew past the threshold since the last. */
  void maybeSnapshot() {
    if (sinceSnapshot >= options.snapshotBytes()
        && background != null
        && snapshotQueued.compareAndSet(false, true)) {
      background.execute(
          () -> {
            try {
              snapshot(false);
            } catch (RuntimeException e) {
              LOG.warn("an automatic snapshot of {} failed: {}", dir, e.getMessage());
            } finally {
              snapshotQueued.set(false);
            }
          });
    }
  }

  /** Schedules a snapshot every {@code interval}, when something was written since the last. */
  void scheduleSnapshots() {
    if (background == null || options.snapshotInterval() == null) {
      return;
    }
    long ms = options.snapshotInterval().toMillis();
    background.scheduleWithFixedDelay(
        () -> {
          if (sinceSnapshot > 0 && !closed) {
            try {
              snapshot(false);
            } catch (RuntimeException e) {
              LOG.warn("a scheduled snapshot of {} failed: {}", dir, e.getMessage());
            }
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots and purges

  /** The engine whose state snapshots hold; set once opening has built it. */
  private volatile @Nullable StoreEngine engine;

  void attach(StoreEngine engine) {
    this.engine = engine;
  }

  /**
   * Writes a snapshot of the state at the journal's last entry, under the store's read lock (writes
   * wait for it; lookups and searches do not), and keeps the newest two (only this one after a
   * purge, which deletes the rest itself).
   *
   * @return the seq the snapshot covers
   */
  long snapshot(boolean purge) {
    StoreEngine e = engine;
    if (e == null) {
      throw new IllegalStateException("no engine attached");
    }
    synchronized (snapshots) {
      checkWritable();
      try {
        long covered =
            e.lock.read(
                () -> {
                  long seq = journal.lastSeq();
                  sinceSnapshot = 0;
                  if (purge) {
                    // Covers every erasure so far: no write runs under the read lock.
                    unpurged = false;
                  }
                  try {
                    // What the snapshot covers must be in the journal first: otherwise a crash
                    // could lose entries it covers, and the seqs of the entries appended after
                    // the restart would fall under it and be skipped by the next replay.
                    journal.sync();
                    SnapshotFiles.write(
                        dir,
                        seq,
                        out -> StateSnapshot.write(e, settings, purge, !purge && unpurged, out),
                        options.files());
                  } catch (IOException x) {
                    throw new java.io.UncheckedIOException(x);
                  }
                  return seq;
                });
        if (!purge) {
          SnapshotFiles.keepNewest(dir, 2, options.files());
          if (options.compactJournal()) {
            compact();
          }
        }
        return covered;
      } catch (java.io.UncheckedIOException x) {
        throw new StorageException(
            "cannot write a snapshot in " + dir + ": " + reason(x.getCause()), x.getCause());
      } catch (IOException x) {
        throw new StorageException("cannot write a snapshot in " + dir + ": " + reason(x), x);
      }
    }
  }

  /**
   * Deletes the journal segments the older of the two kept snapshots covers: a restart needs only
   * the newest snapshot and the journal after it, and the older one if the newest is damaged.
   */
  private void compact() throws IOException {
    List<Snapshot> kept = SnapshotFiles.unverified(dir, options.files());
    if (kept.size() >= 2) {
      journal.deleteThrough(kept.get(kept.size() - 1).seq());
    }
  }

  /**
   * Purges erased values from every file: a snapshot after the erasure, then {@link #finishPurge}.
   * Returns once no file of the directory holds them.
   */
  void purge() {
    synchronized (snapshots) {
      long covered = snapshot(true);
      finishPurge(covered);
    }
  }

  /**
   * Deletes every snapshot but the purge snapshot covering {@code covered}, every journal segment
   * it covers, and overwrites the entries it covers in a segment still holding later ones.
   */
  void finishPurge(long covered) {
    synchronized (snapshots) {
      try {
        SnapshotFiles.deleteAllExcept(dir, covered, options.files());
        CrashPoints.hit("purge.afterSnapshots");
        journal.roll();
        journal.deleteThrough(covered);
        journal.rewrite(
            covered, (seq, payload) -> Commands.type(payload) == Commands.NOOP ? null : NOOP);
      } catch (IOException e) {
        fail(e);
        throw new StorageException(
            "cannot purge erased data from "
                + dir
                + ": "
                + reason(e)
                + "; reopen the store"
                + " to finish the purge",
            e);
      }
    }
  }

  /** The snapshots with a sound header and trailer, newest first; read checks each checksum. */
  List<Snapshot> snapshots() {
    try {
      return SnapshotFiles.unverified(dir, options.files());
    } catch (IOException e) {
      throw new StorageException("cannot list the snapshots of " + dir + ": " + reason(e), e);
    }
  }

  DataInputStream open(Snapshot snapshot) throws IOException {
    return SnapshotFiles.open(snapshot, options.files());
  }

  /**
   * Closes for the store: a snapshot if anything changed since the last (and nothing failed), then
   * {@link #close()}.
   */
  void closeStore() {
    // First stop the automatic snapshots and let a running one finish, without holding the
    // monitor it needs (a queued snapshot waiting for it would otherwise hold up the close).
    stopBackground();
    synchronized (snapshots) {
      if (closed) {
        return;
      }
      try {
        if (!options.readOnly() && failure == null && sinceSnapshot > 0) {
          snapshot(false);
        }
      } finally {
        try {
          close();
        } catch (IOException e) {
          if (failure != null) {
            // Reported by the write that failed; closing what is left releases the lock.
            return;
          }
          throw new StorageException("cannot close the journal of " + dir + ": " + reason(e), e);
        }
      }
    }
  }

  /** Stops the automatic snapshots; waits for one that is running. */
  private void stopBackground() {
    if (background == null) {
      return;
    }
    background.shutdown();
    try {
      if (!background.awaitTermination(5, TimeUnit.MINUTES)) {
        LOG.warn("a snapshot of {} is still being written; closing without waiting for it", dir);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Syncs and closes the journal and releases the lock; idempotent. A snapshot still being written
   * in the background then fails (and is logged); {@link #closeStore} waits for it first.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (background != null) {
      background.shutdownNow();
    }
    try {
      journal.close();
    } finally {
      closeQuietly(lock);
    }
  }

  long lastSeq() {
    return journal.lastSeq();
  }
}
