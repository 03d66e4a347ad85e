package dev.rtprofile.store;

import static dev.rtprofile.store.ContractFixtures.OWN;
import static dev.rtprofile.store.ContractFixtures.ingestJane;
import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.rtprofile.identity.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The contract of events: deduplication by (dataset, id), pages in time order with a cursor both
 * ways, time windows and types, whole-graph versus own-identity scope, and retention by event time
 * on the store's clock (ARCHITECTURE §1, §3).
 */
interface EventsContract extends StoreContract {

  /**
   * Jane with six web events under her cookie, one a second from T1 on, alternating view and
   * purchase ({@code w0} to {@code w5}), and one mail event under her CRMID at T1 ({@code m0}).
   */
  private ProfileStore janeWithEvents() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    for (int i = 0; i < 6; i++) {
      store.ingest(
          Event.builder("web", "w" + i)
              .primary("ECID", ECID.value())
              .eventType(i % 2 == 0 ? "view" : "purchase")
              .timestamp(T1 + i * 1_000L)
              .build());
    }
    store.ingest(
        Event.builder("mail", "m0")
            .primary("CRMID", CRM1.value())
            .eventType("open")
            .timestamp(T1)
            .build());
    return reopen(store);
  }

  private static List<String> ids(EventPage page) {
    return page.events().stream().map(Event::id).toList();
  }

  /** Every event id, page by page, following the cursors of the query {@code query} builds. */
  private static List<String> allPages(Supplier<EventQuery> query) {
    List<String> out = new ArrayList<>();
    EventPage page = query.get().fetch();
    out.addAll(ids(page));
    for (int pages = 1; page.next().isPresent(); pages++) {
      assertThat(pages).as("pages, at most 10").isLessThan(10);
      page = query.get().after(page.nextCursor()).fetch();
      out.addAll(ids(page));
    }
    return out;
  }

  @Test
  default void ingest_sameEventTwice_secondIgnoredAsDuplicateAndKeptOnce() {
    ProfileStore store = open(ContractFixtures.builder());
    Event event =
        Event.builder("web", "e1")
            .primary("ECID", ECID.value())
            .identity(EMAIL)
            .timestamp(T1)
            .build();

    IngestResult first = store.ingest(event);
    IngestResult second = store.ingest(event);

    assertThat(first.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(first.primary()).contains(ECID);
    assertThat(second.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(second.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
    store = reopen(store);
    assertThat(ids(store.events(EMAIL).fetch())).containsExactly("e1");
    assertThat(store.statistics().events()).isEqualTo(1);
  }

  @Test
  default void fetch_pagedWithTheCursor_everyEventOnceOldestFirstThenById() {
    ProfileStore store = janeWithEvents();

    EventPage first = store.events(EMAIL).limit(3).fetch();

    assertThat(ids(first)).containsExactly("m0", "w0", "w1");
    assertThat(first.next()).isPresent();
    assertThat(allPages(() -> store.events(EMAIL).limit(3)))
        .containsExactly("m0", "w0", "w1", "w2", "w3", "w4", "w5");
    assertThat(store.events(EMAIL).limit(7).fetch().next()).as("everything on one page").isEmpty();
  }

  @Test
  default void fetch_newestFirstPagedWithTheCursor_everyEventOnceNewestFirst() {
    ProfileStore store = janeWithEvents();

    assertThat(allPages(() -> store.events(CRM1).newestFirst().limit(2)))
        .containsExactly("w5", "w4", "w3", "w2", "w1", "w0", "m0");
  }

  @Test
  default void fetch_betweenAndEventTypes_keepTheWindowFromInclusiveToExclusiveAndTheTypes() {
    ProfileStore store = janeWithEvents();
    Instant from = Instant.ofEpochMilli(T1 + 1_000);
    Instant to = Instant.ofEpochMilli(T1 + 4_000);

    assertThat(ids(store.events(ECID).between(from, to).fetch())).containsExactly("w1", "w2", "w3");
    assertThat(ids(store.events(ECID).eventTypes("purchase").fetch()))
        .containsExactly("w1", "w3", "w5");
    assertThat(ids(store.events(ECID).between(from, to).eventTypes("view", "open").fetch()))
        .containsExactly("w2");
  }

  @Test
  default void fetch_noStitching_onlyTheIdentitysOwnEventsElseTheWholeGraphs() {
    ProfileStore store = janeWithEvents();

    assertThat(ids(store.events(CRM1).policy(OWN).fetch())).containsExactly("m0");
    assertThat(ids(store.events(EMAIL).policy(OWN).fetch())).isEmpty();
    assertThat(ids(store.events(CRM1).fetch())).hasSize(7);
    assertThat(ids(store.events(Identity.of("Email", "nobody@example.com")).fetch())).isEmpty();
  }

  @Test
  default void retention_expiredEventsInvisibleAtOnceAndExpireEventsFreesThem() {
    Instant now = Instant.ofEpochMilli(T1);
    MutableClock clock = new MutableClock(now);
    ProfileStore store =
        open(ContractFixtures.builder().clock(clock).eventRetention("web", Duration.ofDays(1)));
    List<Event> events =
        List.of(
            event("web", "old", now.minus(Duration.ofDays(2))),
            event("web", "recent", now.minus(Duration.ofHours(1))),
            event("orders", "kept", now.minus(Duration.ofDays(30))));
    events.forEach(store::ingest);
    store = reopen(store);

    assertThat(ids(store.events(ECID).fetch())).containsExactly("kept", "recent");
    assertThat(store.statistics().events()).as("expired, not yet swept").isEqualTo(3);

    clock.advance(Duration.ofDays(1));
    assertThat(ids(store.events(ECID).fetch())).containsExactly("kept");
    assertThat(store.expireEvents()).isEqualTo(2);
    assertThat(store.expireEvents()).isZero();
    store = reopen(store);
    assertThat(store.statistics().events()).isEqualTo(1);
    assertThat(ids(store.events(ECID).fetch())).containsExactly("kept");
  }

  private static Event event(String dataset, String id, Instant at) {
    return Event.builder(dataset, id).primary("ECID", ECID.value()).timestamp(at).build();
  }

  @Test
  default void eventQuery_badArguments_throwNamingTheSettingAndTheValue() {
    ProfileStore store = open(ContractFixtures.builder());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.events(ECID).limit(0))
        .withMessage("limit must be between 1 and 10000, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.events(ECID).between(T1 + 1, T1))
        .withMessage("between must have from <= to, but was " + (T1 + 1) + " > " + T1);
  }
}
