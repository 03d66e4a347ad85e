package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.T0;
import static dev.rtprofile.store.SearchFixtures.TIERS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.SearchFixtures.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent ingest during search (issue 4: "no exception, no half-merged profile in a result";
 * STYLE 19): two threads ingest records and events and erase identities while two threads search
 * under both stitchings. Every record sets {@code pair.a} and {@code pair.b} to one token, so a
 * result whose two differ shows half a write; every result must satisfy the search's conditions; a
 * search that starts after {@code erase(identity)} returned never shows that identity. At the end
 * the searches answer as on a store fed the same inputs on one thread.
 */
class SearchConcurrencyTest {
  private static final int WRITERS = 2;
  private static final int SEARCHERS = 2;
  private static final int RECORDS_PER_WRITER = 800;
  private static final int PEOPLE = 24;
  private static final List<String> POLICIES = List.of("timestampOrdered", "own");

  private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + SEARCHERS);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("pool stopped").isTrue();
  }

  private static ProfileStore newStore() {
    return SearchFixtures.builder()
        .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
        .build();
  }

  private static Identity crm(int person) {
    return SearchFixtures.crm(person);
  }

  private static Identity email(int person) {
    return SearchFixtures.email(person);
  }

  /** Four people share a household phone, so some records merge graphs. */
  private static Identity household(int person) {
    return SearchFixtures.phone(person / 4);
  }

  /** Writer {@code w}'s {@code s}-th record: {@code pair.a} and {@code pair.b} carry one token. */
  private static Record record(int w, int s) {
    int person = (s * 7 + w * 5) % PEOPLE;
    String token = "w" + w + "-s" + s;
    Record.Builder b =
        Record.builder("ds-" + w)
            .primary(crm(person))
            .identity(email(person))
            .attribute("pair.a", token)
            .attribute("pair.b", token)
            .attribute("tier", TIERS.get((s + w) % TIERS.size()))
            .attribute("seq", (long) s)
            .timestamp(T0.toEpochMilli() + s * (long) WRITERS + w);
    if (s % 10 == 3) {
      b.identity(household(person));
    }
    return b.build();
  }

  private static Event event(int w, int s) {
    int person = (s * 11 + w) % PEOPLE;
    return Event.builder("ev-" + w, "e-" + s)
        .primary("CRMID", crm(person).value())
        .timestamp(T0.plusSeconds(s))
        .eventType("view")
        .build();
  }

  /** The email writer {@code w} erases after its {@code s}-th record, if any. */
  private static Optional<Identity> erasedAfter(int w, int s) {
    return s % 60 == 59 ? Optional.of(email(((s / 60) * 2 + w) % PEOPLE)) : Optional.empty();
  }

  /** Runs writer {@code w}'s inputs on {@code store}; {@code erased} hears of each erasure. */
  private static void write(ProfileStore store, int w, Set<Identity> erased) {
    for (int s = 0; s < RECORDS_PER_WRITER; s++) {
      store.ingest(record(w, s));
      if (s % 4 == 0) {
        store.ingest(event(w, s));
      }
      Optional<Identity> erase = erasedAfter(w, s);
      if (erase.isPresent()) {
        store.erase(erase.get());
        erased.add(erase.get());
      }
    }
  }

  @Test
  void search_duringConcurrentIngestAndErase_resultsAreWholeMatchingAndNeverErased()
      throws Exception {
    ProfileStore store = newStore();
    Set<Identity> erased = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch writersDone = new CountDownLatch(WRITERS);
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                try {
                  start.await();
                  write(store, writer, erased);
                  return null;
                } finally {
                  writersDone.countDown();
                }
              }));
    }
    List<Future<Integer>> searchers = new ArrayList<>();
    for (int r = 0; r < SEARCHERS; r++) {
      int seed = r;
      searchers.add(pool.submit(() -> search(store, new Random(seed), erased, start, stop)));
    }

    start.countDown();
    assertThat(writersDone.await(60, TimeUnit.SECONDS)).as("writers finished").isTrue();
    stop.set(true);
    for (Future<?> writer : writers) {
      writer.get(10, TimeUnit.SECONDS);
    }
    for (Future<Integer> searcher : searchers) {
      assertThat(searcher.get(60, TimeUnit.SECONDS)).as("searches by a searcher").isPositive();
    }

    ProfileStore sequential = newStore();
    Set<Identity> erasedSequentially = ConcurrentHashMap.newKeySet();
    for (int w = 0; w < WRITERS; w++) {
      write(sequential, w, erasedSequentially);
    }
    assertThat(erased).isEqualTo(erasedSequentially);
    for (String policy : POLICIES) {
      assertThat(Row.of(everything(store, policy)))
          .as("every profile under %s, sorted by id", policy)
          .isEqualTo(Row.of(everything(sequential, policy)));
      for (String tier : TIERS) {
        assertThat(Row.of(store.search().policy(policy).where("tier").eq(tier).limit(100).fetch()))
            .as("profiles of tier %s under %s", tier, policy)
            .isEqualTo(
                Row.of(
                    sequential.search().policy(policy).where("tier").eq(tier).limit(100).fetch()));
      }
    }
  }

  private static List<Profile> everything(ProfileStore store, String policy) {
    return store.search().policy(policy).limit(ProfileSearch.MAX_LIMIT).fetch();
  }

  /**
   * A searcher: runs random searches until told to stop and checks every result; returns the number
   * of searches.
   */
  private static int search(
      ProfileStore store,
      Random rnd,
      Set<Identity> erased,
      CountDownLatch start,
      AtomicBoolean stop)
      throws InterruptedException {
    start.await();
    int searches = 0;
    do {
      Set<Identity> erasedBefore = Set.copyOf(erased);
      String policy = POLICIES.get(rnd.nextInt(POLICIES.size()));
      List<Profile> found;
      String what;
      switch (rnd.nextInt(4)) {
        case 0 -> {
          String tier = TIERS.get(rnd.nextInt(TIERS.size()));
          what = "tier = " + tier;
          found = store.search().policy(policy).where("tier").eq(tier).limit(50).fetch();
          assertThat(found).as(what).allMatch(p -> p.getString("tier").orElseThrow().equals(tier));
        }
        case 1 -> {
          String prefix = "w" + rnd.nextInt(WRITERS) + "-";
          what = "pair.a startsWith " + prefix;
          found =
              store
                  .search()
                  .policy(policy)
                  .where("pair.a")
                  .startsWith(prefix)
                  .sortByDescending("seq")
                  .limit(30)
                  .fetch();
          assertThat(found)
              .as(what)
              .allMatch(p -> p.getString("pair.a").orElseThrow().startsWith(prefix));
        }
        case 2 -> {
          long seq = rnd.nextInt(RECORDS_PER_WRITER);
          what = "seq >= " + seq + " paged";
          found = new ArrayList<>();
          SearchPage page = store.search().policy(policy).where("seq").ge(seq).limit(7).fetchPage();
          found.addAll(page.profiles());
          for (int i = 0; i < 3 && page.nextCursor() != null; i++) {
            page =
                store
                    .search()
                    .policy(policy)
                    .where("seq")
                    .ge(seq)
                    .limit(7)
                    .after(page.nextCursor())
                    .fetchPage();
            found.addAll(page.profiles());
          }
          assertThat(found).as(what).allMatch(p -> p.getLong("seq").orElseThrow() >= seq);
        }
        default -> {
          what = "hasIdentity(an erased email)";
          found =
              erasedBefore.isEmpty()
                  ? List.of()
                  : store
                      .search()
                      .policy(policy)
                      .where(
                          Condition.hasIdentity(
                              List.copyOf(erasedBefore).get(rnd.nextInt(erasedBefore.size()))))
                      .fetch();
          assertThat(found).as(what).isEmpty();
          assertThat(store.search().policy(policy).count()).as("count()").isNotNegative();
        }
      }
      searches++;
      for (Profile p : found) {
        assertThat(p.getString("pair.a"))
            .as("pair.a and pair.b of a result of %s under %s", what, policy)
            .isEqualTo(p.getString("pair.b"));
        assertThat(p.identities())
            .as("identities of a result of %s under %s, after erasures", what, policy)
            .filteredOn(erasedBefore::contains)
            .isEmpty();
      }
    } while (!stop.get());
    return searches;
  }
}
