package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.LEAF_PATHS;
import static dev.rtprofile.store.SearchFixtures.POINTS;
import static dev.rtprofile.store.SearchFixtures.T0;
import static dev.rtprofile.store.SearchFixtures.TAGS;
import static dev.rtprofile.store.SearchFixtures.TIER;
import static dev.rtprofile.store.SearchFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.SearchFixtures.Row;
import dev.rtprofile.store.SearchFixtures.Scenario;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Cursor paging (issue 4: "cursor paging that stays stable while data changes"): the pages of a
 * search cover every match exactly once, in order; a cursor marks a position (sort value, then
 * profile id), so after data changes the next page starts right after that position: profiles seen
 * with an unchanged sort value are not repeated, profiles that moved behind the cursor or were
 * ingested there are found. A cursor that did not come from a page fails, naming it.
 *
 * <p>Replay one seed of the random tests with {@code -Drtprofile.search.seed=N}.
 */
class SearchPagingTest {
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.search.seed");
  private static final int SEEDS = 150;
  private static final String CRM = "crm";

  /** Ten people {@code c-0..c-9} with 10, 20, ..., 100 loyalty points. */
  private static ProfileStore tenPeople() {
    ProfileStore store = SearchFixtures.builder().build();
    for (int i = 0; i < 10; i++) {
      setPoints(store, i, 10L * (i + 1), 0);
    }
    return store;
  }

  private static void setPoints(ProfileStore store, int person, long points, int version) {
    IngestResult result =
        store.ingest(
            Record.builder(CRM)
                .primary(crm(person))
                .timestamp(T0.plusSeconds(version))
                .attribute(POINTS, points)
                .attribute(TIER, "t" + person)
                .build());
    assertThat(result.stored()).as("record of person %s stored", person).isTrue();
  }

  private static String person(Profile p) {
    return p.getString(TIER).orElse("?");
  }

  private static List<String> people(List<Profile> profiles) {
    return profiles.stream().map(SearchPagingTest::person).toList();
  }

  @Test
  void fetchPage_everyPageSize_coversEveryMatchOnceInOrder() {
    for (long seed : seeds()) {
      Scenario scenario = Scenario.random(seed, 40);
      ProfileStore store = scenario.newStore();
      scenario.steps.forEach(s -> s.action().accept(store));
      Random rnd = new Random(seed);
      String policy = scenario.policyIds().get(rnd.nextInt(scenario.policyIds().size()));
      String sortPath = rnd.nextInt(4) == 0 ? null : LEAF_PATHS.get(rnd.nextInt(LEAF_PATHS.size()));
      boolean descending = rnd.nextBoolean();
      Supplier<ProfileSearch> search =
          () -> sorted(store.search().policy(policy), sortPath, descending);
      String what =
          "seed "
              + seed
              + ", policy "
              + policy
              + ", sort "
              + sortPath
              + (descending ? " desc" : "");

      SearchPage all = search.get().limit(ProfileSearch.MAX_LIMIT).fetchPage();
      assertThat(all.nextCursor()).as("cursor of the only page, %s", what).isNull();
      assertThat(all.profiles())
          .as("one page of everything, %s", what)
          .hasSize((int) search.get().count())
          .isSortedAccordingTo(order(sortPath, descending, isStitched(store, policy)));
      for (int limit : new int[] {1, 2, 3, 7}) {
        List<Profile> pages = pagesOf(search, limit, all.profiles().size(), what);
        assertThat(Row.of(pages))
            .as("pages of %s, %s", limit, what)
            .isEqualTo(Row.of(all.profiles()));
      }
    }
  }

  @Test
  void after_profilesChangeAndArriveBetweenPages_nextPageContinuesAfterTheCursor() {
    ProfileStore store = tenPeople();
    Supplier<ProfileSearch> byPoints = () -> store.search().sortBy(POINTS).limit(3);
    SearchPage first = byPoints.get().fetchPage();
    assertThat(people(first.profiles())).containsExactly("t0", "t1", "t2");

    setPoints(store, 1, 95, 1); // seen, moves behind the cursor: found again
    setPoints(store, 0, 5, 1); // seen, stays before the cursor
    setPoints(store, 5, 65, 1); // not seen yet, stays behind the cursor
    setPoints(store, 10, 25, 0); // new, before the cursor: not on later pages
    setPoints(store, 11, 35, 0); // new, behind the cursor
    List<Profile> rest =
        SearchFixtures.allPages(() -> byPoints.get().after(first.nextCursor()), 10);

    assertThat(people(rest))
        .as("pages after the first, following its cursor")
        .containsExactly("t11", "t3", "t4", "t5", "t6", "t7", "t8", "t1", "t9");
  }

