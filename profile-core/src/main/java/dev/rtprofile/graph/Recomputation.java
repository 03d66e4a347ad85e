package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The rules' slow path: rebuilds the raw components that hold some seeds from their own eligible
 * links with the {@link ComponentSolver} (unique namespaces and do-not-link rules through the
 * identity optimization algorithm, then the graph limit), and rewrites their links' statuses and
 * their part of the forest. The accepted graph of a component is a pure function of its links and
 * their evidence, so this is exact whatever happened before.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}; its marks and solver are
 * scratch reused across calls.
 */
final class Recomputation {
  private final GraphState state;
  private final HubGuard hub;
  private final NeverLinkRules neverLink;
  private final ComponentSolver solver = new ComponentSolver();
  private final Marks visited = new Marks();
  private final Marks visitedLinks = new Marks();
  private final Marks createdNow = new Marks();
  private final Marks seen = new Marks();

  Recomputation(GraphState state, HubGuard hub, NeverLinkRules neverLink) {
    this.state = state;
    this.hub = hub;
    this.neverLink = neverLink;
  }

  /**
   * {@link #recompute} for a link: the before side of the change leaves out the identities in
   * {@code createdIds}, which the record created.
   */
  GraphChange recomputeLinked(IntList seeds, IntList removed, IntList createdIds) {
    for (int i = 0; i < createdIds.size(); i++) {
      createdNow.set(createdIds.get(i));
    }
    GraphChange change = recompute(seeds, removed, null);
    for (int i = 0; i < createdIds.size(); i++) {
      createdNow.clear(createdIds.get(i));
    }
    return change;
  }

