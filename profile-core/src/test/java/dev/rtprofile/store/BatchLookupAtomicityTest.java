package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch lookup is one atomic read: while a writer merges and splits two people over and over,
 * every {@code lookupAll} sees them either as one profile or as two, never a profile of {@code a}
 * holding {@code b} beside a profile of {@code b} that does not hold {@code a}.
 */
class BatchLookupAtomicityTest {
  private static final int CYCLES = 4_000;
  private static final int READERS = 2;
  private static final Identity A = Identity.of("Email", "a@example.com");
  private static final Identity B = Identity.of("ECID", "1".repeat(38));
  private static final Identity C = Identity.of("Phone", "+15550100");

  private final ExecutorService pool = Executors.newFixedThreadPool(READERS);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("pool stopped").isTrue();
  }

  @Test
  void lookupAll_duringMergesAndSplits_seesOneStateOfAllIdentities() throws Exception {
    ProfileStore store = ProfileStore.builder().build();
    store.ingest(Record.builder("crm").primary(A).timestamp(1L).attribute("n", 1L).build());
    store.ingest(Record.builder("web").primary(B).identity(C).timestamp(2L).build());
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<long[]>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(
          pool.submit(
              () -> {
                long reads = 0;
                long torn = 0;
                while (!stop.get()) {
                  Map<Identity, Profile> all = store.lookupAll(List.of(A, B, C)).fetchAll();
                  reads++;
                  Profile a = all.get(A);
                  Profile b = all.get(B);
                  Profile c = all.get(C);
                  boolean together = a.identities().contains(B);
                  boolean consistent =
                      together
                          ? b.identities().contains(A)
                              && a.profileId().equals(b.profileId())
                              && b.profileId().equals(c.profileId())
                          : !b.identities().contains(A) && b.profileId().equals(c.profileId());
                  torn += consistent ? 0 : 1;
                }
                return new long[] {reads, torn};
              }));
    }
    Record join = Record.builder("login").primary(A).identity(B).timestamp(3L).build();
    for (int i = 0; i < CYCLES; i++) {
      store.ingest(join);
      store.unlink(A, B);
    }
    stop.set(true);
    long reads = 0;
    long torn = 0;
    for (Future<long[]> f : readers) {
      long[] counts = f.get(60, TimeUnit.SECONDS);
      reads += counts[0];
      torn += counts[1];
    }
    assertThat(reads).as("batch lookups made").isPositive();
    assertThat(torn).as("batch lookups that mixed two states, of " + reads).isZero();
    assertThat(store.lookup(A).fetch().orElseThrow().identities()).containsExactly(A);
  }
}