  @Test
  void after_profilesWithTheCursorsSortValue_continueByProfileId() {
    ProfileStore store = SearchFixtures.builder().build();
    for (int i = 0; i < 8; i++) {
      setPoints(store, i, 50, 0);
    }
    List<Profile> all = store.search().sortBy(POINTS).limit(100).fetch();
    assertThat(all).extracting(Profile::profileId).isSorted();
    SearchPage first = store.search().sortBy(POINTS).limit(4).fetchPage();
    // More people with the same points, their ids sorting before and after the cursor's.
    for (int i = 8; i < 40; i++) {
      setPoints(store, i, 50, 0);
    }
    String cursorId = first.profiles().get(3).profileId();
    List<Profile> now = store.search().sortBy(POINTS).limit(100).fetch();
    List<Profile> rest =
        SearchFixtures.allPages(
            () -> store.search().sortBy(POINTS).limit(4).after(first.nextCursor()), 20);

    assertThat(Row.of(rest))
        .as("profiles with the cursor's points and a greater profile id")
        .isEqualTo(
            Row.of(now.stream().filter(p -> p.profileId().compareTo(cursorId) > 0).toList()));
  }

  @Test
  void after_theCursorsProfileErased_nextPageContinuesAfterItsPosition() {
    ProfileStore store = tenPeople();
    SearchPage first = store.search().sortBy(POINTS).limit(3).fetchPage();
    store.erase(crm(2));
    store.erase(crm(3));

    List<Profile> rest =
        SearchFixtures.allPages(
            () -> store.search().sortBy(POINTS).limit(3).after(first.nextCursor()), 10);

    assertThat(people(rest)).containsExactly("t4", "t5", "t6", "t7", "t8", "t9");
  }

  @Test
  void after_profilesMergeBetweenPages_noSeenProfileRepeatsAndNoneIsSkipped() {
    ProfileStore store = tenPeople();
    SearchPage first = store.search().limit(4).fetchPage();
    List<Profile> before = store.search().limit(100).fetch();
    // Merge the two people that sort last: the merged profile keeps one of their ids.
    Profile a = before.get(8);
    Profile b = before.get(9);
    store.ingest(
        Record.builder("web")
            .primary(a.identities().get(0))
            .identity(b.identities().get(0))
            .timestamp(T0)
            .build());
    List<Profile> now = store.search().limit(100).fetch();
    String cursorId = first.profiles().get(3).profileId();

    List<Profile> rest =
        SearchFixtures.allPages(() -> store.search().limit(4).after(first.nextCursor()), 10);

    assertThat(now).hasSize(9);
    assertThat(Row.of(rest))
        .isEqualTo(
            Row.of(now.stream().filter(p -> p.profileId().compareTo(cursorId) > 0).toList()));
  }

  @Test
  void fetchPage_descendingWithMissingValues_missingComeLastOnTheLastPages() {
    ProfileStore store = tenPeople();
    for (int i = 10; i < 14; i++) {
      store.ingest(
          Record.builder(CRM).primary(crm(i)).timestamp(T0).attribute(TIER, "t" + i).build());
    }
    List<Profile> pages =
        SearchFixtures.allPages(() -> store.search().sortByDescending(POINTS).limit(3), 10);

    assertThat(people(pages).subList(0, 10))
        .containsExactly("t9", "t8", "t7", "t6", "t5", "t4", "t3", "t2", "t1", "t0");
    assertThat(people(pages).subList(10, 14)).containsExactlyInAnyOrder("t10", "t11", "t12", "t13");
    assertThat(pages.subList(10, 14)).extracting(Profile::profileId).isSorted();
  }

  @Test
  void fetchPage_lastPageAndEmptyResult_haveNoCursor() {
    ProfileStore store = tenPeople();

    SearchPage exact = store.search().limit(10).fetchPage();
    SearchPage none = store.search().where(TIER).eq("nobody").fetchPage();

    assertThat(exact.profiles()).hasSize(10);
    assertThat(exact.nextCursor()).as("cursor after a page that holds the rest").isNull();
    assertThat(exact.next()).isEmpty();
    assertThat(none.profiles()).isEmpty();
    assertThat(none.nextCursor()).as("cursor of an empty result").isNull();
  }

