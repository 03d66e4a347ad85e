package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The merge hot path: one person's {@code fragments} fragments of {@code attributes} conflicting
 * leaf attributes each ({@link MergeData}) merged under {@code policy} ({@code timestampOrdered},
 * or {@code dataSetPrecedence} over a shuffled order of all the datasets). {@code impl}:
 *
 * <ul>
 *   <li>{@code rtprofile}: {@code store.lookup(identity).fetch()} on a {@link ProfileStore} with
 *       {@code profileCacheSize(0)}, all fragments stored under one shared primary identity (CRMID)
 *       in different datasets;
 *   <li>{@code rtprofile-linked}: the same, but each fragment under its own primary (Email) linked
 *       to the looked-up CRMID, so the lookup also walks a graph of {@code fragments + 1};
 *   <li>{@code jackson}: Jackson 3's deep merge, {@code readerForUpdating(objectNode).readValue(
 *       fragmentNode)} of each fragment's {@code ObjectNode} onto a fresh one, the winner last;
 *   <li>{@code maps}: {@link MapDeepMerge}, a recursive merge of maps of maps, the winner last.
 * </ul>
 *
 * The baselines sort their fragments by the policy on every invocation, as rtprofile does. Setup
 * checks that all four produce the same merged profile. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar MergeBenchmark -p fragments=10
 * -p attributes=100}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MergeBenchmark {
  private static final Identity PERSON = Identity.of("CRMID", "person-1");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Which implementation merges. */
  @Param({"rtprofile", "rtprofile-linked", "jackson", "maps"})
  public String impl;

  /** The merge policy. */
  @Param({"timestampOrdered", "dataSetPrecedence"})
  public String policy;

  /** How many fragments the person has. */
  @Param({"2", "10", "50"})
  public int fragments;

  /** How many leaf attributes each fragment has. */
  @Param({"20", "100"})
  public int attributes;

  private ProfileStore store;
  private List<Source> sources;
  private Comparator<Source> winnerLast;

  /** A fragment as the baselines hold it. */
  private record Source(String dataset, long timestamp, Map<String, Object> map, JsonNode node) {}

  /** Generates the fragments, loads them into every implementation and checks they agree. */
  @Setup(Level.Trial)
  public void load() {
    MergeData data = MergeData.generate(fragments, attributes, LinkingData.SEED);
    boolean precedence = policy.equals("dataSetPrecedence");
    store = newStore(data, precedence, impl.equals("rtprofile-linked"));
    sources = new ArrayList<>();
    for (MergeData.Fragment f : data.fragments) {
      JsonNode node = MAPPER.valueToTree(f.attributes());
      sources.add(new Source(f.dataset(), f.timestamp(), f.attributes(), node));
    }
    winnerLast =
        MergeData.winnerLast(precedence, data.precedence, Source::dataset, Source::timestamp);
    JsonNode ours = MAPPER.valueToTree(rtprofile().nested());
    JsonNode jackson = MAPPER.valueToTree(jackson());
    JsonNode maps = MAPPER.valueToTree(maps());
    if (!ours.equals(jackson) || !ours.equals(maps)) {
      throw new IllegalStateException("the implementations disagree on the merged profile");
    }
  }

  static ProfileStore newStore(MergeData data, boolean precedence, boolean linked) {
    ProfileStore store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .defaultMergePolicy(
                precedence
                    ? MergePolicy.dataSetPrecedence(data.precedence)
                    : MergePolicy.timestampOrdered())
            .profileCacheSize(0)
            .build();
    int i = 0;
    for (MergeData.Fragment f : data.fragments) {
      Record.Builder record = Record.builder(f.dataset());
      if (linked) {
        record.primary("Email", "person1+" + i++ + "@example.com").identity(PERSON);
      } else {
        record.primary(PERSON);
      }
      IngestResult result =
          store.ingest(record.attributes(f.attributes()).timestamp(f.timestamp()).build());
      if (result.status() != IngestStatus.ACCEPTED) {
        throw new IllegalStateException("fragment not accepted: " + result);
      }
    }
    return store;
  }

  /** Merges the person's fragments once. */
  @Benchmark
  public Object merge() {
    switch (impl) {
      case "rtprofile":
      case "rtprofile-linked":
        return rtprofile();
      case "jackson":
        return jackson();
      case "maps":
        return maps();
      default:
        throw new IllegalArgumentException("impl must be one of the @Param values: " + impl);
    }
  }

  private Profile rtprofile() {
    return store.lookup(PERSON).fetch().orElseThrow();
  }

  private ObjectNode jackson() {
    List<Source> ordered = new ArrayList<>(sources);
    ordered.sort(winnerLast);
    ObjectNode result = MAPPER.createObjectNode();
    for (Source s : ordered) {
      result = MAPPER.readerForUpdating(result).readValue(s.node());
    }
    return result;
  }

  private Map<String, Object> maps() {
    List<Source> ordered = new ArrayList<>(sources);
    ordered.sort(winnerLast);
    List<Map<String, Object>> maps = new ArrayList<>(ordered.size());
    for (Source s : ordered) {
      maps.add(s.map());
    }
    return MapDeepMerge.merge(maps);
  }
}
