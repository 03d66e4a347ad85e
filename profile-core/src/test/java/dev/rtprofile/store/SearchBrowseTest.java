package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.T0;
import static dev.rtprofile.store.SearchFixtures.crm;
import static dev.rtprofile.store.SearchFixtures.email;
import static dev.rtprofile.store.SearchFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.store.SearchFixtures.Row;
import dev.rtprofile.store.SearchFixtures.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Browsing (issue 4): {@link ProfileStore#sample} is a deterministic sample of {@code min(n,
 * profiles)} profiles under the default policy (by its Javadoc, those with the smallest profile
 * ids), and {@link ProfileStore#profileCountsByNamespace} counts profiles, not identities.
 *
 * <p>Replay one seed of the random tests with {@code -Drtprofile.search.seed=N}.
 */
class SearchBrowseTest {
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.search.seed");
  private static final int SEEDS = 100;

  private static long[] seeds() {
    if (ONLY_SEED != null) {
      return new long[] {ONLY_SEED};
    }
    long[] seeds = new long[SEEDS];
    for (int i = 0; i < SEEDS; i++) {
      seeds[i] = i;
    }
    return seeds;
  }

  private static ProfileStore filled(Scenario scenario) {
    ProfileStore store = scenario.newStore();
    scenario.steps.forEach(s -> s.action().accept(store));
    return store;
  }

  /** Every profile under {@code policy}, looked up: one per graph, or one per identity. */
  private static List<Profile> lookUpAll(ProfileStore store, String policy, List<Identity> pool) {
    List<Profile> out = new ArrayList<>();
    if (store.mergePolicies().get(policy).stitching() == IdentityStitching.NONE) {
      for (Identity identity : pool) {
        store.lookup(identity).policy(policy).fetch().ifPresent(out::add);
      }
    } else {
      for (Membership m : store.identityGraph().memberships()) {
        out.add(store.lookup(m.identities().get(0)).policy(policy).fetch().orElseThrow());
      }
    }
    return out;
  }

  @Test
  void sample_sameStoreAndSameInputs_returnTheSameProfiles() {
    for (long seed : seeds()) {
      Scenario scenario = Scenario.random(seed, 40);
      ProfileStore store = filled(scenario);
      ProfileStore again = filled(scenario);

      List<Row> sample = Row.of(store.sample(20));

      assertThat(Row.of(store.sample(20))).as("seed %s, sampled again", seed).isEqualTo(sample);
      assertThat(Row.of(again.sample(20)))
          .as("seed %s, another store fed the same inputs", seed)
          .isEqualTo(sample);
    }
  }

  @Test
  void sample_anySize_returnsMinOfSizeAndProfilesWithTheSmallestIds() {
    for (long seed : seeds()) {
      Scenario scenario = Scenario.random(seed, 40);
      ProfileStore store = filled(scenario);
      String policy = store.defaultMergePolicy().id();
      List<Profile> all = lookUpAll(store, policy, scenario.pool);
      all.sort(
          (a, b) -> {
            int c = a.profileId().compareTo(b.profileId());
            return c != 0
                ? c
                : Identity.canonicalOrder().compare(a.primaryIdentity(), b.primaryIdentity());
          });

      for (int n : new int[] {1, 3, 20, ProfileSearch.MAX_LIMIT}) {
        assertThat(Row.of(store.sample(n)))
            .as("seed %s, sample(%s) under %s of %s profiles", seed, n, policy, all.size())
            .isEqualTo(Row.of(all.subList(0, Math.min(n, all.size()))));
      }
    }
  }

  @Test
  void sample_emptyStore_returnsNothing() {
    assertThat(SearchFixtures.builder().build().sample(20)).isEmpty();
  }

  @Test
  void sample_sizeOutOfRange_throwsIllegalArgumentExceptionWithTheValue() {
    ProfileStore store = SearchFixtures.builder().build();
    for (int bad : new int[] {0, -5, ProfileSearch.MAX_LIMIT + 1}) {
      assertThatThrownBy(() -> store.sample(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("size must be between 1 and 10000, but was " + bad);
    }
  }

  @Test
  void profileCountsByNamespace_profileWithSeveralIdentitiesOfANamespace_countsItOnce() {
    ProfileStore store = SearchFixtures.builder().build();
    // One person with two emails, two phones and a CRMID; one with an email; one with a CRMID.
    store.ingest(
        Record.builder("crm")
            .primary(crm(0))
            .identity(email(0))
            .identity(email(1))
            .identity(phone(0))
            .timestamp(T0)
            .build());
    store.ingest(Record.builder("web").primary(email(1)).identity(phone(1)).timestamp(T0).build());
    store.ingest(Record.builder("web").primary(email(2)).timestamp(T0).build());
    store.ingest(Record.builder("crm").primary(crm(3)).timestamp(T0).build());

    assertThat(store.profileCountsByNamespace())
        .containsExactlyInAnyOrderEntriesOf(Map.of("CRMID", 2L, "Email", 2L, "Phone", 1L));

    store.erase(crm(3));
    assertThat(store.profileCountsByNamespace())
        .as("after erasing the only identity of a profile")
        .containsExactlyInAnyOrderEntriesOf(Map.of("CRMID", 1L, "Email", 2L, "Phone", 1L));
  }

  @Test
  void profileCountsByNamespace_randomStores_countTheLookedUpProfilesHoldingEachNamespace() {
    for (long seed : seeds()) {
      Scenario scenario = Scenario.random(seed, 40);
      ProfileStore store = filled(scenario);
      Map<String, Long> expected = new TreeMap<>();
      for (Profile p : lookUpAll(store, "timestampOrdered", scenario.pool)) {
        p.identities().stream()
            .map(Identity::namespace)
            .distinct()
            .forEach(ns -> expected.merge(ns, 1L, Long::sum));
      }

      assertThat(store.profileCountsByNamespace()).as("seed %s", seed).isEqualTo(expected);
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        assertThat(
                store
                    .search()
                    .policy("timestampOrdered")
                    .where(Condition.hasNamespace(e.getKey()))
                    .count())
            .as("seed %s, search for profiles with a %s identity", seed, e.getKey())
            .isEqualTo(e.getValue());
      }
    }
  }
}
