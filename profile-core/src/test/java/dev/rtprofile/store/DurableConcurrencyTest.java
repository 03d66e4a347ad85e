package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.journal.FaultyFileOps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable store under concurrent writers: writers waiting at once share one force (group commit,
 * with the store lock free meanwhile), and everything acknowledged by any thread is there after a
 * restart.
 */
class DurableConcurrencyTest {
  private static final long T = 1_700_000_000_000L;

  @TempDir Path dir;

  private static Record record(int thread, int i) {
    return Record.builder("crm")
        .primary("Email", "t" + thread + "-" + i + "@example.com")
        .identity("Phone", "+1555" + (1000000 + thread * 10000 + i))
        .timestamp(T + i)
        .attribute("n", (long) i)
        .build();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void writersWaitingAtOnceShareOneForceAndTheLockIsFreeWhileItRuns() throws Exception {
    FaultyFileOps files = new FaultyFileOps();
    ProfileStore store = ProfileStore.builder().storage(dir).files(files).build();
    store.ingest(record(9, 0));
    long base = store.storage().lastSeq();
    int writers = 4;
    AtomicBoolean holdFirst = new AtomicBoolean(true);
    // The first force waits until every writer has appended: they can, because no store lock is
    // held while a write waits for the disk.
    files.forceHook =
        file -> {
          if (file.getFileName().toString().startsWith("journal-") && holdFirst.getAndSet(false)) {
            while (store.storage().lastSeq() < base + writers) {
              Thread.onSpinWait();
            }
          }
        };
    int forcesBefore = files.forces.get();
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CyclicBarrier start = new CyclicBarrier(writers);
    List<Future<IngestResult>> results = new ArrayList<>();
    for (int t = 0; t < writers; t++) {
      int thread = t;
      results.add(
          pool.submit(
              () -> {
                start.await();
                return store.ingest(record(thread, 1));
              }));
    }
    for (Future<IngestResult> r : results) {
      assertThat(r.get(30, TimeUnit.SECONDS).status()).isEqualTo(IngestStatus.ACCEPTED);
    }
    pool.shutdown();
    // The first force covers what was written before it began; the three writers that appended
    // while it was held share the next one.
    assertThat(files.forces.get() - forcesBefore)
        .as("forces for %d writes", writers)
        .isLessThanOrEqualTo(2);
    store.close();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everythingAcknowledgedByAnyThreadSurvivesARestart() throws Exception {
    int writers = 4;
    int each = 150;
    try (ProfileStore store =
        ProfileStore.builder().storage(dir).snapshotAfter(16 * 1024).build()) {
      ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    store.ingest(record(thread, i));
                  }
                  return null;
                }));
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      Future<Integer> reader =
          pool.submit(
              () -> {
                int seen = 0;
                while (writing.get()) {
                  seen +=
                      store.lookup(Identity.of("Email", "t0-0@example.com")).fetch().isPresent()
                          ? 1
                          : 0;
                }
                return seen;
              });
      for (Future<?> f : done) {
        f.get(100, TimeUnit.SECONDS);
      }
      writing.set(false);
      reader.get(10, TimeUnit.SECONDS);
      pool.shutdown();
    }
    try (ProfileStore store = ProfileStore.builder().storage(dir).build()) {
      for (int t = 0; t < writers; t++) {
        for (int i = 0; i < each; i++) {
          assertThat(store.lookup(Identity.of("Email", "t" + t + "-" + i + "@example.com")).fetch())
              .as("thread %d record %d", t, i)
              .isPresent();
        }
      }
      assertThat(store.statistics().fragments()).isEqualTo((long) writers * each);
    }
  }
}