  @Test
  void fetchPage_sortedByAnArrayAttribute_pagesThroughEveryMatch() {
    ProfileStore store = SearchFixtures.builder().build();
    List<List<String>> tags =
        List.of(List.of("b"), List.of("a", "c"), List.of("a"), List.of(), List.of("c", "a"));
    for (int i = 0; i < tags.size(); i++) {
      store.ingest(
          Record.builder(CRM)
              .primary(crm(i))
              .timestamp(T0)
              .attribute(TIER, "t" + i)
              .attribute(TAGS, tags.get(i))
              .build());
    }

    List<Profile> pages = SearchFixtures.allPages(() -> store.search().sortBy(TAGS).limit(2), 10);

    // Lists sort element by element, then shorter first: [], [a], [a, c], [b], [c, a].
    assertThat(people(pages)).containsExactly("t3", "t2", "t1", "t0", "t4");
  }

  @Test
  void fetchPage_sortValuesHoldingNulCharacters_eachProfileOnceInOrder() {
    ProfileStore store = SearchFixtures.builder().build();
    List<String> names = List.of("a\u0000b", "a\u0000b", "a\u0000c", "a", "a\u0000");
    for (int i = 0; i < names.size(); i++) {
      store.ingest(
          Record.builder(CRM)
              .primary(crm(i))
              .timestamp(T0)
              .attribute(TIER, "t" + i)
              .attribute(SearchFixtures.NAME, names.get(i))
              .build());
    }
    List<Profile> all = store.search().sortBy(SearchFixtures.NAME).limit(100).fetch();

    List<Profile> pages =
        SearchFixtures.allPages(() -> store.search().sortBy(SearchFixtures.NAME).limit(1), 10);

    assertThat(Row.of(pages)).isEqualTo(Row.of(all));
  }

  @Test
  void fetchPage_withoutStitchingWhereOneNamespaceCodeStartsAnother_eachProfileOnce() {
    ProfileStore store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRM", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("CRM2", IdentityType.CROSS_DEVICE))
            .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
            .build();
    Identity crm = Identity.of("CRM", "x");
    Identity crm2 = Identity.of("CRM2", "x");
    // One graph of two identities, each with a fragment of its own: two profiles, one profile id.
    store.ingest(
        Record.builder(CRM).primary(crm).identity(crm2).timestamp(T0).attribute(TIER, "a").build());
    store.ingest(Record.builder("web").primary(crm2).timestamp(T0).attribute(TIER, "b").build());
    List<Profile> all = store.search().policy("own").limit(100).fetch();
    assertThat(all).extracting(Profile::primaryIdentity).containsExactly(crm, crm2);

    List<Profile> pages = SearchFixtures.allPages(() -> store.search().policy("own").limit(1), 10);

    assertThat(pages).extracting(Profile::primaryIdentity).containsExactly(crm, crm2);
  }

  @Test
  void after_randomChangesBetweenPages_nextPagesHoldExactlyTheProfilesBehindTheCursor() {
    int checked = 0;
    for (long seed : seeds()) {
      Scenario scenario = Scenario.random(seed, 40);
      ProfileStore store = scenario.newStore();
      int half = scenario.steps.size() / 2;
      scenario.steps.subList(0, half).forEach(s -> s.action().accept(store));
      Random rnd = new Random(seed);
      String policy = scenario.policyIds().get(rnd.nextInt(scenario.policyIds().size()));
      String sortPath = rnd.nextInt(4) == 0 ? null : LEAF_PATHS.get(rnd.nextInt(LEAF_PATHS.size()));
      boolean descending = rnd.nextBoolean();
      int limit = 1 + rnd.nextInt(4);
      boolean stitched = isStitched(store, policy);
      Supplier<ProfileSearch> search =
          () -> sorted(store.search().policy(policy), sortPath, descending).limit(limit);
      SearchPage first = search.get().fetchPage();
      if (first.nextCursor() == null) {
        continue;
      }
      String cursor = first.nextCursor();
      Profile last = first.profiles().get(first.profiles().size() - 1);
      scenario.steps.subList(half, scenario.steps.size()).forEach(s -> s.action().accept(store));

      String what =
          "seed "
              + seed
              + ", policy "
              + policy
              + ", sort "
              + sortPath
              + (descending ? " desc" : "")
              + ", limit "
              + limit
              + ", steps after the first page:\n  "
              + scenario.steps.subList(half, scenario.steps.size()).stream()
                  .map(Object::toString)
                  .collect(Collectors.joining("\n  "));
      List<Profile> now = search.get().limit(ProfileSearch.MAX_LIMIT).fetch();
      Comparator<Profile> position = position(sortPath, descending, stitched);
      List<Profile> behind = now.stream().filter(p -> position.compare(p, last) > 0).toList();
      List<Profile> rest = pagesAfter(search, cursor, now.size(), what);

      assertThat(Row.of(rest)).as("pages after the first, %s", what).isEqualTo(Row.of(behind));
      Set<String> seenUnchanged = new HashSet<>();
      for (Profile seen : first.profiles()) {
        seenUnchanged.add(key(seen, sortPath, stitched));
      }
      assertThat(rest)
          .as("profiles seen on the first page with the same sort value, %s", what)
          .noneMatch(p -> seenUnchanged.contains(key(p, sortPath, stitched)));
      checked++;
    }
    assertThat(checked).as("seeds whose first page had a cursor").isPositive();
  }

