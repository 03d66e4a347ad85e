package dev.rtprofile.journal;

import static dev.rtprofile.journal.Entries.append;
import static dev.rtprofile.journal.Entries.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit, and what happens when the disk fails: a failed force is fatal and never retried,
 * waiters and later calls get {@link JournalFailedException}, and a full disk loses nothing that
 * was acknowledged.
 */
class JournalFailureTest {
  private static final String FIRST_SEGMENT = "journal-00000000000000000001.log";

  @TempDir Path dir;

  private final FaultyFileOps files = new FaultyFileOps();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private Journal open() throws IOException {
    return Journal.open(dir, JournalOptions.defaults().withFiles(files));
  }

  /** Waits until {@code thread} blocks; bounded, so a bug fails the test instead of hanging it. */
  private static void awaitBlocked(Thread thread) throws TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (thread.getState() != Thread.State.WAITING) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(thread.getName() + " did not block: " + thread.getState());
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void groupCommit_threadsWaitingTogetherShareForces_andEveryAcknowledgedEntrySurvives()
      throws Exception {
    int writers = 8;
    Journal journal = open();
    CountDownLatch allAppended = new CountDownLatch(writers);
    int base = files.forces.get();
    files.forceHook =
        file -> {
          if (files.forces.get() == base + 1) { // hold the first force until all have appended
            try {
              allAppended.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
          }
        };
    Object writerLock = new Object();
    List<Future<byte[]>> acknowledged = new ArrayList<>();
    for (int t = 0; t < writers; t++) {
      acknowledged.add(
          threads.submit(
              () -> {
                byte[] payload;
                long seq;
                synchronized (writerLock) { // append is called by one thread at a time
                  seq = journal.lastSeq() + 1;
                  payload = payload(seq, new Random(seq));
                  assertThat(append(journal, payload)).isEqualTo(seq);
                }
                allAppended.countDown();
                journal.awaitDurable(seq);
                return payload;
              }));
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Future<byte[]> ack : acknowledged) {
      payloads.add(ack.get(20, TimeUnit.SECONDS));
    }
    int forces = files.forces.get() - base;
    assertThat(forces).isBetween(1, 2).isLessThan(writers);
    journal.close();

    List<byte[]> recovered = Entries.readAll(dir);
    assertThat(recovered).hasSize(writers);
    for (byte[] payload : payloads) {
      assertThat(recovered).contains(payload);
    }
  }

  @Test
  void groupCommit_manyWritersManyEntries_allAcknowledgedEntriesInOrder() throws Exception {
    int writers = 6;
    int each = 150;
    Journal journal = open();
    int base = files.forces.get();
    Object writerLock = new Object();
    List<byte[]> bySeq = new ArrayList<>();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < writers; t++) {
      done.add(
          threads.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  long seq;
                  synchronized (writerLock) {
                    seq = journal.lastSeq() + 1;
                    byte[] payload = payload(seq, new Random(seq));
                    bySeq.add(payload);
                    append(journal, payload);
                  }
                  journal.awaitDurable(seq);
                }
                return null;
              }));
    }
    for (Future<?> future : done) {
      future.get(30, TimeUnit.SECONDS);
    }
    assertThat(files.forces.get() - base).isLessThanOrEqualTo(writers * each);
    journal.close();
    assertThat(Entries.readAll(dir)).containsExactlyElementsOf(bySeq);
  }

  @Test
  void forceFailure_failsPendingAndLaterCalls_andNeverForcesAgain() throws Exception {
    Journal journal = open();
    CountDownLatch forcing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    int base = files.forces.get();
    files.failForces = true;
    files.forceHook =
        file -> {
          forcing.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
        };
    long first = append(journal, new byte[] {1});
    Future<?> firstWaiter = threads.submit(() -> awaitDurable(journal, first));
    assertThat(forcing.await(10, TimeUnit.SECONDS)).isTrue();

    long second = append(journal, new byte[] {2}); // append does not wait for the force
    Thread[] pending = new Thread[1];
    CountDownLatch started = new CountDownLatch(1);
    Future<?> secondWaiter =
        threads.submit(
            () -> {
              pending[0] = Thread.currentThread();
              started.countDown();
              return awaitDurable(journal, second);
            });
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    awaitBlocked(pending[0]);
    release.countDown();

    String message =
        "the journal failed forcing "
            + FIRST_SEGMENT
            + ": Input/output error;"
            + " the store must be reopened";
    for (Future<?> waiter : List.of(firstWaiter, secondWaiter)) {
      assertThatThrownBy(() -> waiter.get(10, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(JournalFailedException.class)
          .hasMessage(message)
          .cause()
          .hasMessage("Input/output error");
    }
    assertThat(journal.failed()).isTrue();
    assertThatThrownBy(() -> append(journal, new byte[] {3}))
        .isInstanceOf(JournalFailedException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> journal.awaitDurable(first)).hasMessage(message);
    assertThatThrownBy(journal::sync).hasMessage(message);
    assertThatThrownBy(journal::roll).hasMessage(message);
    assertThatThrownBy(journal::close).isInstanceOf(JournalFailedException.class);
    journal.close();
    assertThat(files.forces.get() - base).as("the failed force is never retried").isEqualTo(1);
  }

  private static Void awaitDurable(Journal journal, long seq) throws IOException {
    journal.awaitDurable(seq);
    return null;
  }

  @Test
  void diskFull_failsWithAClearError_andKeepsWhatWasAcknowledged() throws IOException {
    Journal journal = open();
    List<byte[]> acknowledged = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 1; i <= 10; i++) {
      byte[] payload = payload(i, random);
      journal.awaitDurable(append(journal, payload));
      acknowledged.add(payload);
    }
    files.freeBytes.set(20); // room for part of the next entry only
    byte[] big = new byte[60];
    long seq = append(journal, big);
    assertThatThrownBy(() -> journal.awaitDurable(seq))
        .isInstanceOf(JournalFailedException.class)
        .hasMessage(
            "the journal failed writing "
                + FIRST_SEGMENT
                + ": No space left on device;"
                + " the store must be reopened");
    assertThat(journal.failed()).isTrue();
    assertThatThrownBy(journal::close).isInstanceOf(JournalFailedException.class);

    try (Journal reopened = Journal.open(dir, JournalOptions.defaults())) {
      assertThat(Entries.replay(reopened, 1)).containsExactlyElementsOf(acknowledged);
      Damage damage = reopened.recovery().damage();
      assertThat(damage).isNotNull();
      assertThat(damage.reason()).isEqualTo("short entry");
      assertThat(damage.bytesDropped()).isEqualTo(20);
      assertThat(append(reopened, new byte[] {7})).isEqualTo(11);
    }
  }
}
