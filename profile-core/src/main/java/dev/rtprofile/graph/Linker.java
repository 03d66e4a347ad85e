package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Links one checked record (ARCHITECTURE §2): interns its identities with one probe each, records
 * the evidence of identities and links, applies the hub guard and the component limit to new links,
 * and takes the fast path (a plain union of clean graphs, exact when the union breaks no rule)
 * unless a rule binds, in which case {@link Recomputation} rebuilds the touched components.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}; its scratch is reused
 * across calls, so that linking a record allocates little beyond its result.
 */
final class Linker {
  private static final Identity[] NO_IDENTITIES = new Identity[0];

  private final GraphState state;
  private final GraphConfig config;
  private final IdentityTable ids;
  private final Evidence idEvidence;
  private final LinkTable links;
  private final Forest forest;
  private final RawComponents raw;
  private final Datasets datasets;
  private final HubGuard hub;
  private final Recomputation recomputation;
  private final NeverLinkRules neverLink;
  private final ProfileIdIndex profileIds;
  private final GraphReads reads;

  /** A sink for {@link IdentityTable#touch}, so that the loads are not optimized away. */
  private long touched;

  // Scratch of link(), reused across calls: the owner's write lock is held.
  private boolean[] recordFresh = new boolean[8];
  private int[] recordIds = new int[8];
  private final IntList rootsBefore = new IntList();
  private final IntList oldestBefore = new IntList();
  private final IntList firstChanged = new IntList();
  private final IntList createdIds = new IntList();
  private final IntList newLinks = new IntList();
  private final IntList eligibilityChanged = new IntList();
  private final IntList removedLinks = new IntList();
  private final IntList oldestAfter = new IntList();
  private final Marks isNewLink = new Marks();
  private final Marks dissolving = new Marks();
  private final IntList dissolvedMembers = new IntList();
  private final IntList dissolvedLinks = new IntList();
  private final IntList dissolvedBefore = new IntList();

  Linker(
      GraphState state,
      Datasets datasets,
      HubGuard hub,
      Recomputation recomputation,
      NeverLinkRules neverLink,
      ProfileIdIndex profileIds,
      GraphReads reads) {
    this.state = state;
    this.config = state.config;
    this.ids = state.ids;
    this.idEvidence = state.idEvidence;
    this.links = state.links;
    this.forest = state.forest;
    this.raw = state.raw;
    this.datasets = datasets;
    this.hub = hub;
    this.recomputation = recomputation;
    this.neverLink = neverLink;
    this.profileIds = profileIds;
    this.reads = reads;
  }

  /** Sets up the columns of identity {@code id}, just added to the table, seen now. */
  private void created(int id, int ns, int ds, long timestamp) {
    state.ensureIdentityCapacity();
    idEvidence.init(id, ds, timestamp);
    int info = state.bits(ns);
    if (neverLink.created(id)) {
      info |= Forest.CONSTRAINED;
    }
    forest.singleton(id, info);
    raw.singleton(id);
    profileIds.added(id);
  }

