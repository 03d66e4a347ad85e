package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lookups answered from the cache without the store lock never mix two states. The case that would
 * show it: a merge makes an older graph's anchor the anchor of a newer identity, and the older
 * graph's profile is still cached. A lookup that read the new anchor but the old cache entry would
 * return a profile of neither state.
 */
class OptimisticLookupTest {
  private static final int MERGES = 3_000;
  private static final int READERS = 2;

  private final ExecutorService pool = Executors.newFixedThreadPool(READERS);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("pool stopped").isTrue();
  }

  private static Identity older(int i) {
    return Identity.of("ECID", String.format("%038d", i));
  }

  private static Identity newer(int i) {
    return Identity.of("Email", "a" + i + "@example.com");
  }

  @Test
  void lookupDuringMerges_alwaysSeesTheNewerIdentitysOwnAttribute() throws Exception {
    ProfileStore store = ProfileStore.builder().build();
    AtomicInteger latest = new AtomicInteger(-1);
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<int[]>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(
          pool.submit(
              () -> {
                int reads = 0;
                int torn = 0;
                while (!stop.get()) {
                  int i = latest.get();
                  if (i < 0) {
                    Thread.onSpinWait();
                    continue;
                  }
                  Optional<Profile> p = store.lookup(newer(i)).fetch();
                  reads++;
                  // Before the merge: the newer identity's own profile; after: both. Never the
                  // older graph's profile alone.
                  if (p.isPresent() && !"A".equals(p.get().get("who.a").orElse(null))) {
                    torn++;
                  }
                }
                return new int[] {reads, torn};
              }));
    }

    long t = 1_000;
    for (int i = 0; i < MERGES; i++) {
      store.ingest(
          Record.builder("b").primary(older(i)).attribute("who.b", "B").timestamp(t++).build());
      store.ingest(
          Record.builder("a").primary(newer(i)).attribute("who.a", "A").timestamp(t++).build());
      // Cache both profiles before the merge, so the older graph's entry is there to be misread.
      assertThat(store.lookup(older(i)).fetch()).isPresent();
      assertThat(store.lookup(newer(i)).fetch()).isPresent();
      latest.set(i);
      store.ingest(
          Record.builder("link").primary(newer(i)).identity(older(i)).timestamp(t++).build());
      Profile merged = store.lookup(newer(i)).fetch().orElseThrow();
      assertThat(merged.get("who.a")).contains("A");
      assertThat(merged.get("who.b")).contains("B");
    }
    stop.set(true);

    int reads = 0;
    for (Future<int[]> reader : readers) {
      int[] result = reader.get(60, TimeUnit.SECONDS);
      reads += result[0];
      assertThat(result[1]).as("lookups that mixed two states").isZero();
    }
    assertThat(reads).as("lookups done by the readers").isPositive();
  }
}
