package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 4: the costs that grew with the store now grow with what an operation touches. Each
 * test counts work (events looked at, list slots copied), never time.
 */
class StoreCostTest {
  private static final long T0 = 1_773_144_000_000L;

  private static Identity ecid(int n) {
    return Identity.of("ECID", String.format("%038d", n));
  }

  @Test
  void events_pagesThroughManyEvents_eachPageLooksAtAboutItsOwnEvents() {
    ProfileStore store = ProfileStore.builder().build();
    Identity person = ecid(1);
    for (int i = 0; i < 20_000; i++) {
      store.ingest(
          Event.builder("web", "e" + i).identity(person).timestamp(T0 + i % 5_000).build());
    }
    EventLog log = store.engine().events;

    for (boolean newestFirst : new boolean[] {false, true}) {
      String cursor = null;
      for (int page = 0; page < 20; page++) {
        long before = log.examined;
        EventQuery q = store.events(person).limit(10);
        if (newestFirst) {
          q.newestFirst();
        }
        if (cursor != null) {
          q.after(cursor);
        }
        EventPage fetched = q.fetch();
        cursor = fetched.nextCursor();

        assertThat(fetched.events()).hasSize(10);
        assertThat(log.examined - before)
            .as("page %s, newest first %s: the page and one more", page, newestFirst)
            .isEqualTo(11);
      }
    }
  }

  @Test
  void erase_oneOfManyProfiles_looksOnlyAtItsGraphsEventsAndKeepsOtherCachedProfiles() {
    ProfileStore store = ProfileStore.builder().build();
    for (int p = 0; p < 100; p++) {
      Identity email = Identity.of("Email", "person" + p + "@example.com");
      for (int i = 0; i < 100; i++) {
        store.ingest(
            Event.builder("web", p + "-" + i)
                .primary("ECID", ecid(p).value())
                .identity(email)
                .timestamp(T0 + i)
                .build());
      }
      store.ingest(
          Record.builder("crm").primary(email).attribute("name", "p" + p).timestamp(T0).build());
    }
    Profile other = store.lookup(ecid(7)).fetch().orElseThrow();
    EventLog log = store.engine().events;
    long before = log.examined;

    store.erase(Identity.of("Email", "person3@example.com"));

    assertThat(log.examined - before)
        .as("the erased person's 100 events, not the store's 10,000")
        .isEqualTo(100);
    assertThat(store.lookup(ecid(7)).fetch().orElseThrow())
        .as("an untouched profile stays cached")
        .isSameAs(other);
    assertThat(store.events(ecid(3)).limit(1000).fetch().events())
        .hasSize(100)
        .allSatisfy(e -> assertThat(e.identities()).hasSize(1));
  }

  @Test
  void ingest_manyDatasetsOnOneIdentity_copiesLogarithmicallyManySlotsPerRecord() {
    ProfileStore store = ProfileStore.builder().build();
    Identity person = ecid(1);
    int datasets = 20_000;
    for (int d = 0; d < datasets; d++) {
      store.ingest(
          Record.builder("ds" + d).primary(person).attribute("n", (long) d).timestamp(T0).build());
    }
    for (int d = 0; d < datasets; d += 100) {
      store.ingest(
          Record.builder("ds" + d).primary(person).attribute("n", -1L).timestamp(T0 + 1).build());
    }
    FragmentStore fragments = store.engine().fragments;

    assertThat(fragments.of(person)).hasSize(datasets);
    assertThat(fragments.copied)
        .as("a few trie nodes per update, not the whole list")
        .isLessThanOrEqualTo(200L * (datasets + datasets / 100));
    assertThat(store.lookup(person).fetch().orElseThrow().attributes().get("n")).isIn(-1L);
    assertThat(List.copyOf(fragments.of(person)).stream().filter(f -> f.dataset.equals("ds100")))
        .singleElement()
        .satisfies(f -> assertThat(f.timestamp).isEqualTo(T0 + 1));
  }
}
