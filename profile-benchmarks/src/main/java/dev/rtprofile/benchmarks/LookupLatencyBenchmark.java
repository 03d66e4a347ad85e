package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Lookup latency under a bulk ingest, the second half of {@link ConcurrencyBenchmark}'s target: the
 * distribution (JMH's {@code SampleTime}: p50, p90, p99, p99.9…) of {@code
 * store.lookup(email).fetch()} for a random one of {@code profiles} people ({@link ProfileData},
 * probes cycling through 65,536 drawn with a fixed seed), on one shared store.
 *
 * <ul>
 *   <li>{@code idle}: the lookup alone, one thread, nothing else touching the store.
 *   <li>{@code underIngest}: a JMH group of one thread looking up ({@code underIngest:lookup}, the
 *       same lookups) and one thread that ingests NDJSON through {@code profile-json} all the while
 *       ({@code underIngest:ingest}, one sample per batch of {@value #BATCH} lines): {@code
 *       ingestRecords(store, "crm", in)} of {@link BulkIngestData}'s XDM records, half of them
 *       newer CRM records of loaded people, half of them new people, looping over the lines pass
 *       after pass. Every iteration starts from a freshly loaded store (reloaded between
 *       iterations, a few seconds outside the measurement), so new people arrive all through every
 *       iteration (for its first {@value #GENERATIONS} passes of {@value #LINES} lines; after that
 *       those lines update the last pass's people), and the heap holds at most about 1.3 GB of new
 *       people however long the run. The store grows while it is measured, as a store under ingest
 *       does.
 * </ul>
 *
 * Both load the same seeded data. The target: the lookup's p99 under ingest at most 3× its p99 on
 * the idle store; {@code ResultSummary} prints the ratio. Lower is better.
 *
 * <p>{@code cache}: {@code uncached} ({@code profileCacheSize(0)}, every lookup merges, as in
 * {@code ConcurrencyBenchmark}: the target measures the store's locking rather than cache hits) or
 * {@code cached} (a cache holding every profile, warmed for the probes; an update invalidates its
 * person's profile). {@code readAhead}: the ingest's {@link ProfileJson.Builder#readAhead}; off by
 * default, so the ingest is exactly one thread (read-ahead adds a splitting thread and a parser
 * thread per processor, which on a small machine compete with the lookup thread for a core, and the
 * p99 then measures the scheduler).
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar LookupLatencyBenchmark} (both
 * cases, both cache settings; {@code -p cache=uncached} for the headline case alone). JMH prints
 * each case's percentiles, {@code LookupLatencyBenchmark.idle:p0.99} and {@code
 * LookupLatencyBenchmark.underIngest:lookup:p0.99}; the group's own {@code underIngest} row pools
 * the lookup and ingest samples and means nothing on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LookupLatencyBenchmark {
  /** Lines per ingest invocation: short enough that an iteration's end waits little for one. */
  static final int BATCH = 1_000;

  /** Lines in one pass of the bulk ingest; about 16 MB of NDJSON. */
  static final int LINES = 20_000;

  /** Passes that bring new people: 600,000 new-person lines, about 1.3 GB of heap. */
  static final int GENERATIONS = 60;

  private static final int PROBES = 1 << 16;

  /** How many people the store holds when each iteration starts. */
  @Param({"100000"})
  public int profiles;

  /** Whether merged profiles are cached. */
  @Param({"uncached", "cached"})
  public String cache;

  private ProfileStore store;
  private Identity[] probes;
  private int next;

  /** Set by the ingest thread, so that the next iteration starts from a fresh store. */
  private volatile boolean written;

  /** Loads the store and draws the probes. */
  @Setup(Level.Trial)
  public void load() {
    SplittableRandom random = new SplittableRandom(LinkingData.SEED + 2);
    probes = new Identity[PROBES];
    for (int i = 0; i < PROBES; i++) {
      probes[i] = ProfileData.secondary(random.nextInt(profiles));
    }
    reload();
  }

  /** Reloads the store when the last iteration ingested into it. */
  @Setup(Level.Iteration)
  public void reloadIfWritten() {
    if (written) {
      reload();
      written = false;
    }
  }

  private void reload() {
    long start = System.nanoTime();
    store = null; // lets the last store be collected while this one loads
    boolean cached = cache.equals("cached");
    store = ProfileData.newStore(cached ? profiles + 1 : 0);
    ProfileData.load(store, profiles, LinkingData.SEED);
    for (Identity probe : probes) {
      // Checks every probe, and for the cached case warms the cache.
      if (store.lookup(probe).fetch().isEmpty()) {
        throw new IllegalStateException("probe " + probe + " finds no profile");
      }
    }
    // The last store's garbage is collected here rather than in the middle of an iteration.
    System.gc();
    System.out.printf(
        "(loaded %d profiles in %.1f s) ",
        store.statistics().profiles(), (System.nanoTime() - start) / 1e9);
  }

  /** The ingest thread's lines. */
  @State(Scope.Thread)
  public static class Ingest {
    /** Whether {@code profile-json} reads ahead on further threads. */
    @Param({"false"})
    public boolean readAhead;

    BulkIngestData lines;
    ProfileJson json;

    /** Generates the lines. */
    @Setup(Level.Trial)
    public void generate(LookupLatencyBenchmark benchmark) {
      lines =
          BulkIngestData.generate(
              LINES, benchmark.profiles, LinkingData.SEED + 9, BATCH, GENERATIONS);
      json = ProfileJson.builder().readAhead(readAhead).build();
      System.out.printf(
          "%n%d lines a pass (%d updates of loaded people), %d bytes%n",
          lines.lines(), lines.updates(), lines.bytes());
    }

    /** Starts the lines over at the first pass, for the fresh store. */
    @Setup(Level.Iteration)
    public void rewind() {
      lines.rewind();
    }
  }

  /** A lookup on the idle store. */
  @Benchmark
  public Object idle() {
    return store.lookup(probes[next++ & (PROBES - 1)]).fetch();
  }

  /** The lookup role of {@code underIngest}: the same lookup as {@link #idle}. */
  @Benchmark
  @Group("underIngest")
  @GroupThreads(1)
  public Object lookup() {
    return store.lookup(probes[next++ & (PROBES - 1)]).fetch();
  }

  /** The ingest role of {@code underIngest}: one batch of lines, every one of them stored. */
  @Benchmark
  @Group("underIngest")
  @GroupThreads(1)
  public IngestReport ingest(Ingest ingest) throws IOException {
    written = true;
    IngestReport report = ingest.json.ingestRecords(store, "crm", ingest.lines.nextBatch());
    if (report.stored() != report.lines()) {
      throw new IllegalStateException(
          "pass " + ingest.lines.pass() + " did not store every line: " + report);
    }
    return report;
  }
}
