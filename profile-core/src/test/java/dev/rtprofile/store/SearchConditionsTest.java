package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.CONSENT;
import static dev.rtprofile.store.SearchFixtures.NAME;
import static dev.rtprofile.store.SearchFixtures.POINTS;
import static dev.rtprofile.store.SearchFixtures.SCORE;
import static dev.rtprofile.store.SearchFixtures.T0;
import static dev.rtprofile.store.SearchFixtures.TAGS;
import static dev.rtprofile.store.SearchFixtures.TIER;
import static dev.rtprofile.store.SearchFixtures.VISIT;
import static dev.rtprofile.store.SearchFixtures.crm;
import static dev.rtprofile.store.SearchFixtures.email;
import static dev.rtprofile.store.SearchFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each operator on a small store, as the Javadoc of {@link Condition} and {@link ProfileSearch}
 * states it: numbers compare by value whatever their type, a value of another kind never compares
 * in a range, {@code ne} and ranges need a value, {@code not} does not, missing values sort last
 * both ways, identity conditions match codes in any case, event windows are half-open. The model
 * test draws such queries at random; these name the rules one by one.
 */
class SearchConditionsTest {
  private static final Instant H1 = T0.plus(Duration.ofHours(1));
  private static final Instant H2 = T0.plus(Duration.ofHours(2));

  private ProfileStore store;

  /**
   * Smith (CRMID c-0, two emails; gold, 100 points, score 2.0, tags vip and new; two views and a
   * purchase), Smythe (CRMID c-1 and a phone; silver, 50 points, score 2 as a Long, no tags; one
   * view) and Ng (CRMID c-2; gold, nothing else).
   */
  @BeforeEach
  void threePeople() {
    store = SearchFixtures.builder().build();
    store.ingest(
        Record.builder("crm")
            .primary(crm(0))
            .identity(email(0))
            .identity(email(1))
            .timestamp(T0)
            .attribute(NAME, "Smith")
            .attribute(TIER, "gold")
            .attribute(POINTS, 100L)
            .attribute(SCORE, 2.0)
            .attribute(TAGS, List.of("vip", "new"))
            .attribute(VISIT, H1)
            .attribute(CONSENT, true)
            .build());
    store.ingest(
        Record.builder("crm")
            .primary(crm(1))
            .identity(phone(1))
            .timestamp(T0)
            .attribute(NAME, "Smythe")
            .attribute(TIER, "silver")
            .attribute(POINTS, 50L)
            .attribute(SCORE, 2L)
            .attribute(TAGS, List.of())
            .attribute(VISIT, H2)
            .attribute(CONSENT, false)
            .build());
    store.ingest(
        Record.builder("crm")
            .primary(crm(2))
            .timestamp(T0)
            .attribute(NAME, "Ng")
            .attribute(TIER, "gold")
            .build());
    event(0, "e1", "view", T0);
    event(0, "e2", "view", H1);
    event(0, "e3", "purchase", H2);
    event(1, "e4", "view", H1);
  }

  private void event(int person, String id, String type, Instant at) {
    store.ingest(
        Event.builder("clicks", id)
            .timestamp(at)
            .eventType(type)
            .primary("CRMID", crm(person).value())
            .build());
  }

  private List<String> names(ProfileSearch search) {
    return search.limit(100).fetch().stream().map(p -> p.getString(NAME).orElse("?")).toList();
  }

  private List<String> names(Condition condition) {
    return names(store.search().where(condition).sortBy(NAME));
  }

