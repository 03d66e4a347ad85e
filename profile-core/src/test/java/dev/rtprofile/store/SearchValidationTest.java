package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.CONSENT;
import static dev.rtprofile.store.SearchFixtures.NAME;
import static dev.rtprofile.store.SearchFixtures.POINTS;
import static dev.rtprofile.store.SearchFixtures.SCORE;
import static dev.rtprofile.store.SearchFixtures.T0;
import static dev.rtprofile.store.SearchFixtures.TIER;
import static dev.rtprofile.store.SearchFixtures.VISIT;
import static dev.rtprofile.store.SearchFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad queries (issue 4: "unknown operator for the type, null values, a path that is not a leaf fail
 * with a message naming the condition"; STYLE 7): a condition that makes no sense fails when built,
 * a path that is not a leaf of the stored data fails when the search runs, bad settings fail at
 * once, each with a message naming what was wrong. And {@code explain()} says how the search runs.
 */
class SearchValidationTest {
  private ProfileStore store;

  /** Two people; {@code person.name} is an object in the store, {@code person.name.last} a leaf. */
  @BeforeEach
  void twoPeople() {
    store =
        SearchFixtures.builder()
            .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
            .build();
    for (int i = 0; i < 2; i++) {
      store.ingest(
          Record.builder("crm")
              .primary(crm(i))
              .timestamp(T0)
              .attribute(TIER, "gold")
              .attribute(POINTS, 10L * i)
              .attribute(NAME, "Smith")
              .attribute(CONSENT, true)
              .build());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conditions that make no sense fail when built

  @Test
  void where_nullValue_throwsNullPointerExceptionNamingTheCondition() {
    List<ThrowingCallable> calls =
        List.of(
            () -> store.search().where(TIER).eq(null),
            () -> store.search().where(TIER).ne(null),
            () -> store.search().where(TIER).in("gold", null),
            () -> store.search().where(TIER).lt(null),
            () -> store.search().where(TIER).ge(null),
            () -> store.search().where(TIER).between("a", null),
            () -> store.search().where(TIER).startsWith(null),
            () -> store.search().where(TIER).contains(null),
            () -> Condition.eq(TIER, null));
    for (ThrowingCallable call : calls) {
      assertThatThrownBy(call)
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("(" + TIER + ")")
          .hasMessageEndingWith("must compare with a value, but was given null");
    }
  }

  @Test
  void where_rangeOverBooleans_throwsIllegalArgumentExceptionNamingTheCondition() {
    assertThatThrownBy(() -> store.search().where(CONSENT).lt(true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "<(" + CONSENT + ") must compare with a number, string or instant, but was a Boolean");
    assertThatThrownBy(() -> store.search().where(CONSENT).ge(false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            ">=(" + CONSENT + ") must compare with a number, string or instant, but was a Boolean");
    assertThatThrownBy(() -> Condition.between(CONSENT, false, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "between("
                + CONSENT
                + ") must compare with a number, string or instant, but was a Boolean");
  }

  @Test
  void where_rangeOverAList_throwsIllegalArgumentExceptionNamingTheCondition() {
    assertThatThrownBy(() -> store.search().where(POINTS).gt(List.of(1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            ">(" + POINTS + ") must compare with a number, string or instant, but was a ");
  }

  @Test
  void between_boundsOfTwoKinds_throwsIllegalArgumentExceptionNamingTheCondition() {
    assertThatThrownBy(() -> store.search().where(POINTS).between(1, "9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("between(" + POINTS + ") must have bounds of one kind, but had [1, 9]");
    assertThatThrownBy(() -> Condition.between(VISIT, T0, 5L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("between(" + VISIT + ") must have bounds of one kind");
  }

  @Test
  void in_noValues_throwsIllegalArgumentExceptionNamingTheCondition() {
    assertThatThrownBy(() -> store.search().where(TIER).in())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("in(" + TIER + ") must list a value, but listed none");
    assertThatThrownBy(() -> Condition.in(TIER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("in(" + TIER + ") must list a value, but listed none");
  }

  @Test
  void where_valueTheStoreCannotHold_throwsIllegalArgumentExceptionNamingThePath() {
    assertThatThrownBy(() -> store.search().where(SCORE).eq(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be a finite number, but the value at " + SCORE + " was NaN");
    assertThatThrownBy(() -> store.search().where(TIER).eq(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "value must be a String, Boolean, Number, Instant, List or Map, but the value at "
                + TIER
                + " was a java.lang.Object");
  }

  @Test
  void where_malformedPath_throwsIllegalArgumentExceptionNamingIt() {
    for (String bad : List.of("", ".tier", "loyalty.", "loyalty..tier")) {
      assertThatThrownBy(() -> store.search().where(bad))
          .as("where(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("path must be dot-separated non-empty segments, but was '" + bad + "'");
      assertThatThrownBy(() -> store.search().sortBy(bad))
          .as("sortBy(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("sortBy must be dot-separated non-empty segments, but was '" + bad + "'");
      assertThatThrownBy(() -> Condition.exists(bad))
          .as("exists(%s)", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("path must be dot-separated non-empty segments, but was '" + bad + "'");
    }
    assertThatThrownBy(() -> store.search().where((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
  }

  @Test
  void combinators_nothingOrNullToCombine_throwNamingTheCombinator() {
    Condition gold = Condition.eq(TIER, "gold");
    assertThatThrownBy(Condition::and)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("and must combine a condition, but had none");
    assertThatThrownBy(Condition::or)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("or must combine a condition, but had none");
    assertThatThrownBy(() -> Condition.or(gold, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("or must not combine null");
    assertThatThrownBy(() -> Condition.not(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("condition");
    assertThatThrownBy(() -> store.search().where((Condition) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("condition");
  }

  @Test
  void identityAndEventConditions_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> Condition.events("purchase", 0, T0, T0.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events(purchase) must ask for at least 1 event, but asked for 0");
    assertThatThrownBy(() -> Condition.events(null, 1, T0, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("eventType");
    assertThatThrownBy(() -> Condition.events("view", 1, null, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from");
    assertThatThrownBy(() -> Condition.hasNamespace(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("namespace");
    assertThatThrownBy(() -> Condition.hasIdentity(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("identity");
  }

  // ---------------------------------------------------------------------------------------------
  // A path that is not a leaf fails when the search runs

  @Test
  void fetch_pathWithFieldsBelowIt_throwsIllegalArgumentExceptionNamingTheCondition() {
    ProfileSearch search = store.search().where("person.name").eq("Smith");

    for (ThrowingCallable call :
        List.<ThrowingCallable>of(search::fetch, search::fetchPage, search::count)) {
      assertThatThrownBy(call)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("person.name = Smith must name a leaf attribute")
          .hasMessageContaining("person.name is an object with fields below it");
    }
  }

  @Test
  void fetch_pathWithFieldsBelowItInsideNotAndOr_throwsNamingTheInnerCondition() {
    ProfileSearch search =
        store
            .search()
            .where(
                Condition.not(
                    Condition.or(Condition.eq(TIER, "gold"), Condition.exists("person"))));

    assertThatThrownBy(search::count)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("exists(person) must name a leaf attribute")
        .hasMessageContaining("person is an object with fields below it");
  }

  @Test
  void fetch_sortByPathWithFieldsBelowIt_throwsIllegalArgumentExceptionNamingTheSort() {
    ProfileSearch search = store.search().sortByDescending("loyalty");

    assertThatThrownBy(search::fetch)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("sortBy(loyalty) must name a leaf attribute")
        .hasMessageContaining("loyalty is an object with fields below it");
  }

  @Test
  void fetch_leafOrUnknownPath_runs() {
    assertThat(store.search().where(NAME).eq("Smith").count()).isEqualTo(2);
    assertThat(store.search().where("person.name.first").exists().count()).isZero();
    assertThat(store.search().where("nickname").missing().count()).isEqualTo(2);
  }

  // ---------------------------------------------------------------------------------------------
  // Settings

  @Test
  void limit_outOfRange_throwsIllegalArgumentExceptionWithTheValue() {
    for (int bad : new int[] {0, -1, ProfileSearch.MAX_LIMIT + 1}) {
      assertThatThrownBy(() -> store.search().limit(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("limit must be between 1 and 10000, but was " + bad);
    }
    assertThat(store.search().limit(1).fetch()).hasSize(1);
    assertThat(store.search().limit(ProfileSearch.MAX_LIMIT).fetch()).hasSize(2);
  }

  @Test
  void policy_unknownId_throwsIllegalArgumentExceptionNamingItAndTheKnownOnes() {
    assertThatThrownBy(() -> store.search().policy("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "policy must be the id of a policy registered with mergePolicy(...), one of [own,"
                + " timestampOrdered], but was nope");
    assertThatThrownBy(() -> store.search().policy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
  }

  // ---------------------------------------------------------------------------------------------
  // explain()

  @Test
  void explain_withoutIndexes_saysFullScanThePolicyTheConditionsAndTheSort() {
    String plan = store.search().where(TIER).eq("gold").sortByDescending(POINTS).explain();

    assertThat(plan)
        .contains("full scan")
        .contains("2 profiles")
        .contains("policy timestampOrdered")
        .contains(TIER + " = gold")
        .contains("sorted by " + POINTS + " descending");
  }

  @Test
  void explain_withoutStitching_saysItScansIdentitiesUnderThatPolicy() {
    String plan =
        store
            .search()
            .policy("own")
            .where(Condition.events("view", 2, T0, T0.plusSeconds(3600)))
            .explain();

    assertThat(plan)
        .contains("full scan")
        .contains("2 identities")
        .contains("policy own")
        .contains("events(view >= 2)");
  }

  @Test
  void explain_pathWithFieldsBelowIt_throwsLikeFetch() {
    assertThatThrownBy(() -> store.search().where("person").exists().explain())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("exists(person) must name a leaf attribute");
  }
}
