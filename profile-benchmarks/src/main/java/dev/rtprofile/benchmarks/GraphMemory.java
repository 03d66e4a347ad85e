package dev.rtprofile.benchmarks;

import dev.rtprofile.graph.GraphStatistics;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;
import java.util.SortedMap;

/**
 * Memory: heap bytes per identity and per graph (person) after linking {@code records} generated
 * records ({@link LinkingData}) into one structure, against the 150 B/identity target. The records'
 * identities and value strings are built before the first measurement and kept alive until after
 * the second, so they are not counted: what is counted is what the structure itself holds (its
 * tables, evidence, links, interned ids). Measured as the used-heap delta after {@code System.gc()}
 * (repeated until it settles) read from the {@link MemoryMXBean}. Not a JMH benchmark: one run is
 * one number. Lower is better.
 *
 * <p>Run: {@code java -Xms4g -Xmx4g -cp profile-benchmarks/target/benchmarks.jar
 * dev.rtprofile.benchmarks.GraphMemory rtprofile 1000000} (or {@code jgrapht}, {@code hashmap}).
 */
public final class GraphMemory {
  private GraphMemory() {}

  /**
   * Runs one measurement.
   *
   * @param args the implementation ({@code rtprofile}, {@code jgrapht} or {@code hashmap}), then
   *     optionally the number of records (default 1,000,000)
   */
  public static void main(String[] args) throws InterruptedException {
    String impl = args.length > 0 ? args[0] : "rtprofile";
    int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    LinkingData data = LinkingData.generate(records, LinkingData.SEED);
    long before = settledUsedHeap();
    Object structure;
    int graphs;
    String sizes = "";
    switch (impl) {
      case "rtprofile":
        MutableIdentityGraph graph = LinkingData.newGraph();
        data.linkAll(graph);
        structure = graph;
        break;
      case "jgrapht":
        JGraphTUnionFind jgrapht = new JGraphTUnionFind();
        data.linkAll(jgrapht);
        structure = jgrapht;
        break;
      case "hashmap":
        HashMapUnionFind hashMap = new HashMapUnionFind(16);
        data.linkAll(hashMap);
        structure = hashMap;
        break;
      default:
        throw new IllegalArgumentException("impl must be rtprofile, jgrapht or hashmap: " + impl);
    }
    long after = settledUsedHeap();
    Reference.reachabilityFence(data);
    if (structure instanceof IdentityGraph graph) {
      GraphStatistics stats = graph.statistics();
      graphs = stats.graphs();
      SortedMap<Integer, Integer> histogram = stats.sizeHistogram();
      sizes = ", graph sizes " + histogram.firstKey() + ".." + histogram.lastKey();
      if (stats.identities() != data.distinctIdentities) {
        throw new IllegalStateException("the graph lost identities: " + stats.identities());
      }
    } else if (structure instanceof JGraphTUnionFind jgrapht) {
      graphs = jgrapht.numberOfSets();
    } else {
      graphs = ((HashMapUnionFind) structure).sets();
    }
    long bytes = after - before;
    System.out.printf(
        Locale.ROOT,
        "memory %s: %d records, %d identities, %d graphs%s: %d bytes, %.1f B/identity%s"
            + " (target 150 B/identity)%n",
        impl,
        records,
        data.distinctIdentities,
        graphs,
        sizes,
        bytes,
        (double) bytes / data.distinctIdentities,
        graphs > 0 ? String.format(Locale.ROOT, ", %.1f B/graph", (double) bytes / graphs) : "");
    Reference.reachabilityFence(structure);
  }

  /** The used heap after full collections, repeated until two readings agree within 1 MB. */
  private static long settledUsedHeap() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(100);
      long used = memory.getHeapMemoryUsage().getUsed();
      if (Math.abs(used - last) < (1 << 20)) {
        return used;
      }
      last = used;
    }
    return last;
  }
}
