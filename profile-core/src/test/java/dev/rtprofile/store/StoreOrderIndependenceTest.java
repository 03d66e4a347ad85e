package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Order independence as a contract (ARCHITECTURE §1, §3; STYLE 18, 19): the same random records and
 * events ingested in order, shuffled, and from four threads at once give identical profiles
 * (attributes, identities, profile ids), explanations, event pages and statistics. Replay one seed
 * with {@code -Drtprofile.store.seed=N}; change the number of seeds with {@code
 * -Drtprofile.store.orderSeeds=N}.
 */
class StoreOrderIndependenceTest {
  private static final int SEEDS = Integer.getInteger("rtprofile.store.orderSeeds", 200);
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.store.seed");
  private static final int THREADS = 4;
  private static final Identity JANE = Identity.of("Email", "jane@example.com");

  private static ExecutorService pool;

  @BeforeAll
  static void startThreads() {
    pool = Executors.newFixedThreadPool(THREADS);
  }

  @AfterAll
  static void stopThreads() {
    pool.shutdownNow();
  }

  @Test
  void ingest_inOrderShuffledAndFromFourThreads_givesIdenticalProfilesEventsAndExplanations()
      throws Exception {
    StoreScenario.Options options = new StoreScenario.Options(true, true, false, 40);
    for (long seed : seeds()) {
      StoreScenario scenario = StoreScenario.random(seed, options);
      Random rnd = new Random(seed);
      String context = context(seed, scenario);
      String inOrder = sequential(scenario, scenario.inputs);

      List<StoreScenario.Input> shuffled = new ArrayList<>(scenario.inputs);
      Collections.shuffle(shuffled, rnd);
      assertSame(sequential(scenario, shuffled), inOrder, context + "\nshuffled vs in order");

      Collections.shuffle(shuffled, rnd);
      assertSame(
          concurrent(scenario, shuffled, false, seed),
          inOrder,
          context + "\n" + THREADS + " threads vs in order");
    }
  }

  @Test
  void ingestWithLookups_fromFourThreads_givesWhatAStoreWithoutLookupsGives() throws Exception {
    StoreScenario.Options options = new StoreScenario.Options(true, true, false, 40);
    for (long seed : seeds()) {
      StoreScenario scenario = StoreScenario.random(seed, options);
      Random rnd = new Random(seed);
      String inOrder = sequential(scenario, scenario.inputs);
      List<StoreScenario.Input> shuffled = new ArrayList<>(scenario.inputs);
      Collections.shuffle(shuffled, rnd);
      assertSame(
          concurrent(scenario, shuffled, true, seed),
          inOrder,
          context(seed, scenario)
              + "\n"
              + THREADS
              + " threads ingesting and looking up vs in order");
    }
  }

  @Test
  void ingest_tiesBetweenValuesThatPrintAlike_giveIdenticalProfilesInAnyOrder() {
    StoreScenario.Options options = new StoreScenario.Options(false, false, true, 30);
    for (long seed : seeds()) {
      StoreScenario scenario = StoreScenario.random(seed, options);
      String inOrder = sequential(scenario, scenario.inputs);
      List<StoreScenario.Input> reversed = new ArrayList<>(scenario.inputs);
      Collections.reverse(reversed);
      assertSame(
          sequential(scenario, reversed),
          inOrder,
          context(seed, scenario) + "\nreversed vs in order");
    }
  }

  @Test
  void ingest_upsertValuesThatPrintAlikeAtOneTimestamp_keepTheSameValueInEitherOrder() {
    Record one = Record.builder("web").primary(JANE).timestamp(1_000).attribute("x", 1L).build();
    Record decimal =
        Record.builder("web").primary(JANE).timestamp(1_000).attribute("x", BigDecimal.ONE).build();

    assertThat(valueAfter(UpdateMode.UPSERT, "x", decimal, one))
        .isEqualTo(valueAfter(UpdateMode.UPSERT, "x", one, decimal));
  }

  @Test
  void ingest_replaceRecordsWithListsThatPrintAlikeAtOneTimestamp_keepTheSameRecordInEitherOrder() {
    Record joined =
        Record.builder("web")
            .primary(JANE)
            .timestamp(1_000)
            .attribute("tags", List.of("a, b"))
            .build();
    Record split =
        Record.builder("web")
            .primary(JANE)
            .timestamp(1_000)
            .attribute("tags", List.of("a", "b"))
            .build();

    assertThat(valueAfter(UpdateMode.REPLACE, "tags", split, joined))
        .isEqualTo(valueAfter(UpdateMode.REPLACE, "tags", joined, split));
  }

  /** The merged value at {@code path}, with its type, after ingesting the records in order. */
  private static String valueAfter(UpdateMode mode, String path, Record... records) {
    ProfileStore store = ProfileStore.builder().updateMode("web", mode).build();
    for (Record r : records) {
      store.ingest(r);
    }
    return store
        .lookup(JANE)
        .fetch()
        .flatMap(p -> p.get(path))
        .map(StoreSnapshot::value)
        .orElse("none");
  }

  /** Asserts equal renderings, showing only where they first differ. */
  private static void assertSame(String actual, String expected, String context) {
    assertThat(StoreSnapshot.firstDifference(expected, actual)).as(context).isEmpty();
  }

  private static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    if (ONLY_SEED != null) {
      seeds.add(ONLY_SEED);
    } else {
      for (long seed = 0; seed < SEEDS; seed++) {
        seeds.add(seed);
      }
    }
    return seeds;
  }

  private static String context(long seed, StoreScenario scenario) {
    return "seed "
        + seed
        + " (replay with -Drtprofile.store.seed="
        + seed
        + ")\nscenario: "
        + scenario.dump();
  }

  private static void ingest(ProfileStore store, StoreScenario.Input input) {
    if (input.isRecord()) {
      store.ingest(input.record());
    } else {
      store.ingest(input.event());
    }
  }

  private static String sequential(StoreScenario scenario, List<StoreScenario.Input> inputs) {
    ProfileStore store = scenario.newStore();
    inputs.forEach(input -> ingest(store, input));
    return StoreSnapshot.render(scenario, store);
  }

  /**
   * Ingests from {@link #THREADS} threads released together by a start gate, each taking the next
   * input until none is left; with {@code lookups}, each thread also looks up a random identity
   * under a random policy and reads its events after every input, filling the profile cache while
   * other threads write.
   */
  private static String concurrent(
      StoreScenario scenario, List<StoreScenario.Input> inputs, boolean lookups, long seed)
      throws Exception {
    ProfileStore store = scenario.newStore();
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger next = new AtomicInteger();
    List<Identity> identities = scenario.lookups();
    List<String> policyIds = scenario.policyIds();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Random rnd = new Random(seed * 31 + t);
      futures.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = next.getAndIncrement();
                    i < inputs.size();
                    i = next.getAndIncrement()) {
                  ingest(store, inputs.get(i));
                  if (lookups) {
                    Identity identity = identities.get(rnd.nextInt(identities.size()));
                    String policyId = policyIds.get(rnd.nextInt(policyIds.size()));
                    store
                        .lookup(identity)
                        .policy(policyId)
                        .fetch()
                        .ifPresent(p -> p.explain("visits"));
                    store.events(identity).policy(policyId).fetch();
                  }
                }
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    return StoreSnapshot.render(scenario, store);
  }
}