  /**
   * Recomputes the raw components that hold the seeds: each is rebuilt from its own eligible links
   * by the solver. Reports links whose status became removed into {@code removed} and returns the
   * change, whose before side is {@code before} if given, else the graphs the seeds were in.
   */
  GraphChange recompute(IntList seeds, IntList removed, Identity @Nullable [] before) {
    IdentityTable ids = state.ids;
    LinkTable links = state.links;
    Forest forest = state.forest;
    RawComponents raw = state.raw;
    List<int[]> componentMembers = new ArrayList<>();
    List<int[]> componentLinks = new ArrayList<>();
    IntList oldestBefore = new IntList();
    // Per member (in visiting order): the anchor of its graph before, or -1 if it is new; and per
    // anchor before, the size of its graph. A graph the recomputation left as it was is no change.
    IntList anchorBefore = new IntList();
    Map<Integer, Integer> sizeBefore = new HashMap<>();
    IntList queue = new IntList();
    IntList compLinks = new IntList();
    for (int s = 0; s < seeds.size(); s++) {
      int seed = seeds.get(s);
      if (!ids.live(seed) || visited.get(seed)) {
        continue;
      }
      queue.clear();
      compLinks.clear();
      visited.set(seed);
      queue.add(seed);
      for (int q = 0; q < queue.size(); q++) {
        int x = queue.get(q);
        for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
          state.linksWalked++;
          if (!links.eligible(l)) {
            continue;
          }
          if (!visitedLinks.get(l)) {
            visitedLinks.set(l);
            compLinks.add(l);
          }
          int y = links.other(l, x);
          if (!visited.get(y)) {
            visited.set(y);
            queue.add(y);
          }
        }
      }
      int[] members = queue.toArray();
      componentMembers.add(members);
      componentLinks.add(compLinks.toArray());
      for (int m : members) {
        if (before == null && !createdNow.get(m)) {
          int root = forest.find(m);
          int oldest = forest.oldest(root);
          anchorBefore.add(oldest);
          if (!seen.get(oldest)) {
            seen.set(oldest);
            oldestBefore.add(oldest);
            sizeBefore.put(oldest, forest.size(root));
          }
        } else {
          anchorBefore.add(-1);
        }
      }
    }
    for (int i = 0; i < oldestBefore.size(); i++) {
      seen.clear(oldestBefore.get(i));
    }
    for (int[] members : componentMembers) {
      for (int m : members) {
        forest.singleton(
            m, state.bits(ids.namespace(m)) | (neverLink.constrained(m) ? Forest.CONSTRAINED : 0));
        raw.singleton(m);
        visited.clear(m);
      }
      for (int i = 1; i < members.length; i++) {
        raw.union(raw.find(members[0]), raw.find(members[i]));
      }
    }
    IntList oldestAfter = new IntList();
    for (int c = 0; c < componentMembers.size(); c++) {
      int[] members = componentMembers.get(c);
      int[] compLinkIds = componentLinks.get(c);
      for (int l : compLinkIds) {
        visitedLinks.clear(l);
      }
      if (members.length > state.config.maxComponentSize()) {
        refuseAll(compLinkIds, removed);
      } else {
        solve(members, compLinkIds, removed);
      }
      for (int m : members) {
        int oldest = forest.oldest(forest.find(m));
        if (!seen.get(oldest)) {
          seen.set(oldest);
          oldestAfter.add(oldest);
        }
      }
    }
    for (int i = 0; i < oldestAfter.size(); i++) {
      seen.clear(oldestAfter.get(i));
    }
    if (before == null) {
      dropUnchanged(componentMembers, anchorBefore, sizeBefore, oldestBefore, oldestAfter);
    }
    return new GraphChange(
        before != null ? before : state.identities(oldestBefore), state.identities(oldestAfter));
  }

  /**
   * Leaves out of the change the graphs the recomputation rebuilt as they were: same anchor, same
   * members (every member of the graph after had that anchor before, and the sizes agree), so that
   * the owner does not republish them. Costs the members, already paid for.
   */
  private void dropUnchanged(
      List<int[]> componentMembers,
      IntList anchorBefore,
      Map<Integer, Integer> sizeBefore,
      IntList oldestBefore,
      IntList oldestAfter) {
    Forest forest = state.forest;
    Map<Integer, Integer> kept = new HashMap<>();
    int k = 0;
    for (int[] members : componentMembers) {
      for (int m : members) {
        int root = forest.find(m);
        int after = forest.oldest(root);
        int was = anchorBefore.get(k++);
        Integer size = sizeBefore.get(after);
        if (was == after && size != null && size == forest.size(root)) {
          kept.merge(after, 1, Integer::sum);
        } else {
          kept.put(after, Integer.MIN_VALUE);
        }
      }
    }
    IntList unchanged = new IntList();
    kept.forEach(
        (anchor, count) -> {
          if (count.equals(sizeBefore.get(anchor))) {
            unchanged.add(anchor);
          }
        });
    if (!unchanged.isEmpty()) {
      oldestBefore.removeAll(unchanged);
      oldestAfter.removeAll(unchanged);
    }
  }

  /**
   * The component limit: a raw component over {@code maxComponentSize} is not solved; its links are
   * refused and its identities (already reset) stay graphs of their own.
   */
  private void refuseAll(int[] compLinks, IntList removed) {
    LinkTable links = state.links;
    for (int l : compLinks) {
      LinkStatus flipped = hub.statusBefore(l);
      LinkStatus before = flipped != null ? flipped : links.status(l);
      links.setStatus(l, LinkStatus.REFUSED_COMPONENT_LIMIT);
      if (before != LinkStatus.REFUSED_COMPONENT_LIMIT) {
        removed.add(l);
      }
    }
  }

  private void solve(int[] members, int[] compLinks, IntList removed) {
    GraphConfig config = state.config;
    IdentityTable ids = state.ids;
    LinkTable links = state.links;
    Forest forest = state.forest;
    ComponentSolver s = solver;
    s.reset(members.length, compLinks.length);
    Map<Integer, Integer> local = new HashMap<>(members.length * 2);
    for (int m : members) {
      int ns = ids.namespace(m);
      local.put(
          m,
          s.addMember(
              config.uniqueBit(ns),
              config.namespace(ns).type().evictionClass(),
              state.idEvidence.last(m)));
    }
    for (int l : compLinks) {
      int a = links.a(l);
      int b = links.b(l);
      s.addLink(
          local.get(a),
          local.get(b),
          links.evidence.last(l),
          config.priority(ids.namespace(a)) + config.priority(ids.namespace(b)));
    }
    for (int m : members) {
      if (!neverLink.constrained(m)) {
        continue;
      }
      for (Identity partner : neverLink.partners(state.identity(m))) {
        int p = state.findCanonical(partner);
        Integer lp = p < 0 ? null : local.get(p);
        int lm = local.get(m);
        if (lp != null && lm < lp) {
          s.addPair(lm, lp);
        }
      }
    }
    s.canonicalOrder = (i, j) -> state.compareCanonical(members[i], members[j]);
    s.solve(config.graphLimit());
    for (int i = 0; i < compLinks.length; i++) {
      int l = compLinks[i];
      LinkStatus flipped = hub.statusBefore(l);
      LinkStatus before = flipped != null ? flipped : links.status(l);
      LinkStatus after = s.status[i];
      links.setStatus(l, after);
      if (after != LinkStatus.ACCEPTED) {
        if (before != after) {
          removed.add(l);
        }
        continue;
      }
      int ra = forest.find(links.a(l));
      int rb = forest.find(links.b(l));
      if (ra != rb) {
        state.unite(ra, rb);
      }
    }
    if (s.dirty) {
      int flags = Forest.DIRTY | (s.evicting ? Forest.EVICTING : 0);
      for (int m : members) {
        forest.setFlags(forest.find(m), flags);
      }
    }
  }
}