  /**
   * Links a checked record: every pair of its linkable identities becomes a link or refreshes one.
   * Reads {@code r} only, so a record checked once may be linked from its {@link Resolved}.
   */
  LinkResult link(String dataset, long timestamp, IdentityResolution.Resolved r) {
    if (r.rejection != null) {
      return new LinkResult(r.kept, r.dropped, r.rejection, List.of(), GraphChange.NONE);
    }
    // Load the identities' index slots back to back, so that their cache misses overlap; interning
    // then probes them one by one.
    long sink = r.sink;
    for (int i = 0; i < r.count; i++) {
      sink ^= ids.touch(r.hash[i]);
    }
    touched = sink;
    hub.begin();
    int ds = datasets.id(dataset);
    int n = r.count;
    if (recordIds.length < n) {
      recordIds = new int[Math.max(n, recordIds.length * 2)];
      recordFresh = new boolean[recordIds.length];
    }
    int[] id = recordIds;
    boolean[] fresh = recordFresh;
    IntList rootsBefore = this.rootsBefore;
    IntList oldestBefore = this.oldestBefore;
    IntList firstChanged = this.firstChanged;
    IntList createdIds = this.createdIds;
    rootsBefore.clear();
    oldestBefore.clear();
    firstChanged.clear();
    createdIds.clear();
    boolean identityLastChanged = false;
    // One pass per identity: intern it (one probe finds or adds it) and record its evidence.
    for (int i = 0; i < n; i++) {
      int ns = r.namespace[i];
      if (!config.links(ns)) {
        id[i] = -1;
        continue;
      }
      int x = ids.findOrAdd(ns, r.value[i], r.hash[i]);
      fresh[i] = x < 0;
      if (x < 0) {
        x = ~x;
        created(x, ns, ds, timestamp);
        createdIds.add(x);
      } else {
        int root = forest.find(x);
        if (!rootsBefore.contains(root)) {
          rootsBefore.add(root);
          oldestBefore.add(forest.oldest(root));
        }
        int changed = idEvidence.observe(x, ds, timestamp);
        identityLastChanged |= (changed & Evidence.LAST_CHANGED) != 0;
        if ((changed & Evidence.FIRST_CHANGED) != 0) {
          firstChanged.add(x);
        }
      }
      id[i] = x;
    }

    IntList newLinks = this.newLinks;
    IntList eligibilityChanged = this.eligibilityChanged;
    newLinks.clear();
    eligibilityChanged.clear();
    boolean linkLastChanged = false;
    int linking = 0;
    for (int i = 0; i < n; i++) {
      int x = id[i];
      if (x < 0) {
        continue;
      }
      linking++;
      for (int j = i + 1; j < n; j++) {
        int y = id[j];
        if (y < 0) {
          continue;
        }
        // An identity created by this record has only the links this record added so far.
        int l = fresh[i] || fresh[j] ? -1 : links.find(x, y);
        if (l < 0) {
          l = links.add(x, y, ds, timestamp);
          newLinks.add(l);
          hub.hubOnAdd(l, x, eligibilityChanged);
          hub.hubOnAdd(l, y, eligibilityChanged);
        } else {
          int changed = links.evidence.observe(l, ds, timestamp);
          linkLastChanged |= (changed & Evidence.LAST_CHANGED) != 0;
          if ((changed & Evidence.FIRST_CHANGED) != 0) {
            hub.firstSeenEarlier(l, x, eligibilityChanged);
            hub.firstSeenEarlier(l, y, eligibilityChanged);
          }
        }
      }
    }

    IntList removed = removedLinks;
    removed.clear();
    dissolvedMembers.clear();
    dissolvedBefore.clear();
    for (int i = 0; i < newLinks.size(); i++) {
      isNewLink.set(newLinks.get(i));
    }
    // When the hub guard changed which links count, the raw components may have split: the
    // recomputation below then applies the component limit. Otherwise it is applied here: a
    // dissolve
    // walks the links that counted before this record and those it admitted so far.
    boolean rawExact = eligibilityChanged.isEmpty();
    for (int i = 0; i < newLinks.size(); i++) {
      admit(newLinks.get(i), removed, rawExact);
      isNewLink.clear(newLinks.get(i));
    }
    for (int i = 0; i < newLinks.size() && rawExact; i++) {
      int l = newLinks.get(i);
      if (links.eligible(l) && overLimit(links.a(l))) {
        links.setStatus(l, LinkStatus.REFUSED_COMPONENT_LIMIT);
      }
    }
    boolean dissolved = !dissolvedMembers.isEmpty();
    // A graph shaped by the rules is recomputed when its evidence changes: new or newer links
    // change the replay, newer identities change which are evicted.
    boolean slow = !eligibilityChanged.isEmpty();
    boolean linksChanged = !newLinks.isEmpty() || linkLastChanged;
    for (int i = 0; i < rootsBefore.size() && !slow; i++) {
      int info = forest.info(rootsBefore.get(i));
      slow =
          (linksChanged && (info & Forest.DIRTY) != 0)
              || (identityLastChanged && (info & Forest.EVICTING) != 0);
    }
    boolean united = false;
    if (!slow && !newLinks.isEmpty()) {
      slow =
          newLinks.size() == linking * (linking - 1) / 2
              ? !cliqueBreaksNothing(newLinks, rootsBefore, createdIds)
              : !unionsBreakNothing(newLinks);
      for (int i = 0; i < newLinks.size() && !slow; i++) {
        int l = newLinks.get(i);
        if (links.status(l) == LinkStatus.ACCEPTED) {
          int ra = forest.find(links.a(l));
          int rb = forest.find(links.b(l));
          if (ra != rb) {
            state.unite(ra, rb);
            united = true;
          }
        }
      }
    }
    boolean oldestChanged = false;
    GraphChange change;
    if (slow) {
      IntList seeds = new IntList(n + eligibilityChanged.size() * 2);
      // A component over the limit is settled (every identity alone) unless the hub guard changed
      // which links count, which may have split it.
      boolean skipOver = eligibilityChanged.isEmpty();
      for (int i = 0; i < n; i++) {
        if (id[i] >= 0 && !(skipOver && overLimit(id[i]))) {
          seeds.add(id[i]);
        }
      }
      for (int i = 0; i < eligibilityChanged.size(); i++) {
        seeds.add(links.a(eligibilityChanged.get(i)));
        seeds.add(links.b(eligibilityChanged.get(i)));
      }
      change = recomputation.recomputeLinked(seeds, removed, createdIds);
      if (dissolved) {
        change = merged(change);
      }
      for (int i = 0; i < eligibilityChanged.size(); i++) {
        int l = eligibilityChanged.get(i);
        if (!links.eligible(l)
            && hub.statusBefore(l) != LinkStatus.REFUSED_HUB
            && !removed.contains(l)) {
          removed.add(l);
        }
      }
    } else {
      for (int i = 0; i < firstChanged.size(); i++) {
        int x = firstChanged.get(i);
        int root = forest.find(x);
        if (x != forest.oldest(root) && state.older(x, forest.oldest(root))) {
          forest.setOldest(root, x);
          oldestChanged = true;
        }
      }
      if (!createdIds.isEmpty() || united || oldestChanged || dissolved) {
        IntList oldestAfter = this.oldestAfter;
        oldestAfter.clear();
        for (int i = 0; i < n; i++) {
          if (id[i] >= 0) {
            int oldest = forest.oldest(forest.find(id[i]));
            if (!oldestAfter.contains(oldest)) {
              oldestAfter.add(oldest);
            }
          }
        }
        change = new GraphChange(anchors(oldestBefore, r, n), anchors(oldestAfter, r, n));
        if (dissolved) {
          change = merged(change);
        }
      } else {
        change = GraphChange.NONE;
      }
    }
    for (int i = 0; i < newLinks.size(); i++) {
      int l = newLinks.get(i);
      if (links.status(l) != LinkStatus.ACCEPTED && !removed.contains(l)) {
        removed.add(l);
      }
    }
    List<LinkView> removedViews = List.of();
    if (!removed.isEmpty()) {
      LinkView[] views = new LinkView[removed.size()];
      for (int i = 0; i < views.length; i++) {
        views[i] = reads.linkView(removed.get(i));
      }
      removedViews = List.of(views);
    }
    return new LinkResult(r.kept, r.dropped, null, removedViews, change);
  }

