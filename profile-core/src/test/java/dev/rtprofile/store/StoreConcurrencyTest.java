package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
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
 * The store's thread-safety contract (ProfileStore Javadoc, ARCHITECTURE §5; STYLE 19): writers and
 * readers at once; every read sees whole ingests only, and never goes back in time; the final state
 * equals that of a store fed the same records on one thread.
 */
class StoreConcurrencyTest {
  private static final int WRITERS = 3;
  private static final int READERS = 3;
  private static final int RECORDS_PER_WRITER = 400;
  private static final int PEOPLE = 24;
  private static final long T0 = 1_700_000_000_000L;
  private static final List<String> POLICIES = List.of("timestampOrdered", "own", "web-first");

  private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("pool stopped").isTrue();
  }

  private static ProfileStore newStore() {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
        .mergePolicy(MergePolicy.dataSetPrecedence("ds-1", "ds-0").id("web-first"))
        .build();
  }

  private static Identity crm(int person) {
    return Identity.of("CRMID", "p-" + person);
  }

  private static Identity email(int person) {
    return Identity.of("Email", "p" + person + "@example.com");
  }

  /** Four people share a household phone, so some records merge graphs. */
  private static Identity household(int person) {
    return Identity.of("Phone", "+4930000" + (person / 4));
  }

  /**
   * Writer {@code w}'s {@code s}-th record: both {@code pair} attributes carry one token, so a read
   * that sees them differ saw half a record; {@code counter.w} grows with {@code s}.
   */
  private static Record record(int w, int s) {
    int person = (s * 7 + w * 5) % PEOPLE;
    String token = "w" + w + "-s" + s;
    Record.Builder b =
        Record.builder("ds-" + w)
            .primary(crm(person))
            .identity(email(person))
            .attribute("pair.a", token)
            .attribute("pair.b", token)
            .attribute("counter." + w, s)
            .timestamp(T0 + s * (long) WRITERS + w);
    if (s % 10 == 3) {
      b.identity(household(person));
    }
    return b.build();
  }

  private static Event event(int w, int s) {
    int person = (s * 11 + w) % PEOPLE;
    return Event.builder("ev-" + w, "e-" + s)
        .primary("CRMID", crm(person).value())
        .identity(email(person))
        .timestamp(T0 + s)
        .eventType("view")
        .build();
  }

  @Test
  void ingestAndLookup_concurrently_readsSeeWholeRecordsAndTheEndMatchesSequential()
      throws Exception {
    ProfileStore store = newStore();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch writersDone = new CountDownLatch(WRITERS);
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<Integer>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                try {
                  start.await();
                  int stored = 0;
                  for (int s = 0; s < RECORDS_PER_WRITER; s++) {
                    stored += store.ingest(record(writer, s)).stored() ? 1 : 0;
                    if (s % 4 == 0) {
                      store.ingest(event(writer, s));
                    }
                  }
                  return stored;
                } finally {
                  writersDone.countDown();
                }
              }));
    }
    List<Future<Integer>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      readers.add(pool.submit(reader(store, r, start, stop)));
    }

    start.countDown();
    assertThat(writersDone.await(60, TimeUnit.SECONDS)).as("writers finished").isTrue();
    stop.set(true);
    for (Future<Integer> writer : writers) {
      assertThat(writer.get(10, TimeUnit.SECONDS))
          .as("records stored by a writer")
          .isEqualTo(RECORDS_PER_WRITER);
    }
    int reads = 0;
    for (Future<Integer> reader : readers) {
      reads += reader.get(60, TimeUnit.SECONDS);
    }
    assertThat(reads).as("lookups done by the readers").isPositive();

    ProfileStore sequential = newStore();
    for (int w = WRITERS - 1; w >= 0; w--) {
      for (int s = 0; s < RECORDS_PER_WRITER; s++) {
        sequential.ingest(record(w, s));
        if (s % 4 == 0) {
          sequential.ingest(event(w, s));
        }
      }
    }
    assertSameState(store, sequential);
  }

  @Test
  void erase_concurrentWithIngestAndLookups_anErasedIdentityIsNeverSeenAgain() throws Exception {
    ProfileStore store = newStore();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch writersDone = new CountDownLatch(WRITERS + 1);
    AtomicBoolean stop = new AtomicBoolean();
    Set<Identity> erased = ConcurrentHashMap.newKeySet();
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int writer = w;
      writers.add(
          pool.submit(
              () -> {
                try {
                  start.await();
                  for (int s = 0; s < RECORDS_PER_WRITER; s++) {
                    store.ingest(record(writer, s));
                  }
                  return null;
                } finally {
                  writersDone.countDown();
                }
              }));
    }
    writers.add(
        pool.submit(
            () -> {
              try {
                start.await();
                for (int person = 0; person < PEOPLE; person += 2) {
                  store.erase(email(person));
                  erased.add(email(person));
                }
                return null;
              } finally {
                writersDone.countDown();
              }
            }));
    List<Future<Integer>> readers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      int seed = r;
      readers.add(
          pool.submit(
              () -> {
                Random rnd = new Random(seed);
                start.await();
                int reads = 0;
                do {
                  Set<Identity> erasedBefore = Set.copyOf(erased);
                  int person = rnd.nextInt(PEOPLE);
                  Optional<Profile> p = store.lookup(crm(person)).fetch();
                  reads++;
                  if (p.isPresent()) {
                    assertThat(p.get().identities())
                        .as("identities of person %s after erasures returned", person)
                        .filteredOn(erasedBefore::contains)
                        .isEmpty();
                  }
                  for (Identity gone : erasedBefore) {
                    assertThat(store.lookup(gone).fetch())
                        .as("lookup of an erased email")
                        .isEmpty();
                  }
                } while (!stop.get());
                return reads;
              }));
    }

    start.countDown();
    assertThat(writersDone.await(60, TimeUnit.SECONDS)).as("writers finished").isTrue();
    stop.set(true);
    for (Future<?> writer : writers) {
      writer.get(10, TimeUnit.SECONDS);
    }
    for (Future<Integer> reader : readers) {
      assertThat(reader.get(60, TimeUnit.SECONDS)).as("lookups by a reader").isPositive();
    }

    ProfileStore sequential = newStore();
    for (int w = 0; w < WRITERS; w++) {
      for (int s = 0; s < RECORDS_PER_WRITER; s++) {
        sequential.ingest(record(w, s));
      }
    }
    for (Identity identity : erased) {
      sequential.erase(identity);
    }
    assertSameState(store, sequential);
  }

  /**
   * A reader: looks people up until told to stop, and fails on a torn read or a read that goes back
   * in time. Returns the number of lookups.
   */
  private static Callable<Integer> reader(
      ProfileStore store, int seed, CountDownLatch start, AtomicBoolean stop) {
    return () -> {
      Random rnd = new Random(seed);
      Map<String, Long> lastCounter = new HashMap<>();
      Map<Integer, Integer> lastEvents = new HashMap<>();
      start.await();
      int reads = 0;
      do {
        int person = rnd.nextInt(PEOPLE);
        Identity identity = rnd.nextBoolean() ? crm(person) : email(person);
        Optional<Profile> found = store.lookup(identity).fetch();
        reads++;
        if (found.isEmpty()) {
          continue;
        }
        Profile p = found.get();
        assertThat(p.getString("pair.a"))
            .as("pair.a and pair.b of one lookup come from one record")
            .isEqualTo(p.getString("pair.b"));
        assertThat(p.identities()).contains(crm(person), email(person));
        for (int w = 0; w < WRITERS; w++) {
          String key = person + "/" + w;
          Optional<Long> counter = p.getLong("counter." + w);
          if (counter.isPresent()) {
            Long before = lastCounter.put(key, counter.get());
            assertThat(counter.get())
                .as("counter.%s of person %s never goes back", w, person)
                .isGreaterThanOrEqualTo(before == null ? 0 : before);
          } else {
            assertThat(lastCounter)
                .as("counter.%s of person %s never vanishes", w, person)
                .doesNotContainKey(key);
          }
        }
        int events = store.events(crm(person)).limit(10_000).fetch().events().size();
        Integer before = lastEvents.put(person, events);
        assertThat(events)
            .as("events of person %s never go back", person)
            .isGreaterThanOrEqualTo(before == null ? 0 : before);
      } while (!stop.get());
      return reads;
    };
  }

  private static void assertSameState(ProfileStore actual, ProfileStore expected) {
    for (int person = 0; person < PEOPLE; person++) {
      for (Identity identity : List.of(crm(person), email(person), household(person))) {
        for (String policy : POLICIES) {
          assertThat(actual.lookup(identity).policy(policy).fetch().map(ProfileState::of))
              .as("lookup of person %s by %s under %s", person, identity.namespace(), policy)
              .isEqualTo(expected.lookup(identity).policy(policy).fetch().map(ProfileState::of));
          assertThat(actual.events(identity).policy(policy).limit(10_000).fetch().events())
              .as("events of person %s by %s under %s", person, identity.namespace(), policy)
              .map(e -> e.dataset() + "/" + e.id())
              .containsExactlyElementsOf(
                  expected.events(identity).policy(policy).limit(10_000).fetch().events().stream()
                      .map(e -> e.dataset() + "/" + e.id())
                      .toList());
        }
        assertThat(actual.graph(identity))
            .as("graph of person %s by %s", person, identity.namespace())
            .isEqualTo(expected.graph(identity));
      }
    }
    assertThat(actual.statistics()).isEqualTo(expected.statistics());
  }
}
