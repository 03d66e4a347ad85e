package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileStore#events}: deduplication, the order (timestamp, then id), the window, event
 * types, cursor paging, stitching and retention (ARCHITECTURE §1, §3).
 */
class EventsTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final long T0 = NOW.toEpochMilli();
  private static final Identity ECID_A = ecid(1);
  private static final Identity ECID_B = ecid(2);
  private static final Identity EMAIL = Identity.of("Email", "jane@example.com");

  private final MutableClock clock = new MutableClock(NOW);
  private final ProfileStore store =
      ProfileStore.builder()
          .clock(clock)
          .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
          .eventRetention("web", Duration.ofDays(1))
          .build();

  private static Identity ecid(int n) {
    return Identity.of("ECID", String.format("%038d", n));
  }

  private static Event event(String dataset, String id, long timestamp, Identity... identities) {
    Event.Builder b = Event.builder(dataset, id).timestamp(timestamp).eventType("view");
    for (Identity identity : identities) {
      b.identity(identity);
    }
    return b.build();
  }

  private static List<String> ids(EventPage page) {
    return page.events().stream().map(Event::id).toList();
  }

  @Test
  void fetch_sameDatasetAndIdTwice_keptOnceTheLaterWhicheverCameFirst() {
    store.ingest(event("app", "e-1", T0, ECID_A));
    IngestResult again = store.ingest(event("app", "e-1", T0 + 5, ECID_A));
    IngestResult older = store.ingest(event("app", "e-1", T0, ECID_A));

    assertThat(again.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(again.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
    assertThat(again.detail()).startsWith("replaced the stored event with this dataset and id");
    assertThat(older.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(older.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
    assertThat(store.events(ECID_A).fetch().events())
        .singleElement()
        .satisfies(e -> assertThat(e.timestamp()).isEqualTo(T0 + 5));
  }

  @Test
  void ingest_duplicateIdsWithDifferentContentInAnyOrder_sameEventsKept() {
    Random rnd = new Random(14);
    List<Event> sent = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // 40 ids, each sent about ten times with a different time, type, attributes or identities.
      Event.Builder b =
          Event.builder("app", "e" + rnd.nextInt(40))
              .timestamp(T0 + rnd.nextInt(3))
              .eventType(rnd.nextBoolean() ? "view" : "click")
              .attribute("n", (long) rnd.nextInt(3))
              .identity(rnd.nextBoolean() ? ECID_A : ECID_B);
      if (rnd.nextBoolean()) {
        b.attribute("page", "/p" + rnd.nextInt(2));
      }
      sent.add(b.build());
    }
    List<String> first = null;
    for (int round = 0; round < 5; round++) {
      ProfileStore fresh = ProfileStore.builder().build();
      List<Event> shuffled = new ArrayList<>(sent);
      Collections.shuffle(shuffled, new Random(round));
      shuffled.forEach(fresh::ingest);
      List<String> kept = new ArrayList<>();
      for (Identity identity : List.of(ECID_A, ECID_B)) {
        for (Event e : fresh.events(identity).limit(1000).fetch().events()) {
          kept.add(
              identity.value().substring(36)
                  + " "
                  + e.id()
                  + " "
                  + e.timestamp()
                  + " "
                  + e.eventType()
                  + " "
                  + e.attributes());
        }
      }
      assertThat(kept).as("one event per id").hasSize(40);
      if (first == null) {
        first = kept;
      } else {
        assertThat(kept).as("order %s", round).isEqualTo(first);
      }
    }
  }

  @Test
  void fetch_default_oldestFirstThenById() {
    store.ingest(event("app", "b", T0, ECID_A));
    store.ingest(event("app", "c", T0 - 10, ECID_A));
    store.ingest(event("app", "a", T0, ECID_A));
    store.ingest(event("app", "d", T0 + 10, ECID_A));

    EventPage page = store.events(ECID_A).fetch();

    assertThat(ids(page)).containsExactly("c", "a", "b", "d");
    assertThat(page.nextCursor()).isNull();
    assertThat(page.next()).isEmpty();
  }

  @Test
  void fetch_newestFirst_reversesTheOrder() {
    store.ingest(event("app", "b", T0, ECID_A));
    store.ingest(event("app", "c", T0 - 10, ECID_A));
    store.ingest(event("app", "a", T0, ECID_A));

    assertThat(ids(store.events(ECID_A).newestFirst().fetch())).containsExactly("b", "a", "c");
    assertThat(ids(store.events(ECID_A).newestFirst().oldestFirst().fetch()))
        .containsExactly("c", "a", "b");
  }

  @Test
  void fetch_between_keepsFromInclusiveToExclusive() {
    for (int i = 0; i < 5; i++) {
      store.ingest(event("app", "e" + i, T0 + i * 1000L, ECID_A));
    }

    EventPage page =
        store
            .events(ECID_A)
            .between(Instant.ofEpochMilli(T0 + 1000), Instant.ofEpochMilli(T0 + 3000))
            .fetch();

    assertThat(ids(page)).containsExactly("e1", "e2");
    assertThat(store.events(ECID_A).between(T0 + 1000, T0 + 1000).fetch().events())
        .as("an empty window")
        .isEmpty();
  }

  @Test
  void fetch_eventTypes_keepsOnlyThoseTypes() {
    store.ingest(
        Event.builder("app", "1").timestamp(T0).identity(ECID_A).eventType("view").build());
    store.ingest(Event.builder("app", "2").timestamp(T0).identity(ECID_A).eventType("buy").build());
    store.ingest(Event.builder("app", "3").timestamp(T0).identity(ECID_A).build());

    assertThat(ids(store.events(ECID_A).eventTypes("buy").fetch())).containsExactly("2");
    assertThat(ids(store.events(ECID_A).eventTypes("buy", "").fetch())).containsExactly("2", "3");
  }

  @Test
  void fetch_limitAndCursor_pagesThroughEveryEventOnceInOrder() {
    Random rnd = new Random(7);
    Map<String, Event> byKey = new HashMap<>();
    for (int i = 0; i < 53; i++) {
      // Few distinct timestamps and two datasets, so that ties decide the order within a page.
      Event e =
          event(i % 2 == 0 ? "app" : "pos", "e" + rnd.nextInt(20), T0 + rnd.nextInt(5), ECID_A);
      if (store.ingest(e).stored()) {
        // A later duplicate of (dataset, id) replaces the earlier one.
        byKey.put(e.dataset() + "/" + e.id(), e);
      }
    }
    List<Event> all = new ArrayList<>(byKey.values());
    Comparator<Event> order =
        Comparator.comparingLong(Event::timestamp)
            .thenComparing(Event::id)
            .thenComparing(Event::dataset);
    List<String> expected =
        all.stream().sorted(order).map(e -> e.dataset() + "/" + e.id()).toList();

    for (boolean newestFirst : new boolean[] {false, true}) {
      for (int limit : new int[] {1, 3, 7, all.size(), all.size() + 1}) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
          EventQuery q = store.events(ECID_A).limit(limit);
          if (newestFirst) {
            q.newestFirst();
          }
          if (cursor != null) {
            q.after(cursor);
          }
          EventPage page = q.fetch();
          assertThat(page.events().size())
              .as("page %s of limit %s holds at most the limit", pages, limit)
              .isLessThanOrEqualTo(limit)
              .isPositive();
          page.events().forEach(e -> seen.add(e.dataset() + "/" + e.id()));
          cursor = page.nextCursor();
          pages++;
          assertThat(pages).as("paging ends").isLessThanOrEqualTo(all.size() + 1);
        } while (cursor != null);
        List<String> want = new ArrayList<>(expected);
        if (newestFirst) {
          Collections.reverse(want);
        }
        assertThat(seen)
            .as("all pages of limit %s, newestFirst %s", limit, newestFirst)
            .containsExactlyElementsOf(want);
        assertThat(pages).isEqualTo((all.size() + limit - 1) / limit);
      }
    }
  }

  @Test
  void fetch_eventsAddedBetweenPages_noDuplicatesAndLaterOnesStillCome() {
    for (int i = 0; i < 6; i++) {
      store.ingest(event("app", "e" + i, T0 + i, ECID_A));
    }
    EventPage first = store.events(ECID_A).limit(3).fetch();
    store.ingest(event("app", "early", T0 - 1, ECID_A));
    store.ingest(event("app", "late", T0 + 100, ECID_A));

    EventPage second = store.events(ECID_A).limit(10).after(first.nextCursor()).fetch();

    assertThat(ids(first)).containsExactly("e0", "e1", "e2");
    assertThat(ids(second)).containsExactly("e3", "e4", "e5", "late");
  }

  @Test
  void after_badCursor_throwsIllegalArgument() {
    String notBase64 = "not a cursor!";
    String oneField =
        Base64.getUrlEncoder().encodeToString("12345".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.events(ECID_A).after(notBase64))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cursor must come from EventPage.nextCursor(), but was " + notBase64);
    assertThatThrownBy(() -> store.events(ECID_A).after(oneField))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cursor must come from EventPage.nextCursor()");
    assertThatThrownBy(() -> store.events(ECID_A).after(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("cursor");
  }

  @Test
  void fetch_unknownOrInvalidIdentity_isEmpty() {
    assertThat(store.events(ECID_B).fetch().events()).isEmpty();
    assertThat(store.events(Identity.of("ECID", "bad")).fetch().events()).isEmpty();
    assertThat(store.events(Identity.of("Nope", "x")).fetch().events()).isEmpty();
  }

  @Test
  void fetch_noneStitching_onlyTheIdentitysOwnEvents() {
    store.ingest(event("app", "own-a", T0, ECID_A));
    store.ingest(event("app", "own-b", T0 + 1, ECID_B));
    store.ingest(event("app", "own-email", T0 + 2, EMAIL));
    // Link both cookies to the email (records do not add events).
    store.ingest(Record.builder("crm").primary(EMAIL).identity(ECID_A).timestamp(T0).build());
    store.ingest(Record.builder("crm2").primary(EMAIL).identity(ECID_B).timestamp(T0).build());

    assertThat(ids(store.events(ECID_A).fetch()))
        .as("the whole graph's events with PRIVATE_GRAPH")
        .containsExactly("own-a", "own-b", "own-email");
    assertThat(ids(store.events(ECID_A).policy("own").fetch()))
        .as("only the identity's own events with NONE")
        .containsExactly("own-a");
    assertThat(ids(store.events(EMAIL).policy("own").fetch())).containsExactly("own-email");
  }

  @Test
  void fetch_eventWithTwoIdentities_storedUnderThePrimaryLinksBoth() {
    store.ingest(
        Event.builder("app", "e-1")
            .timestamp(T0)
            .primary("ECID", ECID_A.value())
            .identity(EMAIL)
            .build());

    assertThat(ids(store.events(EMAIL).fetch())).containsExactly("e-1");
    assertThat(ids(store.events(ECID_A).policy("own").fetch())).containsExactly("e-1");
    assertThat(store.events(EMAIL).policy("own").fetch().events()).isEmpty();
  }

  @Test
  void retention_expiredEvents_invisibleAtOnceAndRemovedByExpireEvents() {
    store.ingest(event("web", "too-old", T0 - Duration.ofDays(2).toMillis(), ECID_A));
    store.ingest(event("web", "half-day", T0 - Duration.ofHours(12).toMillis(), ECID_A));
    store.ingest(event("web", "now", T0, ECID_A));
    store.ingest(event("app", "kept-forever", T0 - Duration.ofDays(400).toMillis(), ECID_A));

    assertThat(ids(store.events(ECID_A).fetch()))
        .as("an event older than its dataset's retention is invisible at once")
        .containsExactly("kept-forever", "half-day", "now");

    clock.advance(Duration.ofHours(13));

    assertThat(ids(store.events(ECID_A).fetch()))
        .as("events expire as the clock moves")
        .containsExactly("kept-forever", "now");
    assertThat(store.statistics().events())
        .as("expired but not yet swept events still count")
        .isEqualTo(4);

    int removed = store.expireEvents();

    assertThat(removed).isEqualTo(2);
    assertThat(store.statistics().events()).isEqualTo(2);
    assertThat(ids(store.events(ECID_A).fetch())).containsExactly("kept-forever", "now");
    assertThat(store.expireEvents()).as("nothing left to expire").isZero();
  }

  @Test
  void retention_pagingSkipsExpiredEvents() {
    for (int i = 0; i < 10; i++) {
      store.ingest(event("web", "w" + i, T0 - Duration.ofHours(31 - i * 2).toMillis(), ECID_A));
    }
    // w0..w3 are 31, 29, 27, 25 hours old: expired. w4..w9 are visible.
    List<String> seen = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    String cursor = null;
    do {
      EventQuery q = store.events(ECID_A).limit(4);
      if (cursor != null) {
        q.after(cursor);
      }
      EventPage page = q.fetch();
      seen.addAll(ids(page));
      unique.addAll(ids(page));
      cursor = page.nextCursor();
    } while (cursor != null);

    assertThat(seen).containsExactly("w4", "w5", "w6", "w7", "w8", "w9");
    assertThat(unique).hasSameSizeAs(seen);
  }
}
