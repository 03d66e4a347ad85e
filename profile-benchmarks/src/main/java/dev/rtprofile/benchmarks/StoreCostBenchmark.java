package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The store costs of issue 14 item 4, each of which must stay flat per operation as the input grows
 * tenfold (the {@code @Param}s go up by 10×; there is no baseline, the smaller size is the
 * reference). Lower is better.
 *
 * <ul>
 *   <li>{@code eventsPage}: one page of 100 events, resumed from a cursor, of a profile holding
 *       {@code events} events (it used to collect and sort them all on every page).
 *   <li>{@code updateOneOfManyDatasets}: a newer record of one dataset of an identity holding
 *       {@code datasets} fragments (each update used to copy the identity's whole fragment list).
 *   <li>{@code eraseOnePerson}: erasing one person's email (10 events and a CRM record) from a
 *       store of {@code storeEvents} events (it used to scan every stored event); single-shot
 *       batches of {@value #ERASES} erasures on a freshly loaded store.
 * </ul>
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar StoreCostBenchmark -f 1 -wi 2
 * -i 3}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StoreCostBenchmark {
  static final int ERASES = 500;
  private static final long T0 = 1_773_144_000_000L;

  private static Identity ecid(int n) {
    return Identity.of("ECID", String.format("%038d", n));
  }

  /** A profile with many events and cursors spread over them. */
  @State(Scope.Benchmark)
  public static class ManyEvents {
    /** How many events the profile holds. */
    @Param({"10000", "100000"})
    public int events;

    ProfileStore store;
    Identity person = ecid(1);
    List<String> cursors = new ArrayList<>();
    int next;

    /** Loads the events and pages once through them for the cursors. */
    @Setup(Level.Trial)
    public void load() {
      store = ProfileStore.builder().build();
      for (int i = 0; i < events; i++) {
        store.ingest(
            Event.builder("web", "e" + i)
                .primary("ECID", person.value())
                .eventType(i % 3 == 0 ? "click" : "view")
                .timestamp(T0 + i / 2)
                .build());
      }
      String cursor = null;
      do {
        var q = store.events(person).limit(100);
        if (cursor != null) {
          q.after(cursor);
        }
        cursor = q.fetch().nextCursor();
        if (cursor != null) {
          cursors.add(cursor);
        }
      } while (cursor != null);
    }
  }

  /** Fetches one page of 100 events after a cursor. */
  @Benchmark
  public EventPage eventsPage(ManyEvents s) {
    String cursor = s.cursors.get(s.next++ % s.cursors.size());
    return s.store.events(s.person).limit(100).after(cursor).fetch();
  }

  /** An identity seen by many datasets. */
  @State(Scope.Benchmark)
  public static class ManyDatasets {
    /** How many datasets (fragments) the identity has. */
    @Param({"4000", "40000"})
    public int datasets;

    ProfileStore store;
    Identity person = ecid(1);
    long timestamp = T0 + 1;
    int next;

    /** Ingests one record per dataset. */
    @Setup(Level.Trial)
    public void load() {
      store = ProfileStore.builder().profileCacheSize(0).build();
      for (int d = 0; d < datasets; d++) {
        store.ingest(
            Record.builder("ds" + d)
                .primary(person)
                .attribute("n", (long) d)
                .timestamp(T0)
                .build());
      }
    }
  }

  /** Ingests a newer record of one of the identity's datasets. */
  @Benchmark
  public IngestResult updateOneOfManyDatasets(ManyDatasets s) {
    int d = (int) ((s.next++ * 7919L) % s.datasets);
    return s.store.ingest(
        Record.builder("ds" + d)
            .primary(s.person)
            .attribute("n", (long) s.next)
            .timestamp(s.timestamp++)
            .build());
  }

  /** A store of many people, each an email with a CRM record and ten events under a cookie. */
  @State(Scope.Benchmark)
  public static class ManyPeople {
    /** How many events the store holds. */
    @Param({"20000", "200000"})
    public int storeEvents;

    ProfileStore store;
    int next;

    /** Loads the store afresh before each batch of erasures. */
    @Setup(Level.Iteration)
    public void load() {
      store = ProfileStore.builder().build();
      int people = storeEvents / 10;
      for (int p = 0; p < people; p++) {
        Identity email = Identity.of("Email", "person" + p + "@example.com");
        store.ingest(
            Record.builder("crm")
                .primary(email)
                .attribute("personalEmail.address", email.value())
                .timestamp(T0)
                .build());
        for (int i = 0; i < 10; i++) {
          store.ingest(
              Event.builder("web", p + "-" + i)
                  .primary("ECID", ecid(p).value())
                  .identity(email)
                  .attribute("form.email", email.value())
                  .timestamp(T0 + i)
                  .build());
        }
      }
      next = 0;
    }
  }

  /** Erases the next person's email. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @Warmup(iterations = 2, batchSize = ERASES)
  @Measurement(iterations = 3, batchSize = ERASES)
  public void eraseOnePerson(ManyPeople s) {
    s.store.erase(Identity.of("Email", "person" + s.next++ + "@example.com"));
  }
}
