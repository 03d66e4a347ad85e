package dev.rtprofile.graph;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Computes the accepted graphs of one raw component (a connected component of all eligible links)
 * under the rules: the identity optimization algorithm for unique namespaces and do-not-link pairs,
 * then the graph limit. A pure function of its inputs, which use local member indexes; the caller
 * fills the inputs, calls {@link #solve}, and reads the outputs. Reusable, not thread-safe.
 */
final class ComponentSolver {
  // Inputs: members.
  int members;
  int[] uniqueBit = new int[16]; // -1 when the member's namespace is not unique
  int[] evictionClass = new int[16];
  long[] lastSeen = new long[16];

  /** Canonical order of members: canonicalOrder.compare(i, j) on local indexes. */
  Comparator<Integer> canonicalOrder = Comparator.naturalOrder();

  // Inputs: links.
  int links;
  int[] u = new int[16];
  int[] v = new int[16];
  long[] linkLastSeen = new long[16];
  int[] prioritySum = new int[16];

  // Inputs: do-not-link pairs between members.
  int pairs;
  int[] pairU = new int[4];
  int[] pairV = new int[4];

  // Outputs.
  LinkStatus[] status = new LinkStatus[16];
  boolean[] evicted = new boolean[16];

  /** The local root of each member's accepted graph. */
  int[] root = new int[16];

  /** Whether the accepted graphs differ from the raw component. */
  boolean dirty;

  /** Whether some graph was over the limit, so that identities' last-seen times matter. */
  boolean evicting;

  private int[] parent = new int[16];
  private int[] mask = new int[16];
  private int[] canonRank = new int[16];

  void reset(int memberCount, int linkCount) {
    members = 0;
    links = 0;
    pairs = 0;
    if (uniqueBit.length < memberCount) {
      int c = Math.max(memberCount, uniqueBit.length * 2);
      uniqueBit = new int[c];
      evictionClass = new int[c];
      lastSeen = new long[c];
      evicted = new boolean[c];
      root = new int[c];
      parent = new int[c];
      mask = new int[c];
      canonRank = new int[c];
    }
    if (u.length < linkCount) {
      int c = Math.max(linkCount, u.length * 2);
      u = new int[c];
      v = new int[c];
      linkLastSeen = new long[c];
      prioritySum = new int[c];
      status = new LinkStatus[c];
    }
  }

  int addMember(int unique, int evictionClassOfType, long seen) {
    int i = members++;
    uniqueBit[i] = unique;
    evictionClass[i] = evictionClassOfType;
    lastSeen[i] = seen;
    return i;
  }

  void addLink(int from, int to, long seen, int priorities) {
    int i = links++;
    u[i] = from;
    v[i] = to;
    linkLastSeen[i] = seen;
    prioritySum[i] = priorities;
  }

  void addPair(int from, int to) {
    if (pairs == pairU.length) {
      pairU = Arrays.copyOf(pairU, pairs * 2);
      pairV = Arrays.copyOf(pairV, pairs * 2);
    }
    pairU[pairs] = from;
    pairV[pairs] = to;
    pairs++;
  }

  void solve(int graphLimit) {
    dirty = false;
    evicting = false;
    Arrays.fill(evicted, 0, members, false);
    for (int i = 0; i < members; i++) {
      parent[i] = i;
      mask[i] = uniqueBit[i] >= 0 ? 1 << uniqueBit[i] : 0;
    }
    boolean conflict = pairs > 0 || uniqueConflict();
    if (conflict) {
      rankCanonically();
      replay();
    } else {
      Arrays.fill(status, 0, links, LinkStatus.ACCEPTED);
      for (int l = 0; l < links; l++) {
        unite(u[l], v[l]);
      }
    }
    if (members > graphLimit) {
      if (!conflict) {
        rankCanonically();
      }
      evict(graphLimit);
    }
    for (int i = 0; i < members; i++) {
      root[i] = find(i);
    }
    for (int l = 0; l < links && !dirty; l++) {
      dirty = status[l] != LinkStatus.ACCEPTED;
    }
  }

  private boolean uniqueConflict() {
    int seen = 0;
    for (int i = 0; i < members; i++) {
      if (uniqueBit[i] >= 0) {
        int bit = 1 << uniqueBit[i];
        if ((seen & bit) != 0) {
          return true;
        }
        seen |= bit;
      }
    }
    return false;
  }

  private void rankCanonically() {
    Integer[] order = IntStream.range(0, members).boxed().toArray(Integer[]::new);
    Arrays.sort(order, canonicalOrder);
    for (int r = 0; r < members; r++) {
      canonRank[order[r]] = r;
    }
  }

  /**
   * The identity optimization algorithm: replays the links (a) of the newest evidence first, (b)
   * then by ascending priority sum, (c) ties by newest last-seen, then canonical order, and accepts
   * each unless it would join two values of a unique namespace or a do-not-link pair.
   */
  private void replay() {
    long newest = Long.MIN_VALUE;
    for (int l = 0; l < links; l++) {
      newest = Math.max(newest, linkLastSeen[l]);
    }
    long newestSeen = newest;
    Integer[] order = IntStream.range(0, links).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(l -> linkLastSeen[l] == newestSeen ? 0 : 1)
            .thenComparingInt(l -> prioritySum[l])
            .thenComparing((x, y) -> Long.compare(linkLastSeen[y], linkLastSeen[x]))
            .thenComparingInt(l -> Math.min(canonRank[u[l]], canonRank[v[l]]))
            .thenComparingInt(l -> Math.max(canonRank[u[l]], canonRank[v[l]])));
    for (int l : order) {
      int ru = find(u[l]);
      int rv = find(v[l]);
      if (ru == rv) {
        status[l] = LinkStatus.ACCEPTED;
      } else if ((mask[ru] & mask[rv]) != 0) {
        status[l] = LinkStatus.REMOVED_UNIQUE_NAMESPACE;
      } else if (pairBetween(ru, rv)) {
        status[l] = LinkStatus.REMOVED_DO_NOT_LINK;
      } else {
        status[l] = LinkStatus.ACCEPTED;
        unite(ru, rv);
      }
    }
  }

  private boolean pairBetween(int ru, int rv) {
    for (int p = 0; p < pairs; p++) {
      int a = find(pairU[p]);
      int b = find(pairV[p]);
      if ((a == ru && b == rv) || (a == rv && b == ru)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The graph limit: in each graph over the limit, evicts as many identities as it is over, by
   * eviction class (cookies, then devices, then people), then oldest last-seen, then canonical
   * order; an evicted identity loses its links and the rest of the graph may split.
   */
  private void evict(int graphLimit) {
    int[] size = new int[members];
    boolean over = false;
    for (int i = 0; i < members; i++) {
      over |= ++size[find(i)] > graphLimit;
    }
    if (!over) {
      return;
    }
    evicting = true;
    Integer[] order = IntStream.range(0, members).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.<Integer>comparingInt(i -> evictionClass[i])
            .thenComparingLong(i -> lastSeen[i])
            .thenComparingInt(i -> canonRank[i]));
    int[] excess = new int[members];
    for (int i = 0; i < members; i++) {
      if (parent[i] == i) {
        excess[i] = Math.max(0, size[i] - graphLimit);
      }
    }
    for (int i : order) {
      int r = find(i);
      if (excess[r] > 0) {
        excess[r]--;
        evicted[i] = true;
        dirty = true;
      }
    }
    for (int i = 0; i < members; i++) {
      parent[i] = i;
    }
    for (int l = 0; l < links; l++) {
      if (status[l] == LinkStatus.ACCEPTED) {
        if (evicted[u[l]] || evicted[v[l]]) {
          status[l] = LinkStatus.REMOVED_GRAPH_LIMIT;
        } else {
          unite(u[l], v[l]);
        }
      }
    }
  }

  private int find(int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private void unite(int a, int b) {
    int ra = find(a);
    int rb = find(b);
    if (ra != rb) {
      parent[rb] = ra;
      mask[ra] |= mask[rb];
    }
  }
}
