package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The store against a brute-force model (STYLE 18): random stores, records and policies, and after
 * random steps every identity looked up under every policy must give the profile that {@link
 * StoreOracle} recomputes from all records ingested so far: profile id, identities, primary
 * identity, attributes, datasets, last-modified time and the explanation of every path, and its
 * events must be the model's (by timestamp, then id, each (dataset, id) once). Ingest results must
 * say what the model says (accepted, trimmed, stale, duplicate, rejected).
 *
 * <p>Replay one seed with {@code -Drtprofile.store.seed=N}; change the number of seeds with {@code
 * -Drtprofile.store.oracleSeeds=N}.
 */
class StoreMergeOracleTest {
  private static final int SEEDS = Integer.getInteger("rtprofile.store.oracleSeeds", 1000);
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.store.seed");

  @Test
  void lookup_recordsWithoutCache_matchesTheModel() {
    check(new StoreScenario.Options(false, false, false, 30), 3, SEEDS);
  }

  @Test
  void lookup_recordsAndEventsWithCache_matchesTheModelAfterEveryInput() {
    check(new StoreScenario.Options(true, true, false, 20), Integer.MAX_VALUE, SEEDS * 3 / 10);
  }

  @Test
  void lookup_tiesBetweenValuesThatPrintAlike_matchTheModel() {
    check(new StoreScenario.Options(true, true, true, 25), 3, SEEDS / 5);
  }

  /**
   * Runs the seeds; compares after {@code checkpoints} random inputs and after the last one (after
   * every input if {@code checkpoints} is at least the number of inputs).
   */
  private static void check(StoreScenario.Options options, int checkpoints, int seeds) {
    long from = ONLY_SEED != null ? ONLY_SEED : 0;
    long to = ONLY_SEED != null ? ONLY_SEED + 1 : seeds;
    long lookups = 0;
    for (long seed = from; seed < to; seed++) {
      lookups += checkSeed(seed, options, checkpoints);
    }
    assertThat(lookups).as("lookups compared").isPositive();
  }

  private static long checkSeed(long seed, StoreScenario.Options options, int checkpoints) {
    StoreScenario scenario = StoreScenario.random(seed, options);
    String replay = "seed " + seed + " (replay with -Drtprofile.store.seed=" + seed + ")";
    Random rnd = new Random(seed);
    int n = scenario.inputs.size();
    boolean[] checkAfter = new boolean[n];
    checkAfter[n - 1] = true;
    for (int i = 0; i < Math.min(checkpoints, n); i++) {
      checkAfter[checkpoints >= n ? i : rnd.nextInt(n)] = true;
    }
    ProfileStore store = scenario.newStore();
    StoreOracle oracle = new StoreOracle(scenario);
    long lookups = 0;
    for (int i = 0; i < n; i++) {
      StoreScenario.Input input = scenario.inputs.get(i);
      IngestResult result =
          input.isRecord() ? store.ingest(input.record()) : store.ingest(input.event());
      StoreOracle.Outcome expected = oracle.ingest(input);
      StoreOracle.Outcome actual =
          new StoreOracle.Outcome(result.status(), result.problems(), result.primaryIdentity());
      if (!actual.equals(expected)) {
        assertThat(actual.render())
            .as(
                "%s: ingest result of input #%d %s%nscenario: %s",
                replay, i, StoreScenario.describe(input), scenario.dump())
            .isEqualTo(expected.render());
      }
      if (checkAfter[i]) {
        lookups += compareAll(scenario, store, oracle, replay + ", after input #" + i);
      }
    }
    return lookups;
  }

  private static long compareAll(
      StoreScenario scenario, ProfileStore store, StoreOracle oracle, String context) {
    StoreOracle.Checkpoint model = oracle.checkpoint();
    List<@Nullable String> policyIds = new ArrayList<>(scenario.policyIds());
    policyIds.add(null);
    long lookups = 0;
    for (Identity identity : scenario.lookups()) {
      for (String policyId : policyIds) {
        MergePolicy policy = scenario.policy(policyId);
        ProfileQuery query = store.lookup(identity);
        if (policyId != null) {
          query.policy(policyId);
        }
        Optional<Profile> actual = query.fetch();
        Optional<StoreOracle.Expected> expected =
            model.expect(identity, policy, store.identityGraph());
        Optional<StoreOracle.Expected> seen = actual.map(StoreMergeOracleTest::view);
        lookups++;
        EventQuery events = store.events(identity).limit(EventQuery.MAX_LIMIT);
        if (policyId != null) {
          events.policy(policyId);
        }
        List<String> actualEvents = new ArrayList<>();
        events.fetch().events().forEach(e -> actualEvents.add(StoreOracle.describe(e)));
        List<String> expectedEvents = model.events(identity, policy, store.identityGraph());
        if (!actualEvents.equals(expectedEvents)) {
          assertThat(actualEvents)
              .as(
                  "%s: events of %s under %s%nscenario: %s",
                  context, identity.toText(), policy.id(), scenario.dump())
              .isEqualTo(expectedEvents);
        }
        if (seen.equals(expected)
            && actual.map(p -> p.policyId().equals(policy.id())).orElse(true)) {
          continue;
        }
        String where =
            String.format(
                "%s: lookup %s under %s%nscenario: %s",
                context,
                identity.toText(),
                policyId == null ? "the default policy " + policy.id() : policyId,
                scenario.dump());
        assertThat(seen.isPresent())
            .as("%s%nprofile present", where)
            .isEqualTo(expected.isPresent());
        assertThat(actual.orElseThrow().policyId())
            .as("%s%npolicyId", where)
            .isEqualTo(policy.id());
        StoreOracle.Expected e = expected.orElseThrow();
        StoreOracle.Expected a = seen.orElseThrow();
        assertThat(a.render()).as(where).isEqualTo(e.render());
        assertThat(a).as(where).isEqualTo(e);
      }
    }
    return lookups;
  }

  /** What a fetched profile shows, in the model's terms. */
  private static StoreOracle.Expected view(Profile p) {
    Map<String, Explanation> explanations = new TreeMap<>();
    for (String path : StoreScenario.PATHS.keySet()) {
      p.explain(path).ifPresent(e -> explanations.put(path, e));
    }
    p.explain(StoreScenario.NEVER_SET).ifPresent(e -> explanations.put(e.path(), e));
    return new StoreOracle.Expected(
        p.profileId(),
        p.identities(),
        p.primaryIdentity(),
        new TreeMap<>(p.attributes()),
        p.datasets(),
        p.lastModified(),
        explanations);
  }
}
