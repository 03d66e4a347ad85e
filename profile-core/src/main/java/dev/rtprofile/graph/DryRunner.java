package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes a {@link DryRun}: copies the raw components a record touches, adds the record's
 * identities and links to the copy, and runs the same {@link ComponentSolver} the graph uses. The
 * graph is not changed, but the writer's scratch is used: the owner's write lock must be held. The
 * hub guard is applied to the record's new links (a new link is refused at an identity that already
 * has as many earlier links as the hub limit); a new link older than a hub's existing ones is not
 * modelled as displacing them.
 */
final class DryRunner {
  private final GraphState state;
  private final IdentityResolution resolution;
  private final GraphReads reads;
  private final NeverLinkRules neverLink;
  private final List<Identity> memberIdentity = new ArrayList<>();
  private final Map<Identity, Integer> local = new HashMap<>();

  DryRunner(GraphEngine engine) {
    this.state = engine.state;
    this.resolution = engine.resolution;
    this.reads = engine.reads;
    this.neverLink = engine.neverLink;
  }

  DryRun run(String dataset, long timestamp, List<Identity> identities) {
    IdentityResolution.Resolved r = resolution.resolve(identities);
    if (r.rejection != null) {
      return new DryRun(r.kept, r.dropped, r.rejection, List.of(), List.of(), List.of(), false);
    }
    List<Integer> recordLocal = new ArrayList<>();
    Set<String> before = new LinkedHashSet<>();
    List<Integer> existing = new ArrayList<>();
    for (int i = 0; i < r.count; i++) {
      if (!state.config.type(r.namespace[i]).links()) {
        continue;
      }
      int x = state.ids.find(r.namespace[i], r.value[i]);
      if (x >= 0) {
        existing.add(x);
        before.add(state.profileIdOfGraph(x));
      }
    }
    // Members: the raw components of the record's known identities, then its new identities.
    List<Integer> globalOf = new ArrayList<>();
    List<Integer> componentLinks = new ArrayList<>();
    Set<Integer> seenLinks = new LinkedHashSet<>();
    for (int start : existing) {
      if (local.containsKey(state.identity(start))) {
        continue;
      }
      List<Integer> queue = new ArrayList<>();
      queue.add(start);
      addMember(state.identity(start), globalOf, start);
      for (int q = 0; q < queue.size(); q++) {
        int x = queue.get(q);
        for (int l = state.links.head(x); l >= 0; l = state.links.next(l, x)) {
          if (!state.links.eligible(l)) {
            continue;
          }
          if (seenLinks.add(l)) {
            componentLinks.add(l);
          }
          int y = state.links.other(l, x);
          if (!local.containsKey(state.identity(y))) {
            addMember(state.identity(y), globalOf, y);
            queue.add(y);
          }
        }
      }
    }
    int[] ns = new int[r.count];
    for (int i = 0; i < r.count; i++) {
      ns[i] = r.namespace[i];
      if (!state.config.type(ns[i]).links()) {
        recordLocal.add(-1);
        continue;
      }
      Identity identity = new Identity(state.config.namespace(ns[i]).code(), r.value[i]);
      Integer at = local.get(identity);
      if (at == null) {
        at = addMember(identity, globalOf, -1);
      }
      recordLocal.add(at);
    }

    ComponentSolver s = new ComponentSolver();
    int members = memberIdentity.size();
    s.reset(members, componentLinks.size() + r.count * r.count);
    for (int i = 0; i < members; i++) {
      int global = globalOf.get(i);
      int namespace = state.config.namespaceIndex(memberIdentity.get(i).namespace());
      long last = global >= 0 ? state.idEvidence.last(global) : timestamp;
      if (recordLocal.contains(i)) {
        last = Math.max(last, timestamp);
      }
      s.addMember(
          state.config.uniqueBit(namespace), state.config.type(namespace).evictionClass(), last);
    }
    List<LinkView> views = new ArrayList<>();
    List<LinkStatus> current = new ArrayList<>();
    Map<Long, Integer> linkAt = new HashMap<>();
    for (int l : componentLinks) {
      int a = local.get(state.identity(state.links.a(l)));
      int b = local.get(state.identity(state.links.b(l)));
      linkAt.put(pairKey(a, b), views.size());
      s.addLink(a, b, state.links.evidence.last(l), prioritySum(a, b));
      views.add(reads.linkView(l));
      current.add(state.links.status(l));
    }
    List<LinkView> refused = new ArrayList<>();
    for (int i = 0; i < recordLocal.size(); i++) {
      for (int j = i + 1; j < recordLocal.size(); j++) {
        int a = recordLocal.get(i);
        int b = recordLocal.get(j);
        if (a < 0 || b < 0) {
          continue;
        }
        Integer at = linkAt.get(pairKey(a, b));
        if (at != null) {
          s.linkLastSeen[at] = Math.max(s.linkLastSeen[at], timestamp);
          continue;
        }
        int ga = globalOf.get(a);
        int gb = globalOf.get(b);
        if (ga >= 0 && gb >= 0 && state.links.find(ga, gb) >= 0) {
          continue; // an existing link refused by the hub guard stays refused
        }
        LinkView view = hypothetical(a, b, dataset, timestamp, LinkStatus.ACCEPTED);
        if (refusedByHub(ga, memberIdentity.get(b), timestamp)
            || refusedByHub(gb, memberIdentity.get(a), timestamp)) {
          refused.add(hypothetical(a, b, dataset, timestamp, LinkStatus.REFUSED_HUB));
          continue;
        }
        linkAt.put(pairKey(a, b), views.size());
        s.addLink(a, b, timestamp, prioritySum(a, b));
        views.add(view);
        current.add(null);
      }
    }
    for (int i = 0; i < members; i++) {
      for (Identity partner : neverLink.partners(memberIdentity.get(i))) {
        Integer p = local.get(partner);
        if (p != null && i < p) {
          s.addPair(i, p);
        }
      }
    }
    s.canonicalOrder =
        (i, j) -> GraphState.CANONICAL.compare(memberIdentity.get(i), memberIdentity.get(j));
    s.solve(state.config.graphLimit());

    List<LinkView> removed = new ArrayList<>(refused);
    for (int i = 0; i < views.size(); i++) {
      LinkStatus after = s.status[i];
      if (after != LinkStatus.ACCEPTED && after != current.get(i)) {
        LinkView v = views.get(i);
        removed.add(
            new LinkView(v.from(), v.to(), v.firstSeen(), v.lastSeen(), v.datasets(), after));
      }
    }
    Map<Integer, List<Identity>> graphs = new TreeMap<>();
    for (int at : recordLocal) {
      if (at >= 0) {
        graphs.computeIfAbsent(s.root[at], k -> new ArrayList<>());
      }
    }
    for (int i = 0; i < members; i++) {
      List<Identity> graph = graphs.get(s.root[i]);
      if (graph != null) {
        graph.add(memberIdentity.get(i));
      }
    }
    List<List<Identity>> after = new ArrayList<>();
    for (List<Identity> graph : graphs.values()) {
      graph.sort(GraphState.CANONICAL);
      after.add(graph);
    }
    after.sort(Comparator.comparing((List<Identity> g) -> g.get(0), GraphState.CANONICAL));
    List<String> beforeIds = new ArrayList<>(before);
    beforeIds.sort(null);
    return new DryRun(r.kept, r.dropped, null, beforeIds, after, removed, merges(s, globalOf));
  }

