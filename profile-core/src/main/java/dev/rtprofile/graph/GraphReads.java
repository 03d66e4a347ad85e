package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The read views of the graph: memberships, anchors, graph views with evidence, per-namespace
 * members and statistics, built from the tables by id.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. Every method is a read
 * and may run concurrently with other reads.
 */
final class GraphReads {
  private static final Comparator<Identity> CANONICAL = GraphState.CANONICAL;

  private final GraphState state;
  private final Datasets datasets;

  GraphReads(GraphState state, Datasets datasets) {
    this.state = state;
    this.datasets = datasets;
  }

  /** The membership of identity x's graph. */
  Membership membershipOf(int x) {
    IntList members = state.members(x);
    Identity[] out = new Identity[members.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = state.identity(members.get(i));
    }
    Arrays.sort(out, CANONICAL);
    return new Membership(anchorOf(x), List.of(out));
  }

  /** The anchor (oldest identity) of x's graph. */
  Identity anchorOf(int x) {
    Forest forest = state.forest;
    return state.identity(forest.oldest(forest.findReadOnly(x)));
  }

  /** Every graph's membership, in no particular order. */
  List<Membership> membershipsUnordered() {
    List<Membership> out = new ArrayList<>();
    for (int x = 0; x < state.ids.highWater(); x++) {
      if (state.ids.live(x) && state.forest.findReadOnly(x) == x) {
        out.add(membershipOf(x));
      }
    }
    return out;
  }

  /** Every graph's anchor, in no particular order. */
  List<Identity> anchors() {
    List<Identity> out = new ArrayList<>();
    for (int x = 0; x < state.ids.highWater(); x++) {
      if (state.ids.live(x) && state.forest.findReadOnly(x) == x) {
        out.add(state.identity(state.forest.oldest(x)));
      }
    }
    return out;
  }

  /** The identities of namespace index ns in x's graph, sorted. */
  List<Identity> members(int x, int ns) {
    List<Identity> out = new ArrayList<>();
    IntList members = state.members(x);
    for (int i = 0; i < members.size(); i++) {
      if (state.ids.namespace(members.get(i)) == ns) {
        out.add(state.identity(members.get(i)));
      }
    }
    out.sort(CANONICAL);
    return out;
  }

  /** The profile ids of the graphs holding two or more values of namespace index ns, sorted. */
  List<String> graphsWithMultipleValues(int ns) {
    List<String> out = new ArrayList<>();
    forEachGraph(
        (root, counts) -> {
          if (counts.getOrDefault(ns, 0) > 1) {
            out.add(state.profileId(state.forest.oldest(root)));
          }
        });
    out.sort(null);
    return out;
  }

  /** Counts over the whole graph. */
  GraphStatistics statistics() {
    Map<String, Integer> byNamespace = new TreeMap<>();
    Map<Integer, Integer> histogram = new TreeMap<>();
    Map<String, Integer> multiple = new TreeMap<>();
    int[] graphs = {0};
    forEachGraph(
        (root, counts) -> {
          graphs[0]++;
          histogram.merge(state.forest.size(root), 1, Integer::sum);
          counts.forEach(
              (ns, count) -> {
                String code = state.config.namespace(ns).code();
                byNamespace.merge(code, count, Integer::sum);
                if (count > 1) {
                  multiple.merge(code, 1, Integer::sum);
                }
              });
        });
    LinkTable links = state.links;
    int removed = 0;
    for (int l = 0; l < links.highWater(); l++) {
      if (links.live(l) && links.status(l) != LinkStatus.ACCEPTED) {
        removed++;
      }
    }
    int hubs = 0;
    for (int x = 0; x < state.ids.highWater(); x++) {
      if (state.ids.live(x) && links.degree(x) > state.config.hubLimit()) {
        hubs++;
      }
    }
    return new GraphStatistics(
        graphs[0],
        state.ids.size(),
        links.count(),
        removed,
        new TreeMap<>(byNamespace),
        new TreeMap<>(histogram),
        new TreeMap<>(multiple),
        hubs);
  }

  /** Visits every graph's root with its identity count per namespace index. */
  private void forEachGraph(BiConsumer<Integer, Map<Integer, Integer>> visitor) {
    for (int x = 0; x < state.ids.highWater(); x++) {
      if (!state.ids.live(x) || state.forest.findReadOnly(x) != x) {
        continue;
      }
      Map<Integer, Integer> counts = new HashMap<>();
      IntList members = state.members(x);
      for (int i = 0; i < members.size(); i++) {
        counts.merge(state.ids.namespace(members.get(i)), 1, Integer::sum);
      }
      visitor.accept(x, counts);
    }
  }

