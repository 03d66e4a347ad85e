package dev.rtprofile.benchmarks;

import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.StoreStatistics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Restarting a durable store from its directory against rebuilding it by re-ingesting its NDJSON.
 * The data: {@link IngestData} XDM records, {@link #linesFor} lines for about {@code profiles}
 * profiles (a fifth of the lines share an identity with a recent line and join its graph; setup
 * prints the exact count). {@code impl}:
 *
 * <ul>
 *   <li>{@code restart}: {@code ProfileData.builder(100_000).storage(dir).build()} on a directory
 *       that setup wrote once per trial (the lines ingested through {@code ProfileJson} into a
 *       durable store under the default policy, then closed, which writes its snapshot): opening
 *       loads the newest snapshot and replays the journal after it (nothing, here);
 *   <li>{@code reingest}: {@code ProfileJson.defaults().ingestRecords(store, "crm", in)} of all the
 *       lines, from a {@code byte[]}, into a fresh in-memory store of the same settings.
 * </ul>
 *
 * One invocation per iteration ({@code SingleShotTime}); each iteration starts after a {@code
 * System.gc()}, so the last store's garbage is not collected while the next is measured. After each
 * iteration the teardown checks that the store holds the expected profiles and identities (the
 * restarted store as many as the store that wrote the directory) and closes it (a restarted store
 * that changed nothing writes no snapshot). The target (issue 15): {@code restart} at least 10×
 * faster than {@code reingest} at 1M profiles.
 *
 * <p>Setup also prints the directory's bytes on disk after the close, in total and per record and
 * per identity, on a line starting {@code "restart disk usage:"} that {@link DurableSummary} reads
 * from the run's log.
 *
 * <p>The heap: 10 GB, pre-touched, for 1M profiles (the store takes about 4 GB, the NDJSON 1.2 GB,
 * and the last iteration's store is garbage when the next begins); {@code run.sh quick} gives the
 * 100k case 3 GB.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar RestartBenchmark -p
 * profiles=100000} (about a minute; at 1M, setup takes about a minute per fork)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms10g", "-Xmx10g", "-XX:+AlwaysPreTouch"})
public class RestartBenchmark {
  private static final int CACHE = 100_000;

  /** About how many profiles the store holds. */
  @Param({"100000", "1000000"})
  public int profiles;

  /** Reopen the directory, or re-ingest the NDJSON. */
  @Param({"restart", "reingest"})
  public String impl;

  private byte[] ndjson;
  private int lines;
  private Path dir;
  private int expectedProfiles;
  private int expectedIdentities;
  private ProfileStore store;

  /**
   * The lines that give about {@code profiles} profiles: 5 for every 4, as about a fifth of {@link
   * LinkingData}'s records join an earlier record's graph.
   */
  static int linesFor(int profiles) {
    return profiles / 4 * 5;
  }

  /** Generates the lines; for {@code restart}, writes the directory and reports its size. */
  @Setup(Level.Trial)
  public void prepare() throws IOException {
    lines = linesFor(profiles);
    long start = System.nanoTime();
    ndjson = cachedRecords(lines);
    System.out.printf(
        Locale.ROOT,
        "%n%d lines, %d bytes of NDJSON, generated or read in %.1f s%n",
        lines,
        ndjson.length,
        (System.nanoTime() - start) / 1e9);
    if (!impl.equals("restart")) {
      return;
    }
    dir = ScratchDirectory.create("restart-");
    start = System.nanoTime();
    try (ProfileStore writer = ProfileData.builder(CACHE).storage(dir).build()) {
      IngestReport report = ingest(writer);
      StoreStatistics s = writer.statistics();
      expectedProfiles = s.profiles();
      expectedIdentities = s.graph().identities();
      System.out.printf(
          Locale.ROOT,
          "durable ingest of %d lines: %d stored, %d profiles, %d identities, %.1f s%n",
          lines,
          report.stored(),
          expectedProfiles,
          expectedIdentities,
          (System.nanoTime() - start) / 1e9);
    }
    System.out.println(diskUsage(dir, lines, expectedIdentities, expectedProfiles));
    ndjson = null; // only the directory is needed from here on
  }

  /**
   * {@link IngestData#records} of {@code lines} lines from {@link LinkingData#SEED}, generated once
   * and kept in {@code ndjson-<lines>.cache} under {@link ScratchDirectory#root()}, so that later
   * forks read it (a second) instead of generating it again (about 16 s at 1.25M lines). The data
   * is deterministic, so the file holds exactly what generating would give. {@code run.sh} deletes
   * the cache files at the end of its run.
   */
  static byte[] cachedRecords(int lines) throws IOException {
    Path cache = ScratchDirectory.root().resolve("ndjson-" + lines + ".cache");
    if (Files.exists(cache)) {
      return Files.readAllBytes(cache);
    }
    byte[] bytes = IngestData.records(lines, LinkingData.SEED).ndjson;
    Path temp = Files.createTempFile(cache.getParent(), "ndjson-", ".tmp");
    Files.write(temp, bytes);
    Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return bytes;
  }

  /** The directory's files after the close, by kind, and per record and per identity. */
  static String diskUsage(Path dir, int records, int identities, int profiles) {
    long journal = ScratchDirectory.bytes(dir, "journal-*.log");
    long snapshots = ScratchDirectory.bytes(dir, "snapshot-*.snap");
    long newest = ScratchDirectory.largestName(dir, "snapshot-*.snap");
    long total = ScratchDirectory.bytes(dir, "*");
    return String.format(
        Locale.ROOT,
        "restart disk usage: profiles=%d records=%d identities=%d journal=%d bytes in %d segments,"
            + " snapshots=%d bytes in %d files (the newest, which a restart reads: %d bytes),"
            + " other=%d bytes, total=%d bytes; per record: total %.1f, journal %.1f, snapshots"
            + " %.1f, newest snapshot %.1f; per identity: total %.1f, journal %.1f, snapshots %.1f,"
            + " newest snapshot %.1f",
        profiles,
        records,
        identities,
        journal,
        ScratchDirectory.count(dir, "journal-*.log"),
        snapshots,
        ScratchDirectory.count(dir, "snapshot-*.snap"),
        newest,
        total - journal - snapshots,
        total,
        (double) total / records,
        (double) journal / records,
        (double) snapshots / records,
        (double) newest / records,
        (double) total / identities,
        (double) journal / identities,
        (double) snapshots / identities,
        (double) newest / identities);
  }

  private IngestReport ingest(ProfileStore into) throws IOException {
    IngestReport report =
        ProfileJson.defaults().ingestRecords(into, "crm", new ByteArrayInputStream(ndjson));
    if (report.stored() != lines) {
      throw new IllegalStateException("stored " + report.stored() + " of " + lines);
    }
    return report;
  }

  /** Collects the last iteration's store before this one is measured. */
  @Setup(Level.Iteration)
  public void collect() {
    store = null;
    System.gc();
  }

  /** Checks the store the iteration built, then closes it. */
  @TearDown(Level.Iteration)
  public void check() {
    StoreStatistics s = store.statistics();
    if (expectedProfiles == 0) {
      expectedProfiles = s.profiles();
      expectedIdentities = s.graph().identities();
      System.out.printf("(%d profiles, %d identities) ", expectedProfiles, s.graph().identities());
    }
    if (s.profiles() != expectedProfiles || s.graph().identities() != expectedIdentities) {
      throw new IllegalStateException(
          impl
              + " built "
              + s.profiles()
              + " profiles and "
              + s.graph().identities()
              + " identities, expected "
              + expectedProfiles
              + " and "
              + expectedIdentities);
    }
    store.close();
  }

  /** Deletes the directory. */
  @TearDown(Level.Trial)
  public void delete() {
    if (dir != null) {
      ScratchDirectory.delete(dir);
    }
  }

  /** Builds the store: from its directory, or by ingesting every line into a fresh one. */
  @Benchmark
  public ProfileStore build() throws IOException {
    if (impl.equals("restart")) {
      store = ProfileData.builder(CACHE).storage(dir).build();
    } else {
      store = ProfileData.builder(CACHE).build();
      ingest(store);
    }
    return store;
  }
}
