package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.store.SearchFixtures.Scenario;
import dev.rtprofile.store.SearchOracle.BruteForce;
import dev.rtprofile.store.SearchOracle.Generator;
import java.util.Random;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The search against a brute-force model (issue 4, STYLE 18): random stores ({@link Scenario}:
 * records over small identity pools so that profiles merge, events, erasures, unlinks, dataset
 * deletions; the cache on or off) and random queries (every operator, {@code and}/{@code or}/{@code
 * not}, identity and event conditions, a random sort path and direction, a random page size) under
 * random policies (timestamp-ordered or dataset precedence, whole graph or no stitching). Each
 * query must return exactly what {@link SearchOracle} filters from all looked-up profiles, in its
 * order, paged through with the cursors; {@code count()} must be its size.
 *
 * <p>Replay one seed with {@code -Drtprofile.search.seed=N}; change the number of seeds with {@code
 * -Drtprofile.search.seeds=N}.
 */
class SearchModelTest {
  private static final int SEEDS = Integer.getInteger("rtprofile.search.seeds", 300);
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.search.seed");
  private static final int MAX_STEPS = 45;
  private static final int QUERIES_PER_CHECK = 25;

  @Test
  void search_randomQueriesOnRandomStores_matchesBruteForceOverLookups() {
    long from = ONLY_SEED != null ? ONLY_SEED : 0;
    long to = ONLY_SEED != null ? ONLY_SEED + 1 : SEEDS;
    long matches = 0;
    for (long seed = from; seed < to; seed++) {
      Scenario scenario = Scenario.random(seed, MAX_STEPS);
      try {
        matches += checkSeed(scenario);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "seed "
                + seed
                + " (replay with -Drtprofile.search.seed="
                + seed
                + "), default policy "
                + scenario.defaultPolicy.id()
                + (scenario.uniqueCrmId ? ", CRMID unique" : "")
                + ", cache "
                + scenario.cacheSize
                + (scenario.scanTables ? ", scan tables" : ", no scan tables")
                + ", steps:\n  "
                + scenario.steps.stream().map(Object::toString).collect(Collectors.joining("\n  "))
                + "\n"
                + e.getMessage(),
            e);
      }
    }
    assertThat(matches).as("profiles matched over all queries").isPositive();
  }

  /**
   * Scans keep a table of merged values per policy that writes only mark as stale; a query after
   * every single step checks that each kind of write (merge, split, erase, unlink, dataset
   * deletion, expiry) reaches it.
   */
  @Test
  void search_queryAfterEveryStep_scanTableFollowsEveryWrite() {
    long matches = 0;
    for (long seed = 1_000; seed < 1_060; seed++) {
      Scenario scenario = Scenario.random(seed, MAX_STEPS);
      ProfileStore store = scenario.newStore();
      Random rnd = new Random(seed);
      Generator gen = new Generator(rnd, scenario.policyIds(), scenario.pool);
      for (int i = 0; i < scenario.steps.size(); i++) {
        scenario.steps.get(i).action().accept(store);
        BruteForce model = new BruteForce(store, scenario.pool, rnd);
        for (int q = 0; q < 3; q++) {
          matches +=
              SearchOracle.compare(
                  store,
                  model,
                  gen.query(),
                  "seed " + seed + " after step " + i + " " + scenario.steps.get(i),
                  true);
        }
      }
    }
    assertThat(matches).as("profiles matched over all queries").isPositive();
  }

  /** Runs the steps, comparing random queries halfway and at the end; returns the matches. */
  private static long checkSeed(Scenario scenario) {
    ProfileStore store = scenario.newStore();
    Random rnd = new Random(scenario.seed);
    Generator gen = new Generator(rnd, scenario.policyIds(), scenario.pool);
    int n = scenario.steps.size();
    long matches = 0;
    for (int i = 0; i < n; i++) {
      scenario.steps.get(i).action().accept(store);
      if (i == n / 2 || i == n - 1) {
        BruteForce model = new BruteForce(store, scenario.pool, rnd);
        for (int q = 0; q < QUERIES_PER_CHECK; q++) {
          matches += SearchOracle.compare(store, model, gen.query(), "after step " + i, true);
        }
      }
    }
    return matches;
  }
}