  /**
   * The view of x's graph: its identities and links with evidence, and its profile id. Lists the
   * links the hub guard refused only up to {@link GraphView#MAX_LISTED_HUB_REFUSALS} (the first in
   * canonical order) and counts the rest, without building a view of each.
   */
  GraphView view(int x) {
    LinkTable links = state.links;
    IntList members = state.members(x);
    Set<Integer> memberSet = new LinkedHashSet<>();
    for (int i = 0; i < members.size(); i++) {
      memberSet.add(members.get(i));
    }
    List<IdentityView> identities = new ArrayList<>();
    Map<Integer, LinkView> accepted = new LinkedHashMap<>();
    Map<Integer, LinkView> removed = new LinkedHashMap<>();
    // The first refusals in canonical order: a max-heap of at most MAX_LISTED_HUB_REFUSALS.
    Comparator<Integer> canonicalEnds = this::compareEnds;
    PriorityQueue<Integer> listed =
        new PriorityQueue<>(GraphView.MAX_LISTED_HUB_REFUSALS + 1, canonicalEnds.reversed());
    int refusals = 0;
    for (int m : memberSet) {
      identities.add(identityView(m));
      for (int l = links.firstOfAll(m); l >= 0; l = links.nextOfAll(l, m)) {
        LinkStatus status = links.status(l);
        if (status == LinkStatus.ACCEPTED) {
          accepted.computeIfAbsent(l, this::linkView);
        } else if (status != LinkStatus.REFUSED_HUB) {
          removed.computeIfAbsent(l, this::linkView);
        } else if (links.a(l) == m || !memberSet.contains(links.other(l, m))) {
          // Counted once: at its end a when both ends are members.
          refusals++;
          listed.add(l);
          if (listed.size() > GraphView.MAX_LISTED_HUB_REFUSALS) {
            listed.poll();
          }
        }
      }
    }
    for (int l : listed) {
      removed.put(l, linkView(l));
    }
    identities.sort(Comparator.comparing(IdentityView::identity, CANONICAL));
    Comparator<LinkView> byEnds =
        Comparator.comparing(LinkView::from, CANONICAL).thenComparing(LinkView::to, CANONICAL);
    List<LinkView> acceptedLinks = new ArrayList<>(accepted.values());
    acceptedLinks.sort(byEnds);
    List<LinkView> removedLinks = new ArrayList<>(removed.values());
    removedLinks.sort(byEnds);
    return new GraphView(
        state.profileIdOfGraph(x),
        identities,
        acceptedLinks,
        removedLinks,
        refusals - listed.size());
  }

  /** Compares links l and m by their ends in canonical order, as views sort them. */
  private int compareEnds(int l, int m) {
    LinkTable links = state.links;
    int la = links.a(l);
    int lb = links.b(l);
    int ma = links.a(m);
    int mb = links.b(m);
    int lFrom = state.compareCanonical(la, lb) <= 0 ? la : lb;
    int mFrom = state.compareCanonical(ma, mb) <= 0 ? ma : mb;
    int c = state.compareCanonical(lFrom, mFrom);
    if (c != 0) {
      return c;
    }
    return state.compareCanonical(lFrom == la ? lb : la, mFrom == ma ? mb : ma);
  }

  /** The view of link l, its ends in canonical order. */
  LinkView linkView(int l) {
    LinkTable links = state.links;
    int a = links.a(l);
    int b = links.b(l);
    if (state.compareCanonical(a, b) > 0) {
      int t = a;
      a = b;
      b = t;
    }
    return new LinkView(
        state.identity(a),
        state.identity(b),
        links.evidence.first(l),
        links.evidence.last(l),
        datasets.names(links.evidence.datasets(l)),
        links.status(l));
  }

  /** The view of identity x with its evidence. */
  IdentityView identityView(int x) {
    IdentityTable ids = state.ids;
    return new IdentityView(
        state.identity(x),
        state.config.namespace(ids.namespace(x)).type(),
        state.idEvidence.first(x),
        state.idEvidence.last(x),
        datasets.names(state.idEvidence.datasets(x)));
  }
}
