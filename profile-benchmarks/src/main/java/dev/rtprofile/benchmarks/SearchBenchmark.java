package dev.rtprofile.benchmarks;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.SearchPage;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
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
 * Profile search on a store of {@code profiles} people ({@link ProfileData}: 3 identities, 2
 * fragments and about 18 merged attributes each) with search indexes declared on {@code
 * loyalty.tier} (4 values, so a quarter of the profiles share each) and {@code loyalty.points} (a
 * long from 0 to 99,999), under the default timestamp-ordered, whole-graph policy and the default
 * profile cache of 100,000 profiles. Lower is better.
 *
 * <ul>
 *   <li>{@code indexedPage}: the first page (20 profiles, profile-id order) of {@code
 *       search().where("loyalty.tier").eq(tier).fetch()}, the tier cycling through the 4 values.
 *       The same 20 profiles come back for a tier every time, so after the first round they are
 *       merged profiles from the cache. Target (issue 4): under 50 µs on 1M profiles.
 *   <li>{@code indexedPoints}: {@code where("loyalty.points").eq(points).fetch()}, the points drawn
 *       from 65,536 random people's values, so each query matches about {@code profiles / 100,000}
 *       profiles, each a cache miss on the larger store most of the time.
 *   <li>{@code indexedCount}: {@code where("loyalty.tier").eq("gold").count()}, which merges and
 *       checks every profile the index names (a quarter of the store).
 *   <li>{@code scanCount}: {@code where("web.visits").ge(200L).count()}, an unindexed condition, so
 *       a full scan of every profile (on all cores above 20,000 candidates). {@code ResultSummary}
 *       turns it into profiles evaluated per second, and per core. Target (issue 4): at least 5M
 *       profiles per second per core.
 * </ul>
 *
 * Setup checks with {@code explain()} that the indexed queries use their index and the scan scans,
 * that each tier fills a page and that the scan sees every profile.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar SearchBenchmark -p
 * profiles=100000} ({@code -p profiles=1000000} for the size of the targets; the store then takes
 * about a minute to load in each fork).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class SearchBenchmark {
  private static final int PROBES = 1 << 16;
  private static final String[] TIERS = {"bronze", "silver", "gold", "platinum"};

  /** How many people the store holds. */
  @Param({"100000"})
  public int profiles;

  private ProfileStore store;
  private long[] points;
  private int next;

  /** Loads the store, checks the plans, and draws the points probes. */
  @Setup(Level.Trial)
  public void load() {
    long start = System.nanoTime();
    store = ProfileData.newStore(100_000, "loyalty.tier", "loyalty.points");
    ProfileData.load(store, profiles, LinkingData.SEED);
    System.out.printf(
        "%nloaded %d profiles in %.1f s; common pool parallelism %d%n",
        store.statistics().profiles(),
        (System.nanoTime() - start) / 1e9,
        ForkJoinPool.getCommonPoolParallelism());
    if (store.statistics().profiles() != profiles) {
      throw new IllegalStateException(
          "expected " + profiles + " profiles, found " + store.statistics().profiles());
    }
    for (String tier : TIERS) {
      expectPlan(store.search().where("loyalty.tier").eq(tier).explain(), "index on loyalty.tier");
      SearchPage page = store.search().where("loyalty.tier").eq(tier).fetchPage();
      if (page.profiles().size() != 20 || page.nextCursor() == null) {
        throw new IllegalStateException("tier " + tier + " does not fill a page of 20");
      }
    }
    expectPlan(store.search().where("loyalty.points").eq(1L).explain(), "index on loyalty.points");
    String scan = store.search().where("web.visits").ge(200L).explain();
    expectPlan(scan, "full scan of " + profiles + " profiles");
    System.out.println("scan plan: " + scan);
    // Draw the points of random people from the same data, so that every probe matches.
    SplittableRandom random = new SplittableRandom(LinkingData.SEED + 3);
    points = new long[PROBES];
    for (int i = 0; i < PROBES; i++) {
      int p = random.nextInt(profiles);
      points[i] =
          store
              .lookup(ProfileData.primary(p))
              .fetch()
              .flatMap(x -> x.get("loyalty.points"))
              .map(v -> ((Number) v).longValue())
              .orElseThrow();
    }
  }

  private static void expectPlan(String plan, String prefix) {
    if (!plan.startsWith(prefix)) {
      throw new IllegalStateException("expected a plan starting '" + prefix + "', got: " + plan);
    }
  }

  /** The first page of an indexed equality on the tier. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public SearchPage indexedPage() {
    return store.search().where("loyalty.tier").eq(TIERS[next++ & 3]).fetchPage();
  }

  /** An indexed equality on the points, a few matches each. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public SearchPage indexedPoints() {
    return store.search().where("loyalty.points").eq(points[next++ & (PROBES - 1)]).fetchPage();
  }

  /** Counts the profiles of one tier through the index. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long indexedCount() {
    return store.search().where("loyalty.tier").eq("gold").count();
  }

  /** Counts the matches of an unindexed condition: a full scan. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long scanCount() {
    return store.search().where("web.visits").ge(200L).count();
  }
}
