package dev.rtprofile.benchmarks;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost shapes ARCHITECTURE §2 bounds (issue 14 items 3 and 4): one invocation links {@code
 * records} records into a fresh graph or store, so divide by {@code records} for the time per
 * record; the cost per record must stay flat when {@code records} grows tenfold. {@code shape}:
 *
 * <ul>
 *   <li>{@code own}: each record an email and an ECID of its own (the baseline);
 *   <li>{@code hub}: the same emails, all with one shared ECID (a hub): must stay within 3x of
 *       {@code own};
 *   <li>{@code chain}: record i links email i to email i+1, with the component limit raised above
 *       {@code records} (so the graph limit's recomputation sees the whole chain).
 * </ul>
 *
 * {@code via} switches between the graph alone ({@link MutableIdentityGraph#link}) and the store
 * ({@link ProfileStore#ingest}, a fragment per record). Lower is better.
 *
 * <p>Run: {@code java -jar profile-benchmarks/target/benchmarks.jar GraphCostBenchmark -f 1 -wi 2
 * -i 3 -p shape=own,hub -p records=10000,100000} (the chain case is quadratic today: run it with
 * {@code -p shape=chain -p records=1000,10000}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GraphCostBenchmark {
  private static final String SHARED_ECID = "1".repeat(38);

  /** The shape of the records: {@code own}, {@code hub} or {@code chain}. */
  @Param({"own", "hub"})
  public String shape;

  /** How many records one invocation links. */
  @Param({"10000", "100000"})
  public int records;

  /** What links them: {@code graph} or {@code store}. */
  @Param({"graph", "store"})
  public String via;

  private static String email(int i) {
    return "e" + i + "@example.com";
  }

  private String second(int i) {
    switch (shape) {
      case "own":
        return String.format("%038d", i);
      case "hub":
        return SHARED_ECID;
      case "chain":
        return email(i + 1);
      default:
        throw new IllegalArgumentException("shape must be own, hub or chain, but was " + shape);
    }
  }

  private String secondNamespace() {
    return shape.equals("chain") ? "Email" : "ECID";
  }

  private int componentLimit() {
    return shape.equals("chain") ? records + 2 : 1000;
  }

  /** Links every record into a fresh graph or store and returns it, so nothing is dead code. */
  @Benchmark
  public Object linkAll() {
    String ns = secondNamespace();
    if (via.equals("graph")) {
      MutableIdentityGraph graph =
          IdentityGraph.builder().maxComponentSize(componentLimit()).build();
      for (int i = 0; i < records; i++) {
        graph.link("web", i, List.of(Identity.of("Email", email(i)), Identity.of(ns, second(i))));
      }
      return graph;
    }
    ProfileStore store = ProfileStore.builder().maxComponentSize(componentLimit()).build();
    for (int i = 0; i < records; i++) {
      store.ingest(
          Record.builder("web")
              .primary("Email", email(i))
              .identity(ns, second(i))
              .attribute("visits", i)
              .timestamp(Instant.ofEpochMilli(i))
              .build());
    }
    return store;
  }
}
