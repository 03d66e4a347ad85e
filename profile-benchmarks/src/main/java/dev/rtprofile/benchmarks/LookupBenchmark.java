package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
import java.util.SplittableRandom;
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
 * Profile lookups, {@code store.lookup(identity).fetch()} under the default timestamp-ordered,
 * whole-graph policy, on a store of {@code profiles} people ({@link ProfileData}: 3 identities and
 * 2 fragments each). {@code cache}: {@code uncached} ({@code profileCacheSize(0)}, every lookup
 * merges) or {@code cached} (a cache holding every profile, warmed for the probes before
 * measuring). {@code by}: the CRM record's {@code primary} identity or a {@code secondary} one (its
 * email). Probes cycle through 65,536 people drawn with a fixed seed. The targets are absolute
 * (uncached ≤ 5 µs, cached ≤ 0.5 µs), so there is no baseline. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar LookupBenchmark -p
 * profiles=100000} ({@code -p profiles=1000000 -jvmArgsAppend "-Xms8g -Xmx8g"} for the full size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LookupBenchmark {
  private static final int PROBES = 1 << 16;

  /** Whether merged profiles are cached. */
  @Param({"uncached", "cached"})
  public String cache;

  /** Which identity the lookup names. */
  @Param({"primary", "secondary"})
  public String by;

  /** How many people the store holds. */
  @Param({"100000"})
  public int profiles;

  private ProfileStore store;
  private Identity[] probes;
  private int next;

  /** Loads the store, draws the probes and, for the cached case, warms the cache with them. */
  @Setup(Level.Trial)
  public void load() {
    boolean cached = cache.equals("cached");
    store = ProfileData.newStore(cached ? profiles + 1 : 0);
    ProfileData.load(store, profiles, LinkingData.SEED);
    SplittableRandom random = new SplittableRandom(LinkingData.SEED + 2);
    probes = new Identity[PROBES];
    for (int i = 0; i < PROBES; i++) {
      int p = random.nextInt(profiles);
      probes[i] = by.equals("primary") ? ProfileData.primary(p) : ProfileData.secondary(p);
      if (store.lookup(probes[i]).fetch().isEmpty()) {
        throw new IllegalStateException("probe " + i + " finds no profile");
      }
    }
  }

  /** Looks one profile up. */
  @Benchmark
  public Object lookup() {
    return store.lookup(probes[next++ & (PROBES - 1)]).fetch();
  }
}
