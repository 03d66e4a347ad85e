package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Concurrency: throughput of one shared {@link ProfileStore} of {@code profiles} people ({@link
 * ProfileData}, {@code profileCacheSize(0)} so that every lookup merges) under a mix of ingests and
 * lookups. Higher is better; the target is {@code mixed} at 2 threads ≥ 1.6× one thread ({@code
 * ResultSummary} prints the ratio). The target's other half, a lookup's p99 while a bulk NDJSON
 * ingest runs, is {@link LookupLatencyBenchmark}.
 *
 * <ul>
 *   <li>{@code mixed}: each operation is a lookup by a random person's email, or with probability
 *       {@code writeShare} percent the ingest of a newer CRM record for a random person (built in
 *       the operation, as an application would). Run it at 1, 2 and 4 threads with {@code -t} and
 *       compare the total throughput.
 *   <li>{@code readWrite}: a JMH group of 3 lookup threads beside 1 ingest thread, reporting each
 *       role's throughput.
 * </ul>
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar 'ConcurrencyBenchmark.mixed' -t
 * 4} (and {@code -t 1}, {@code -t 2}); {@code java -jar profile-benchmarks/target/benchmarks.jar
 * 'ConcurrencyBenchmark.readWrite'}. The collector matters on 2 vCPUs: G1's concurrent work takes
 * the second core that two benchmark threads need; compare with {@code -jvmArgsAppend "-Xms4g
 * -Xmx4g -XX:+AlwaysPreTouch -XX:+UseParallelGC"} (BENCHMARKS.md, session 4).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class ConcurrencyBenchmark {
  private static final long T1 = 1_800_000_000_000L;

  /** How many people the store holds. */
  @Param({"100000"})
  public int profiles;

  /** The percentage of {@code mixed} operations that are ingests. */
  @Param({"10"})
  public int writeShare;

  private ProfileStore store;

  /** Loads the shared store. */
  @Setup(Level.Trial)
  public void load() {
    store = ProfileData.newStore(0);
    ProfileData.load(store, profiles, LinkingData.SEED);
  }

  /** One thread's random source and record clock. */
  @State(Scope.Thread)
  public static class Worker {
    SplittableRandom random;
    long clock;
    int thread;

    /** Seeds the thread's generator from its index, so runs repeat. */
    @Setup(Level.Trial)
    public void seed(ThreadParams params) {
      thread = params.getThreadIndex();
      random = new SplittableRandom(LinkingData.SEED + 100 + thread);
    }

    long nextTimestamp() {
      return T1 + (clock++) * 64 + thread;
    }
  }

  /** A lookup or, {@code writeShare} percent of the time, an ingest. */
  @Benchmark
  public Object mixed(Worker worker) {
    int p = worker.random.nextInt(profiles);
    if (worker.random.nextInt(100) < writeShare) {
      return store.ingest(ProfileData.crm(p, worker.nextTimestamp(), worker.random));
    }
    return store.lookup(ProfileData.secondary(p)).fetch();
  }

  /** The lookup role of the {@code readWrite} group. */
  @Benchmark
  @Group("readWrite")
  @GroupThreads(3)
  public Object lookup(Worker worker) {
    Identity email = ProfileData.secondary(worker.random.nextInt(profiles));
    return store.lookup(email).fetch();
  }

  /** The ingest role of the {@code readWrite} group. */
  @Benchmark
  @Group("readWrite")
  @GroupThreads(1)
  public Object ingest(Worker worker) {
    int p = worker.random.nextInt(profiles);
    return store.ingest(ProfileData.crm(p, worker.nextTimestamp(), worker.random));
  }
}