  @Test
  void eq_aLongAndADoubleOfOneValue_areEqual() {
    assertThat(names(Condition.eq(SCORE, 2L))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.eq(SCORE, 2))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.eq(POINTS, 100.0))).containsExactly("Smith");
    assertThat(names(Condition.in(POINTS, 7, 50.0))).containsExactly("Smythe");
  }

  @Test
  void eq_valueOfAnotherKind_matchesNothing() {
    assertThat(names(Condition.eq(POINTS, "100"))).isEmpty();
    assertThat(names(Condition.eq(CONSENT, "true"))).isEmpty();
  }

  @Test
  void ne_profileWithoutAValue_doesNotMatch() {
    assertThat(names(Condition.ne(POINTS, 100))).containsExactly("Smythe");
    assertThat(names(Condition.not(Condition.eq(POINTS, 100)))).containsExactly("Ng", "Smythe");
  }

  @Test
  void ne_valueOfAnotherKind_matchesEveryProfileWithAValue() {
    // Javadoc of Condition.ne: "The profile has a value at path and it differs from value".
    assertThat(names(Condition.ne(TIER, 5))).containsExactly("Ng", "Smith", "Smythe");
    assertThat(names(Condition.ne(POINTS, "100"))).containsExactly("Smith", "Smythe");
  }

  @Test
  void ranges_numbersStringsAndInstants_compareWithinTheirKind() {
    assertThat(names(Condition.lt(POINTS, 100))).containsExactly("Smythe");
    assertThat(names(Condition.le(POINTS, 100.0))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.gt(SCORE, 1.5))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.ge(TIER, "gold"))).containsExactly("Ng", "Smith", "Smythe");
    assertThat(names(Condition.gt(TIER, "gold"))).containsExactly("Smythe");
    assertThat(names(Condition.between(NAME, "Sm", "Smz"))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.between(VISIT, T0, H1))).containsExactly("Smith");
    assertThat(names(store.search().where(VISIT).between(H1, H2).sortBy(NAME)))
        .containsExactly("Smith", "Smythe");
    assertThat(names(Condition.between(POINTS, 100, 50))).as("low above high").isEmpty();
  }

  @Test
  void ranges_boundOfAnotherKind_matchNothing() {
    assertThat(names(Condition.gt(TIER, 5))).isEmpty();
    assertThat(names(Condition.lt(POINTS, "zzz"))).isEmpty();
    assertThat(names(Condition.ge(VISIT, 0))).isEmpty();
    assertThat(names(Condition.lt(TAGS, "zzz"))).isEmpty();
  }

  @Test
  void startsWithAndContains_matchStringsAndArrays() {
    assertThat(names(Condition.startsWith(NAME, "Sm"))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.startsWith(NAME, ""))).containsExactly("Ng", "Smith", "Smythe");
    assertThat(names(Condition.startsWith(POINTS, "1"))).as("a number").isEmpty();
    assertThat(names(Condition.contains(TAGS, "vip"))).containsExactly("Smith");
    assertThat(names(Condition.contains(TIER, "gold"))).as("not an array").isEmpty();
    assertThat(names(Condition.eq(TAGS, List.of()))).containsExactly("Smythe");
  }

  @Test
  void existsAndMissing_splitTheProfiles() {
    assertThat(names(Condition.exists(POINTS))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.missing(POINTS))).containsExactly("Ng");
    assertThat(names(Condition.missing("nickname"))).containsExactly("Ng", "Smith", "Smythe");
  }

  @Test
  void andOrNot_combine() {
    Condition gold = Condition.eq(TIER, "gold");
    Condition rich = Condition.ge(POINTS, 60);
    assertThat(names(Condition.and(gold, rich))).containsExactly("Smith");
    assertThat(names(Condition.or(Condition.not(gold), rich))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.not(Condition.or(gold, rich)))).containsExactly("Smythe");
    assertThat(names(store.search().where(gold).where(Condition.missing(POINTS))))
        .containsExactly("Ng");
  }

  @Test
  void hasNamespaceAndHasIdentity_matchCodesInAnyCase() {
    assertThat(names(Condition.hasNamespace("email"))).containsExactly("Smith");
    assertThat(names(Condition.hasNamespace("PHONE"))).containsExactly("Smythe");
    assertThat(names(Condition.hasNamespace("ECID"))).isEmpty();
    assertThat(names(Condition.hasIdentity(Identity.of("EMAIL", email(1).value()))))
        .containsExactly("Smith");
    assertThat(names(Condition.hasIdentity(crm(2)))).containsExactly("Ng");
    assertThat(names(Condition.hasIdentity(Identity.of("Email", "nobody@example.com")))).isEmpty();
  }

  @Test
  void events_countInAHalfOpenWindow() {
    assertThat(names(Condition.events("view", 1, T0, H2))).containsExactly("Smith", "Smythe");
    assertThat(names(Condition.events("view", 2, T0, H1))).as("to is excluded").isEmpty();
    assertThat(names(Condition.events("view", 2, T0, H1.plusMillis(1)))).containsExactly("Smith");
    assertThat(names(Condition.events("purchase", 1, H2, H2.plusMillis(1))))
        .containsExactly("Smith");
    assertThat(names(Condition.events("login", 1, T0, H2))).isEmpty();
  }

  @Test
  void sortBy_missingValuesComeLastInBothDirections() {
    assertThat(names(store.search().sortBy(POINTS))).containsExactly("Smythe", "Smith", "Ng");
    assertThat(names(store.search().sortByDescending(POINTS)))
        .containsExactly("Smith", "Smythe", "Ng");
    assertThat(names(store.search().sortByDescending(VISIT)))
        .containsExactly("Smythe", "Smith", "Ng");
  }
}
