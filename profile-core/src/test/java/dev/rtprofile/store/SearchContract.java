package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.SearchFixtures.NAME;
import static dev.rtprofile.store.SearchFixtures.POINTS;
import static dev.rtprofile.store.SearchFixtures.TIER;
import static dev.rtprofile.store.SearchFixtures.crm;
import static dev.rtprofile.store.SearchFixtures.email;
import static dev.rtprofile.store.StoreContract.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rtprofile.identity.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of search: conditions see exactly the merged values lookups return, results sort and
 * page with a cursor, {@code count} agrees with the pages, and merges and erasures move profiles in
 * and out of results (README "Searching profiles"). The indexed configuration indexes {@link
 * SearchFixtures#TIER} and {@link SearchFixtures#POINTS}.
 */
interface SearchContract extends StoreContract {
  List<String> TIERS = List.of("bronze", "silver", "gold", "gold", "platinum");
  List<String> NAMES = List.of("Ng", "Nguyen", "Smith", "Smythe", "Stone");

  /**
   * People 1 to 5 under CRMID and email, with the tiers {@link #TIERS}, points 100 to 500 and the
   * last names {@link #NAMES}; person 6 has an email and a last name only.
   */
  private ProfileStore sixPeople() {
    ProfileStore store = open(ContractFixtures.builder());
    for (int i = 1; i <= 5; i++) {
      store.ingest(
          IngestFixtures.crm(crm(i), T1)
              .identity(email(i))
              .attribute(TIER, TIERS.get(i - 1))
              .attribute(POINTS, i * 100L)
              .attribute(NAME, NAMES.get(i - 1))
              .build());
    }
    store.ingest(
        Record.builder("web").primary(email(6)).attribute(NAME, "Stone").timestamp(T1).build());
    return reopen(store);
  }

  /** The search results as values, each compared with what a lookup of person i returns. */
  private static List<SearchFixtures.Row> lookedUp(ProfileStore store, int... people) {
    return IntStream.of(people)
        .mapToObj(i -> SearchFixtures.Row.of(profile(store, email(i))))
        .toList();
  }

  @Test
  default void search_eq_findsExactlyTheMatchingProfilesAsLookupsShowThem() {
    ProfileStore store = sixPeople();

    List<Profile> gold = store.search().where(TIER).eq("gold").fetch();

    assertThat(SearchFixtures.Row.of(gold))
        .containsExactlyInAnyOrderElementsOf(lookedUp(store, 3, 4));
    assertThat(gold).isSortedAccordingTo(Comparator.comparing(Profile::profileId));
    assertThat(store.search().where(TIER).eq("gold").count()).isEqualTo(2);
    assertThat(store.search().where(TIER).eq("diamond").fetch()).isEmpty();
  }

  @Test
  default void fetchPage_sortedDescendingAndPagedWithTheCursor_everyMatchOnceInOrder() {
    ProfileStore store = sixPeople();
    Supplier<ProfileSearch> query =
        () -> store.search().where(POINTS).ge(200L).sortByDescending(POINTS).limit(2);

    SearchPage first = query.get().fetchPage();
    List<Profile> all = SearchFixtures.allPages(query, 10);

    assertThat(first.profiles()).hasSize(2);
    assertThat(first.next()).isPresent();
    assertThat(all)
        .extracting(p -> p.getLong(POINTS).orElseThrow())
        .containsExactly(500L, 400L, 300L, 200L);
    assertThat(SearchFixtures.Row.of(all)).containsExactlyElementsOf(lookedUp(store, 5, 4, 3, 2));
    assertThat(query.get().count()).isEqualTo(4);
    assertThat(store.search().sortBy(TIER).limit(10).fetch())
        .as("ascending by tier, the profile without one last")
        .extracting(p -> p.getString(TIER).orElse("(missing)"))
        .containsExactly("bronze", "gold", "gold", "platinum", "silver", "(missing)");
  }

  @Test
  default void search_rangesListsPrefixesAndMissing_matchTheMergedValues() {
    ProfileStore store = sixPeople();

    assertThat(SearchFixtures.Row.of(store.search().where(POINTS).between(200L, 400L).fetch()))
        .containsExactlyInAnyOrderElementsOf(lookedUp(store, 2, 3, 4));
    assertThat(SearchFixtures.Row.of(store.search().where(POINTS).lt(200L).fetch()))
        .containsExactlyElementsOf(lookedUp(store, 1));
    assertThat(SearchFixtures.Row.of(store.search().where(TIER).in("bronze", "platinum").fetch()))
        .containsExactlyInAnyOrderElementsOf(lookedUp(store, 1, 5));
    assertThat(SearchFixtures.Row.of(store.search().where(NAME).startsWith("Sm").fetch()))
        .containsExactlyInAnyOrderElementsOf(lookedUp(store, 3, 4));
    assertThat(SearchFixtures.Row.of(store.search().where(TIER).missing().fetch()))
        .containsExactlyElementsOf(lookedUp(store, 6));
    assertThat(store.search().where(TIER).eq("gold").where(POINTS).gt(300L).count()).isEqualTo(1);
  }

  @Test
  default void search_noStitchingPolicy_matchesTheProfilesOfSingleIdentities() {
    ProfileStore store = sixPeople();

    List<Profile> stones =
        store.search().policy(ContractFixtures.OWN).where(NAME).eq("Stone").fetch();

    assertThat(SearchFixtures.Row.of(stones))
        .containsExactlyInAnyOrder(
            SearchFixtures.Row.of(
                store.lookup(crm(5)).policy(ContractFixtures.OWN).fetch().orElseThrow()),
            SearchFixtures.Row.of(
                store.lookup(email(6)).policy(ContractFixtures.OWN).fetch().orElseThrow()));
    assertThat(stones).allSatisfy(p -> assertThat(p.identities()).hasSize(1));
  }

  @Test
  default void search_afterAMergeAndAnErase_resultsFollowTheProfiles() {
    ProfileStore store = sixPeople();
    store.search().where(TIER).eq("gold").fetch(); // builds whatever the search keeps

    // Person 6 turns out to be person 3 and says silver, later than person 3's gold.
    store.ingest(
        Record.builder("loyalty")
            .primary(email(6))
            .identity(email(3))
            .attribute(TIER, "silver")
            .timestamp(T2)
            .build());
    store.erase(crm(4));
    store = reopen(store);

    assertThat(profile(store, email(6)).identities()).contains(crm(3), email(3), email(6));
    assertThat(store.search().where(TIER).eq("gold").count()).isZero();
    assertThat(SearchFixtures.Row.of(store.search().where(TIER).eq("silver").fetch()))
        .containsExactlyInAnyOrderElementsOf(lookedUp(store, 2, 3));
    assertThat(store.search().where(TIER).missing().fetch())
        .singleElement()
        .satisfies(p -> assertThat(p.identities()).containsExactly(email(4)));
    assertThat(store.search().count()).as("profiles, person 6 merged into 3").isEqualTo(5);
  }

  @Test
  default void search_afterUnlinkAndDatasetDeletion_resultsFollowTheProfiles() {
    ProfileStore store = sixPeople();
    store.ingest(
        Record.builder("web")
            .primary(SearchFixtures.phone(3))
            .identity(email(3))
            .attribute(TIER, "diamond")
            .timestamp(T2)
            .build());
    assertThat(store.search().where(TIER).eq("diamond").count()).isEqualTo(1);

    store.unlink(SearchFixtures.phone(3), email(3));
    ProfileStore unlinked = reopen(store);

    assertThat(SearchFixtures.Row.of(unlinked.search().where(TIER).eq("gold").fetch()))
        .containsExactlyInAnyOrderElementsOf(lookedUp(unlinked, 3, 4));
    assertThat(unlinked.search().where(TIER).eq("diamond").fetch())
        .singleElement()
        .satisfies(p -> assertThat(p.identities()).containsExactly(SearchFixtures.phone(3)));

    unlinked.deleteDataset("crm");
    ProfileStore deleted = reopen(unlinked);

    assertThat(deleted.search().where(TIER).exists().fetch())
        .singleElement()
        .satisfies(p -> assertThat(p.getString(TIER)).contains("diamond"));
    assertThat(deleted.search().where(POINTS).ge(0L).count()).isZero();
  }

  @Test
  default void search_eventCondition_countsRetainedEventsOnTheStoresClock() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(T2));
    ProfileStore store =
        open(ContractFixtures.builder().clock(clock).eventRetention("web", Duration.ofHours(1)));
    store.ingest(IngestFixtures.crm(crm(1), T1).identity(email(1)).attribute(TIER, "gold").build());
    for (int i = 0; i < 2; i++) {
      store.ingest(
          Event.builder("web", "v" + i)
              .primary("Email", email(1).value())
              .eventType("view")
              .timestamp(T2 - 1_000 * (i + 1))
              .build());
    }
    Condition twoViews =
        Condition.events("view", 2, Instant.ofEpochMilli(T1), Instant.ofEpochMilli(T3));

    assertThat(store.search().where(twoViews).count()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(59).plusSeconds(59));
    assertThat(store.search().where(twoViews).count()).as("one view expired").isZero();
    assertThat(store.search().where(Condition.hasIdentity(email(1))).count()).isEqualTo(1);
  }

  @Test
  default void limit_outOfRange_throwsNamingTheSettingAndTheValue() {
    ProfileStore store = open(ContractFixtures.builder());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.search().limit(10_001))
        .withMessage("limit must be between 1 and 10000, but was 10001");
    assertThat(store.search().count()).isZero();
    assertThat(store.lookup(Identity.of("CRMID", "c-1")).fetch()).isEmpty();
  }
}