  /**
   * Whether some graph after would hold the oldest identities of two graphs that are separate now,
   * so that one profile id would become a redirect to the other.
   */
  private boolean merges(ComponentSolver s, List<Integer> globalOf) {
    Set<Integer> rootsHoldingAnOldest = new HashSet<>();
    for (int i = 0; i < memberIdentity.size(); i++) {
      int global = globalOf.get(i);
      if (global >= 0
          && state.forest.oldest(state.forest.findReadOnly(global)) == global
          && !rootsHoldingAnOldest.add(s.root[i])) {
        return true;
      }
    }
    return false;
  }

  private int addMember(Identity identity, List<Integer> globalOf, int global) {
    int at = memberIdentity.size();
    memberIdentity.add(identity);
    local.put(identity, at);
    globalOf.add(global);
    return at;
  }

  private int prioritySum(int a, int b) {
    return state.config.priority(state.config.namespaceIndex(memberIdentity.get(a).namespace()))
        + state.config.priority(state.config.namespaceIndex(memberIdentity.get(b).namespace()));
  }

  private static long pairKey(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  /** Whether identity x already has hubLimit links that rank before a new one to {@code to}. */
  private boolean refusedByHub(int x, Identity to, long timestamp) {
    if (x < 0 || state.links.degree(x) < state.config.hubLimit()) {
      return false;
    }
    int earlier = 0;
    for (int l = state.links.head(x); l >= 0; l = state.links.next(l, x)) {
      long first = state.links.evidence.first(l);
      if (first < timestamp
          || (first == timestamp
              && GraphState.CANONICAL.compare(state.identity(state.links.other(l, x)), to) < 0)) {
        earlier++;
      }
    }
    return earlier >= state.config.hubLimit();
  }

  private LinkView hypothetical(int a, int b, String dataset, long timestamp, LinkStatus status) {
    Identity ia = memberIdentity.get(a);
    Identity ib = memberIdentity.get(b);
    if (GraphState.CANONICAL.compare(ia, ib) > 0) {
      Identity t = ia;
      ia = ib;
      ib = t;
    }
    return new LinkView(ia, ib, timestamp, timestamp, List.of(dataset), status);
  }
}
