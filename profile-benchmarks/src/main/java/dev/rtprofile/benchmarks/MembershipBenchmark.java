package dev.rtprofile.benchmarks;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
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
 * Graph-membership queries on a structure holding {@code records} linked records ({@link
 * LinkingData}): which person does a random known identity belong to. {@code impl}: {@code
 * rtprofile-profileId} ({@link IdentityGraph#profileId}, the graph's stable id), {@code
 * rtprofile-membership} ({@link IdentityGraph#membership}, the id plus every identity of the graph,
 * sorted; no union-find can answer that, so it has no baseline), {@code jgrapht} and {@code
 * hashmap} ({@code find}, the representative). Probes cycle through 65,536 identities drawn with a
 * fixed seed. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar MembershipBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class MembershipBenchmark {
  private static final int PROBES = 1 << 16;

  /** Which structure answers. */
  @Param({"rtprofile-profileId", "rtprofile-membership", "jgrapht", "hashmap"})
  public String impl;

  /** How many records the structure holds. */
  @Param({"100000"})
  public int records;

  private MutableIdentityGraph graph;
  private JGraphTUnionFind jgrapht;
  private HashMapUnionFind hashMap;
  private Identity[] identityProbes;
  private String[] keyProbes;
  private int next;

  /** Links the records into the chosen structure and draws the probes. */
  @Setup(Level.Trial)
  public void build() {
    LinkingData data = LinkingData.generate(records, LinkingData.SEED);
    if (impl.startsWith("rtprofile")) {
      graph = LinkingData.newGraph();
      data.linkAll(graph);
    } else if (impl.equals("jgrapht")) {
      jgrapht = new JGraphTUnionFind();
      data.linkAll(jgrapht);
    } else {
      hashMap = new HashMapUnionFind(16);
      data.linkAll(hashMap);
    }
    SplittableRandom random = new SplittableRandom(LinkingData.SEED + 1);
    identityProbes = new Identity[PROBES];
    keyProbes = new String[PROBES];
    for (int i = 0; i < PROBES; i++) {
      int r = random.nextInt(records);
      int k = random.nextInt(data.keys[r].length);
      identityProbes[i] = data.identities.get(r).get(k);
      keyProbes[i] = data.keys[r][k];
    }
  }

  /** Answers one membership query. */
  @Benchmark
  public Object find() {
    int i = next++ & (PROBES - 1);
    switch (impl) {
      case "rtprofile-profileId":
        return graph.profileId(identityProbes[i]);
      case "rtprofile-membership":
        return graph.membership(identityProbes[i]);
      case "jgrapht":
        return jgrapht.find(keyProbes[i]);
      case "hashmap":
        return hashMap.find(keyProbes[i]);
      default:
        throw new IllegalArgumentException("impl must be one of the @Param values: " + impl);
    }
  }
}