  /**
   * The identities of {@code idList}, taking the record's own canonical identity objects for the
   * record's identities (ids in {@link #recordIds}) rather than building new ones.
   */
  private Identity[] anchors(IntList idList, IdentityResolution.Resolved r, int n) {
    if (idList.isEmpty()) {
      return NO_IDENTITIES;
    }
    Identity[] out = new Identity[idList.size()];
    for (int k = 0; k < out.length; k++) {
      int x = idList.get(k);
      Identity found = null;
      for (int i = 0; i < n && i < 64; i++) {
        if (recordIds[i] == x) {
          found = r.canonical[i];
          break;
        }
      }
      out[k] = found != null ? found : state.identity(x);
    }
    return out;
  }

  /**
   * {@link #unionsBreakNothing} for a record all of whose pairs are new links, which unite every
   * graph the record touches into one: breaks nothing if every new link is eligible (else the
   * general check decides), no unique namespace or do-not-link rule is present in two of those
   * graphs, and their sizes add up to at most the graph limit. The same answer as uniting link by
   * link, since conflicts and sizes only grow along the unions.
   */
  private boolean cliqueBreaksNothing(IntList newLinks, IntList rootsBefore, IntList createdIds) {
    for (int i = 0; i < newLinks.size(); i++) {
      if (links.status(newLinks.get(i)) != LinkStatus.ACCEPTED) {
        return unionsBreakNothing(newLinks);
      }
    }
    int seen = 0;
    int size = 0;
    for (int k = 0; k < rootsBefore.size() + createdIds.size(); k++) {
      int root =
          k < rootsBefore.size() ? rootsBefore.get(k) : createdIds.get(k - rootsBefore.size());
      int info = forest.info(root);
      if ((seen & info & (Forest.UNIQUE_MASK | Forest.CONSTRAINED)) != 0) {
        return false;
      }
      seen |= info;
      size += forest.size(root);
    }
    return size <= config.graphLimit();
  }

  /**
   * Whether uniting the graphs along the eligible new links breaks no rule: no two values of a
   * unique namespace, no two identities of do-not-link rules (conservatively), no graph over the
   * limit. Simulated on the roots, so nothing changes when the answer is no.
   */
  private int[] simRoot = new int[16];

  private int[] simParent = new int[16];
  private int[] simInfo = new int[16];
  private int[] simSize = new int[16];

