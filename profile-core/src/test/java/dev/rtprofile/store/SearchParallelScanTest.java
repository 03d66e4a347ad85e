package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.EVENT_TYPES;
import static dev.rtprofile.store.SearchFixtures.LEAF_PATHS;
import static dev.rtprofile.store.SearchFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.SearchFixtures.Values;
import dev.rtprofile.store.SearchOracle.BruteForce;
import dev.rtprofile.store.SearchOracle.Generator;
import dev.rtprofile.store.SearchOracle.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The scan on both cores (above {@link SearchEngine#PARALLEL_THRESHOLD} candidates) against the
 * brute force of {@link SearchOracle}, with and without stitching: the parallel scan must give the
 * same results, in the same order, as the sequential one the model tests check.
 *
 * <p>Replay another seed with {@code -Drtprofile.search.seed=N}.
 */
class SearchParallelScanTest {
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.search.seed");
  private static final int QUERIES = 8;

  @Test
  void search_moreProfilesThanTheParallelThreshold_matchesBruteForceOverLookups() {
    long seed = ONLY_SEED != null ? ONLY_SEED : 20_000;
    Random rnd = new Random(seed);
    Values values = new Values(rnd);
    ProfileStore store =
        SearchFixtures.builder()
            .mergePolicy(
                MergePolicy.timestampOrdered().id("ts-own").stitching(IdentityStitching.NONE))
            .build();
    int people = SearchEngine.PARALLEL_THRESHOLD + 1_500;
    List<Identity> pool = new ArrayList<>();
    for (int i = 0; i < people; i++) {
      // Person i and person i + 10 share an email when i is a multiple of 20, so a few merge.
      Record.Builder b =
          Record.builder(SearchFixtures.DATASETS.get(i % 3))
              .primary(SearchFixtures.crm(i))
              .timestamp(T0.plusSeconds(i));
      pool.add(SearchFixtures.crm(i));
      if (i % 10 == 0) {
        b.identity(SearchFixtures.email(i / 20));
        pool.add(SearchFixtures.email(i / 20));
      }
      for (String path : LEAF_PATHS) {
        if (rnd.nextBoolean()) {
          b.attribute(path, values.stored(path));
        }
      }
      store.ingest(b.build());
      if (i % 7 == 0) {
        store.ingest(
            Event.builder("orders", "e" + i)
                .timestamp(T0.plus(Duration.ofHours(i % 200)))
                .eventType(EVENT_TYPES.get(i % 2))
                .primary("CRMID", SearchFixtures.crm(i).value())
                .build());
      }
    }
    assertThat(store.search().explain())
        .as("explain() of a store above the parallel threshold")
        .contains("on all cores");
    assertThat(store.search().policy("ts-own").explain())
        .as("explain() without stitching above the parallel threshold")
        .contains("on all cores");

    List<Identity> identities = pool.stream().distinct().toList();
    Generator gen = new Generator(rnd, List.of("timestampOrdered", "ts-own"), identities);
    BruteForce model = new BruteForce(store, identities, rnd);
    long matches = 0;
    for (int q = 0; q < QUERIES; q++) {
      Query query = gen.query();
      try {
        matches += SearchOracle.compare(store, model, query, "on " + people + " people", false);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "seed "
                + seed
                + " (replay with -Drtprofile.search.seed="
                + seed
                + "): "
                + e.getMessage(),
            e);
      }
    }
    assertThat(matches).as("profiles matched over all queries").isPositive();
  }
}
