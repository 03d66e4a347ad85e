package dev.rtprofile.benchmarks;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic identity records for the linking, membership and memory benchmarks: every
 * record carries 2 to 4 identities of distinct namespaces among {@code Email}, {@code Phone}, a
 * custom cross-device {@code CRMID} and {@code ECID} (38 digits). About 20% of the records reuse
 * one identity of a <em>recent</em> record (one of the previous {@value #WINDOW}), so graphs of 2
 * to about 30 identities form; reusing identities of uniformly random earlier records would
 * percolate into one giant component instead.
 *
 * <p>Each record is held twice, as {@link Identity} objects for rtprofile and as {@code NS:value}
 * strings for the union-find baselines, so neither side pays for building its keys.
 */
public final class LinkingData {
  /** The seed every benchmark uses unless told otherwise. */
  public static final long SEED = 20_260_101L;

  /** The share of records that reuse an identity of a recent record. */
  public static final double REUSE = 0.2;

  /** How many of the latest records a reused identity is drawn from. */
  public static final int WINDOW = 256;

  private static final String[] NAMESPACES = {"Email", "Phone", "CRMID", "ECID"};

  /** The records' identities, for rtprofile; each list is immutable. */
  public final List<List<Identity>> identities;

  /** The same identities as {@code NS:value} strings, for the baselines. */
  public final String[][] keys;

  /** Each record's timestamp, epoch milliseconds, increasing. */
  public final long[] timestamps;

  /** How many distinct identities the records carry. */
  public final int distinctIdentities;

  private LinkingData(List<List<Identity>> identities, String[][] keys, long[] timestamps, int n) {
    this.identities = identities;
    this.keys = keys;
    this.timestamps = timestamps;
    this.distinctIdentities = n;
  }

  /** Generates {@code records} records from {@code seed}; the same arguments give the same data. */
  public static LinkingData generate(int records, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<List<Identity>> identities = new ArrayList<>(records);
    String[][] keys = new String[records][];
    long[] timestamps = new long[records];
    int[] counters = new int[NAMESPACES.length];
    int distinct = 0;
    long time = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    for (int r = 0; r < records; r++) {
      int count = 2 + random.nextInt(3);
      Identity[] record = new Identity[count];
      int[] order = shuffled(random);
      int filled = 0;
      if (r > 0 && random.nextDouble() < REUSE) {
        List<Identity> earlier = identities.get(r - 1 - random.nextInt(Math.min(WINDOW, r)));
        Identity reused = earlier.get(random.nextInt(earlier.size()));
        record[filled++] = reused;
        int reusedNs = Arrays.asList(NAMESPACES).indexOf(reused.namespace());
        order = Arrays.stream(order).filter(ns -> ns != reusedNs).toArray();
      }
      for (int i = 0; filled < count; i++) {
        int ns = order[i];
        record[filled++] = Identity.of(NAMESPACES[ns], value(ns, counters[ns]++, random));
        distinct++;
      }
      identities.add(List.of(record));
      keys[r] = new String[count];
      for (int i = 0; i < count; i++) {
        keys[r][i] = record[i].toText();
      }
      time += 1 + random.nextInt(2_000);
      timestamps[r] = time;
    }
    return new LinkingData(List.copyOf(identities), keys, timestamps, distinct);
  }

  private static int[] shuffled(SplittableRandom random) {
    int[] order = {0, 1, 2, 3};
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private static String value(int ns, int n, SplittableRandom random) {
    switch (ns) {
      case 0:
        return "user" + n + "@mail" + (n % 997) + ".example.com";
      case 1:
        return "+1" + (2_000_000_000L + n);
      case 2:
        return "crm-" + (10_000_000 + n);
      default:
        // 38 digits: 19 random, then the counter as 19 digits, so values never repeat.
        long high = random.nextLong(1_000_000_000_000_000_000L, Long.MAX_VALUE);
        return Long.toString(high) + String.format("%019d", (long) n);
    }
  }

  /**
   * Returns the graph every linking benchmark builds: the standard namespaces plus the custom
   * cross-device {@code CRMID}, no linking rules, default limits, and a fixed deny-list salt so
   * that building one costs no {@link java.security.SecureRandom} seeding.
   */
  public static MutableIdentityGraph newGraph() {
    return IdentityGraph.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .denyListSalt("rtprofile-benchmarks-salt".getBytes(StandardCharsets.US_ASCII))
        .build();
  }

  /** Links every record into {@code graph}, in order. */
  public void linkAll(MutableIdentityGraph graph) {
    for (int r = 0; r < timestamps.length; r++) {
      graph.link("crm", timestamps[r], identities.get(r));
    }
  }

  /** Unions every record into the HashMap baseline, in order. */
  public void linkAll(HashMapUnionFind uf) {
    for (String[] record : keys) {
      uf.add(record[0]);
      for (int i = 1; i < record.length; i++) {
        uf.add(record[i]);
        uf.union(record[0], record[i]);
      }
    }
  }

  /** Unions every record into the JGraphT baseline, in order. */
  public void linkAll(JGraphTUnionFind uf) {
    for (String[] record : keys) {
      uf.addIfAbsent(record[0]);
      for (int i = 1; i < record.length; i++) {
        uf.addIfAbsent(record[i]);
        uf.union(record[0], record[i]);
      }
    }
  }
}