  private boolean unionsBreakNothing(IntList newLinks) {
    int n = newLinks.size() * 2;
    if (simRoot.length < n) {
      int capacity = Math.max(n, simRoot.length * 2);
      simRoot = new int[capacity];
      simParent = new int[capacity];
      simInfo = new int[capacity];
      simSize = new int[capacity];
    }
    // Scratch reused across calls: the owner's write lock is held.
    int[] root = simRoot;
    int[] parent = simParent;
    int[] info = simInfo;
    int[] size = simSize;
    int roots = 0;
    for (int i = 0; i < newLinks.size(); i++) {
      int l = newLinks.get(i);
      if (links.status(l) != LinkStatus.ACCEPTED) {
        continue;
      }
      int a = -1;
      int b = -1;
      for (int e = 0; e < 2; e++) {
        int end = forest.find(e == 0 ? links.a(l) : links.b(l));
        int k = 0;
        while (k < roots && root[k] != end) {
          k++;
        }
        if (k == roots) {
          root[k] = end;
          parent[k] = k;
          info[k] = forest.info(end);
          size[k] = forest.size(end);
          roots++;
        }
        while (parent[k] != k) {
          k = parent[k];
        }
        if (e == 0) {
          a = k;
        } else {
          b = k;
        }
      }
      if (a == b) {
        continue;
      }
      if ((info[a] & info[b] & (Forest.UNIQUE_MASK | Forest.CONSTRAINED)) != 0
          || size[a] + size[b] > config.graphLimit()) {
        return false;
      }
      parent[b] = a;
      info[a] |= info[b];
      size[a] += size[b];
    }
    return true;
  }

  /** Whether identity x's raw component holds more identities than the component limit. */
  private boolean overLimit(int x) {
    return raw.size(raw.find(x)) > config.maxComponentSize();
  }

  /**
   * The component limit (ARCHITECTURE §2, rule 5): a raw component (the identities joined by the
   * links the hub guard lets count) over {@code maxComponentSize} is not solved: each of its
   * identities is a graph of its own and each of its links is refused. A pure function of the
   * component, whatever the order its links came in. A new link that joins components into one over
   * the limit dissolves the sides that were within it (each at most the limit); a side already over
   * it is settled and costs nothing.
   */
  private void admit(int l, IntList removed, boolean rawExact) {
    if (!links.eligible(l)) {
      return;
    }
    int ra = raw.find(links.a(l));
    int rb = raw.find(links.b(l));
    if (ra == rb) {
      return;
    }
    int max = config.maxComponentSize();
    int sa = raw.size(ra);
    int sb = raw.size(rb);
    if (rawExact && sa + sb > max) {
      if (sa <= max) {
        dissolve(links.a(l), removed);
      }
      if (sb <= max) {
        dissolve(links.b(l), removed);
      }
    }
    raw.union(ra, rb);
  }

  /**
   * Makes every identity of seed's raw component (found through the links that counted before this
   * record and those it admitted so far) a graph of its own and refuses the component's links,
   * reporting those whose status changed and remembering the graphs that were there, for the
   * change.
   */
  private void dissolve(int seed, IntList removed) {
    Forest forest = this.forest;
    int from = dissolvedMembers.size();
    dissolvedLinks.clear();
    dissolving.set(seed);
    dissolvedMembers.add(seed);
    for (int q = from; q < dissolvedMembers.size(); q++) {
      int x = dissolvedMembers.get(q);
      int anchor = forest.oldest(forest.find(x));
      if (!dissolvedBefore.contains(anchor)) {
        dissolvedBefore.add(anchor);
      }
      for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
        state.linksWalked++;
        if (!links.eligible(l) || isNewLink.get(l)) {
          continue;
        }
        int y = links.other(l, x);
        if (x < y) {
          dissolvedLinks.add(l);
        }
        if (!dissolving.get(y)) {
          dissolving.set(y);
          dissolvedMembers.add(y);
        }
      }
    }
    for (int q = from; q < dissolvedMembers.size(); q++) {
      int x = dissolvedMembers.get(q);
      dissolving.clear(x);
      int info = state.bits(ids.namespace(x));
      forest.singleton(x, neverLink.constrained(x) ? info | Forest.CONSTRAINED : info);
    }
    for (int i = 0; i < dissolvedLinks.size(); i++) {
      int l = dissolvedLinks.get(i);
      LinkStatus flipped = hub.statusBefore(l);
      LinkStatus before = flipped != null ? flipped : links.status(l);
      links.setStatus(l, LinkStatus.REFUSED_COMPONENT_LIMIT);
      if (before != LinkStatus.REFUSED_COMPONENT_LIMIT && !removed.contains(l)) {
        removed.add(l);
      }
    }
  }

  /** {@code change} with the graphs the component limit dissolved added on both sides. */
  private GraphChange merged(GraphChange change) {
    Set<Identity> before = new LinkedHashSet<>(change.beforeAnchors());
    for (Identity x : state.identities(dissolvedBefore)) {
      before.add(x);
    }
    Set<Identity> after = new LinkedHashSet<>(change.afterAnchors());
    for (Identity x : state.identities(dissolvedMembers)) {
      after.add(x);
    }
    return new GraphChange(before.toArray(Identity[]::new), after.toArray(Identity[]::new));
  }
}
