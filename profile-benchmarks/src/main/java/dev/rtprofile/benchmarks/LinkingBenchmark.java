package dev.rtprofile.benchmarks;

import dev.rtprofile.graph.MutableIdentityGraph;
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
 * Linking: builds a fresh identity structure from {@code records} generated records ({@link
 * LinkingData}: 2 to 4 identities each, 20% reuse of recent identities) per invocation, so one
 * operation is one whole batch; divide by {@code records} for the time per record. {@code impl}
 * switches between rtprofile's {@link MutableIdentityGraph#link} (a fresh graph, every rule and all
 * evidence kept), JGraphT's {@code UnionFind<String>} and a hand-written {@code HashMap}
 * union-find, the baselines fed the same identities as {@code NS:value} strings. Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar LinkingBenchmark -p
 * records=100000} (and {@code -p records=1000000} for the full size).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class LinkingBenchmark {

  /** Which structure links the records. */
  @Param({"rtprofile", "jgrapht", "hashmap"})
  public String impl;

  /** How many records one invocation links. */
  @Param({"100000"})
  public int records;

  private LinkingData data;

  /** Generates the records once per run; every implementation sees the same ones. */
  @Setup(Level.Trial)
  public void generate() {
    data = LinkingData.generate(records, LinkingData.SEED);
  }

  /** Links every record into a fresh structure and returns it, so nothing is dead code. */
  @Benchmark
  public Object linkAll() {
    switch (impl) {
      case "rtprofile":
        MutableIdentityGraph graph = LinkingData.newGraph();
        data.linkAll(graph);
        return graph;
      case "jgrapht":
        JGraphTUnionFind jgrapht = new JGraphTUnionFind();
        data.linkAll(jgrapht);
        return jgrapht;
      case "hashmap":
        HashMapUnionFind hashMap = new HashMapUnionFind(16);
        data.linkAll(hashMap);
        return hashMap;
      default:
        throw new IllegalArgumentException("impl must be rtprofile, jgrapht or hashmap: " + impl);
    }
  }
}
