package dev.rtprofile.benchmarks;

import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ObjectMapper;

/**
 * NDJSON ingest: {@value #LINES} lines of XDM ({@link IngestData}, generated into a {@code byte[]}
 * before measuring) per invocation; the score is the time per line, so records per second is 10⁹ ÷
 * the score. {@code kind}: {@code records} (about 1,000 bytes each) or {@code events} (about 750
 * bytes). {@code impl}:
 *
 * <ul>
 *   <li>{@code rtprofile}: {@code ProfileJson.defaults().ingestRecords(store, "crm", in)} (or
 *       {@code ingestEvents(store, "web", in)}) into a fresh {@link ProfileStore} ({@link
 *       ProfileData#newStore(int)}, no search index), the bytes read through a {@code
 *       ByteArrayInputStream}: line splitting, UTF-8 screening, parsing, validation, linking and
 *       storing. The defaults read ahead on a machine with more than one processor: a second thread
 *       splits and parses lines while the benchmark thread stores them;
 *   <li>{@code rtprofile-inline}: the same with {@code readAhead(false)}: all of it on the
 *       benchmark thread;
 *   <li>{@code jackson-stream}: the floor: one Jackson 3 {@code JsonParser} over the whole byte
 *       array, {@code nextToken()} to the end, no value decoded beyond what the parser must;
 *   <li>{@code jackson-readTree}: Jackson 3's {@code ObjectMapper.readTree} of each line.
 * </ul>
 *
 * Setup checks that rtprofile stores every line, and that the token walk sees {@value #LINES} root
 * objects. Lower is better; the target (issue 5) is rtprofile at ≥ 40% of the floor's records per
 * second, that is a time per line at most 2.5× the floor's.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar IngestBenchmark} ({@code -p
 * kind=records} for the records only)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(IngestBenchmark.LINES)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class IngestBenchmark {
  /** Lines per invocation. */
  static final int LINES = 10_000;

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ProfileJson JSON = ProfileJson.defaults();
  private static final ProfileJson INLINE = ProfileJson.builder().readAhead(false).build();

  /** Which implementation reads the lines. */
  @Param({"rtprofile", "rtprofile-inline", "jackson-stream", "jackson-readTree"})
  public String impl;

  /** XDM profile records or experience events. */
  @Param({"records", "events"})
  public String kind;

  private IngestData data;
  private ProfileStore store;

  /** Generates the lines and checks that every implementation reads all of them. */
  @Setup(Level.Trial)
  public void generate() throws IOException {
    boolean events = kind.equals("events");
    data =
        events
            ? IngestData.events(LINES, LinkingData.SEED)
            : IngestData.records(LINES, LinkingData.SEED);
    System.out.printf(
        "%n%d %s, %d bytes (%.0f per line)%n",
        LINES, kind, data.ndjson.length, (double) data.ndjson.length / LINES);
    for (ProfileJson json : new ProfileJson[] {JSON, INLINE}) {
      IngestReport report = ingest(json, ProfileData.newStore(100_000));
      if (report.stored() != LINES || report.lines() != LINES) {
        throw new IllegalStateException("rtprofile stored " + report.stored() + ": " + report);
      }
    }
    int roots = 0;
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), data.ndjson)) {
      int depth = 0;
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t.isStructStart()) {
          if (depth++ == 0 && t == JsonToken.START_OBJECT) {
            roots++;
          }
        } else if (t.isStructEnd()) {
          depth--;
        }
      }
    }
    if (roots != LINES) {
      throw new IllegalStateException("the token walk saw " + roots + " root objects");
    }
  }

  /** A fresh store for every invocation, so each ingests into an empty store. */
  @Setup(Level.Invocation)
  public void freshStore() {
    if (impl.startsWith("rtprofile")) {
      store = ProfileData.newStore(100_000);
    }
  }

  private IngestReport ingest(ProfileJson json, ProfileStore into) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(data.ndjson);
    return kind.equals("events")
        ? json.ingestEvents(into, "web", in)
        : json.ingestRecords(into, "crm", in);
  }

  /** Reads all the lines once. */
  @Benchmark
  public void ingest(Blackhole bh) throws IOException {
    switch (impl) {
      case "rtprofile" -> bh.consume(ingest(JSON, store));
      case "rtprofile-inline" -> bh.consume(ingest(INLINE, store));
      case "jackson-stream" -> {
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), data.ndjson)) {
          JsonToken t;
          while ((t = p.nextToken()) != null) {
            bh.consume(t);
          }
        }
      }
      case "jackson-readTree" -> {
        int[] starts = data.starts;
        byte[] bytes = data.ndjson;
        for (int i = 0; i < LINES; i++) {
          bh.consume(MAPPER.readTree(bytes, starts[i], starts[i + 1] - starts[i]));
        }
      }
      default -> throw new IllegalStateException("unknown impl " + impl);
    }
  }
}
