package dev.rtprofile.benchmarks;

import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Durability;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * NDJSON ingest into a durable store against the same ingest into an in-memory one: the same {@link
 * IngestData} XDM record lines (about 1,000 bytes each), a fresh store for every invocation; the
 * score is the time per line, so the in-memory time ÷ a durable time is the durable store's share
 * of the in-memory rate. {@code impl}:
 *
 * <ul>
 *   <li>{@code memory}: {@link ProfileData#newStore(int)}, no storage: the baseline;
 *   <li>{@code everyWrite}: the same settings with {@code storage(dir)} and {@link
 *       Durability#everyWrite()} (the default policy: an acknowledged write is forced to the disk;
 *       a batch forces once);
 *   <li>{@code interval}: {@link Durability#interval} of 100 ms;
 *   <li>{@code operatingSystem}: {@link Durability#operatingSystem()}.
 * </ul>
 *
 * The directory is a new one under {@code target/durable-scratch/} ({@link ScratchDirectory}) for
 * every invocation; the teardown closes the store (which writes its snapshot) and deletes it, both
 * outside the measured time. Two cases:
 *
 * <ul>
 *   <li>{@link #batch}: {@code ProfileJson.defaults().ingestRecords(store, "crm", in)} of {@value
 *       #LINES} lines, which is one {@link ProfileStore#batch}: the lines are journalled one by one
 *       and forced once at the end (group commit). The target (issue 15): {@code everyWrite} at
 *       least 80% of {@code memory}'s lines per second;
 *   <li>{@link #single}: {@value #SINGLE_LINES} lines, each read with {@code readRecord} and
 *       ingested with its own {@code store.ingest(record)}, so under {@code everyWrite} each waits
 *       for a force of its own: what batching buys.
 * </ul>
 *
 * Setup checks that every line is stored in each store. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar DurableIngestBenchmark} ({@code
 * -p impl=memory,everyWrite} for the headline pair)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class DurableIngestBenchmark {
  /** Lines per invocation of {@link #batch}. */
  static final int LINES = 10_000;

  /** Lines per invocation of {@link #single}: each is forced on its own under everyWrite. */
  static final int SINGLE_LINES = 1_000;

  private static final ProfileJson JSON = ProfileJson.defaults();
  private static final ProfileJson INLINE = ProfileJson.builder().readAhead(false).build();

  /** Where the store keeps its data, and when it forces. */
  @Param({"memory", "everyWrite", "interval", "operatingSystem"})
  public String impl;

  private IngestData data;
  private byte[][] singles;
  private ProfileStore store;

  /** The durable store's directory; null for the in-memory store. */
  private Path dir;

  /** Generates the lines and checks that a store of each kind stores every one of them. */
  @Setup(Level.Trial)
  public void generate() throws IOException {
    data = IngestData.records(LINES, LinkingData.SEED);
    singles = new byte[SINGLE_LINES][];
    for (int i = 0; i < SINGLE_LINES; i++) {
      // Without the newline: readRecord takes one JSON document.
      singles[i] = Arrays.copyOfRange(data.ndjson, data.starts[i], data.starts[i + 1] - 1);
    }
    System.out.printf(
        "%n%d records, %d bytes (%.0f per line), store %s%n",
        LINES, data.ndjson.length, (double) data.ndjson.length / LINES, impl);
    freshStore();
    IngestReport report = batch();
    if (report.stored() != LINES || report.lines() != LINES) {
      throw new IllegalStateException("stored " + report.stored() + ": " + report);
    }
    closeStore();
    freshStore();
    for (byte[] line : singles) {
      IngestStatus status = store.ingest(INLINE.readRecord("crm", line)).status();
      if (status != IngestStatus.ACCEPTED) {
        throw new IllegalStateException("a single line was not accepted: " + status);
      }
    }
    closeStore();
  }

  /** A fresh store for every invocation, durable ones in a new directory. */
  @Setup(Level.Invocation)
  public void freshStore() {
    ProfileStoreBuilder builder = ProfileData.builder(100_000);
    if (!impl.equals("memory")) {
      dir = ScratchDirectory.create("ingest-");
      builder
          .storage(dir)
          .durability(
              switch (impl) {
                case "everyWrite" -> Durability.everyWrite();
                case "interval" -> Durability.interval(Duration.ofMillis(100));
                case "operatingSystem" -> Durability.operatingSystem();
                default -> throw new IllegalStateException("unknown impl " + impl);
              });
    }
    store = builder.build();
  }

  /** Closes a durable store (its snapshot is written here) and deletes its directory. */
  @TearDown(Level.Invocation)
  public void closeStore() {
    store.close();
    store = null;
    if (dir != null) {
      ScratchDirectory.delete(dir);
      dir = null;
    }
  }

  /** All {@value #LINES} lines as one NDJSON input: one batch, one force under everyWrite. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public IngestReport batch() throws IOException {
    return JSON.ingestRecords(store, "crm", new ByteArrayInputStream(data.ndjson));
  }

  /**
   * {@value #SINGLE_LINES} lines, each read and ingested on its own: a force each under everyWrite.
   */
  @Benchmark
  @OperationsPerInvocation(SINGLE_LINES)
  public void single(Blackhole bh) {
    for (byte[] line : singles) {
      bh.consume(store.ingest(INLINE.readRecord("crm", line)));
    }
  }
}
