package dev.rtprofile.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The store's one concurrency protocol. Every other part of the store (the graph engine, fragments,
 * events, the profile cache, the lookup view, scan tables, indexes) has no lock of its own and says
 * which side of this protocol may touch it.
 *
 * <p><b>Writers</b> run one at a time: every state-changing operation runs in {@link #write},
 * holding the write lock for its whole length, and changes the engine's parts in place. Before it
 * returns it has republished, in the {@link LookupView}, an immutable {@link PublishedGraph} for
 * every graph it touched, so an operation that returned is seen by every lookup that starts after
 * it. The publication count is odd while a write runs (bumped with full fences on entry and exit).
 *
 * <p><b>Lookups</b> (by identity, by profile id, batch) take no lock and never wait: one lookup
 * reads one entry of the lookup view, a self-consistent picture of one graph (its identities,
 * profile id and fragments), and merges from it alone. A write in progress is either not yet
 * visible to it or already is, never half. A batch lookup reads the publication count before and
 * after its entries; if a write ran in between it tries again, and after {@value #OPTIMISTIC_TRIES}
 * tries it reads under the read lock, so it is one atomic read either way.
 *
 * <p><b>Engine readers</b> (search, events, graph views, statistics, dry runs of the graph) read
 * the mutable parts directly under the read lock: they run concurrently with each other and wait
 * for a write in progress, whose length is bounded by the size of the components it touches (erase
 * and dataset deletion excepted: they scan). Parallel scans fork their work onto the store's
 * executor; the workers act for the reader that holds the read lock, so no write can start until
 * they finish.
 *
 * <p><b>The change feed</b> is delivered on the writing thread after the write lock is released, so
 * that a listener sees the new state and may read the store (or write to it) without deadlock.
 *
 * <p>A write that must later wait for the journal's disk step will do so after releasing the write
 * lock and before returning, so that lookups and other writers are not held up by the disk.
 */
final class StoreLock {
  /** How many times a batch lookup reads optimistically before it takes the read lock. */
  static final int OPTIMISTIC_TRIES = 3;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** Odd while a write runs; bumped before and after it with full fences. */
  private final AtomicLong publications = new AtomicLong();

  private final ChangeFeed feed;

  StoreLock(ChangeFeed feed) {
    this.feed = feed;
  }

  /**
   * Runs a write under the write lock, then delivers the changes it collected once the lock is
   * released.
   */
  <T> T write(Function<List<ProfileChange>, T> action) {
    List<ProfileChange> changes = new ArrayList<>();
    T result;
    lock.writeLock().lock();
    publications.incrementAndGet();
    try {
      result = action.apply(changes);
    } finally {
      publications.incrementAndGet();
      lock.writeLock().unlock();
    }
    feed.deliver(changes);
    return result;
  }

  /**
   * Runs a read that maintains derived state shared by readers (a scan table's refresh, the graph's
   * profile-id index on first use) under the write lock, excluding other readers; it changes
   * nothing lookups see, so nothing is published or delivered.
   */
  <T> T exclusive(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Runs an engine read under the read lock. */
  <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Runs a lock-free read of several lookup-view entries so that it sees one state: retried while a
   * write runs meanwhile, then run under the read lock.
   */
  <T> T readAtomically(Supplier<T> action) {
    for (int attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
      long before = publications.get();
      if ((before & 1) != 0) {
        Thread.onSpinWait();
        continue;
      }
      T result = action.get();
      if (publications.get() == before) {
        return result;
      }
    }
    return read(action);
  }
}