  @Test
  void after_aStringThatIsNotACursor_throwsIllegalArgumentExceptionNamingIt() {
    ProfileStore store = tenPeople();
    String notBase64 = "not a cursor!";
    String noSeparator =
        Base64.getUrlEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
    String badNumber =
        Base64.getUrlEncoder().encodeToString("1:abc\u0000id".getBytes(StandardCharsets.UTF_8));

    for (String bad : List.of(notBase64, noSeparator, badNumber, "")) {
      assertThatThrownBy(() -> store.search().sortBy(POINTS).after(bad))
          .as("after(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cursor must come from SearchPage.nextCursor(), but was " + bad);
    }
    assertThatThrownBy(() -> store.search().after(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cursor");
  }

  // ---------------------------------------------------------------------------------------------

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

  private static ProfileSearch sorted(ProfileSearch s, @Nullable String path, boolean descending) {
    if (path == null) {
      return s;
    }
    return descending ? s.sortByDescending(path) : s.sortBy(path);
  }

  private static boolean isStitched(ProfileStore store, String policy) {
    return store.mergePolicies().get(policy).stitching() == IdentityStitching.PRIVATE_GRAPH;
  }

  /** Every page at {@code limit}, checking that each but the last is full. */
  private static List<Profile> pagesOf(
      Supplier<ProfileSearch> search, int limit, int total, String what) {
    List<Profile> out = new ArrayList<>();
    SearchPage page = search.get().limit(limit).fetchPage();
    while (true) {
      out.addAll(page.profiles());
      if (page.nextCursor() == null) {
        return out;
      }
      assertThat(page.profiles()).as("a page with a next cursor, %s", what).hasSize(limit);
      assertThat(out.size()).as("profiles paged through, %s", what).isLessThan(total);
      page = search.get().limit(limit).after(page.nextCursor()).fetchPage();
    }
  }

  private static List<Profile> pagesAfter(
      Supplier<ProfileSearch> search, String cursor, int total, String what) {
    List<Profile> out = new ArrayList<>();
    String next = cursor;
    while (next != null) {
      SearchPage page = search.get().after(next).fetchPage();
      out.addAll(page.profiles());
      assertThat(out.size()).as("profiles after the cursor, %s", what).isLessThanOrEqualTo(total);
      next = page.nextCursor();
    }
    return out;
  }

  /** The order of results: sort value (missing last), profile id, then (unstitched) identity. */
  private static Comparator<Profile> order(
      @Nullable String sortPath, boolean descending, boolean stitched) {
    Comparator<Profile> c = position(sortPath, descending, stitched);
    return stitched ? c : c.thenComparing(Profile::primaryIdentity, Identity.canonicalOrder());
  }

  /**
   * A cursor's position: sort value (missing last), profile id, and without stitching, where
   * profiles share a graph's id, the identity.
   */
  private static Comparator<Profile> position(
      @Nullable String sortPath, boolean descending, boolean stitched) {
    Comparator<Profile> byValue =
        (a, b) -> {
          if (sortPath == null) {
            return 0;
          }
          Object x = a.get(sortPath).orElse(null);
          Object y = b.get(sortPath).orElse(null);
          if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
          }
          int c = SearchFixtures.sortOrder(x, y);
          return descending ? -c : c;
        };
    Comparator<Profile> byId = byValue.thenComparing(Profile::profileId);
    return stitched
        ? byId
        : byId.thenComparing(Profile::primaryIdentity, Identity.canonicalOrder());
  }

  /** A profile and its sort value, as a string to look up. */
  private static String key(Profile p, @Nullable String sortPath, boolean stitched) {
    return p.profileId()
        + (stitched ? "" : " " + p.primaryIdentity().toText())
        + " "
        + (sortPath == null ? "" : p.get(sortPath).map(Object::toString).orElse("<missing>"));
  }
}
