package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The identity graph's state and its mutations: interned identities with their evidence, links with
 * theirs, the hub guard, and the accepted graph as a union-find forest.
 *
 * <p>The accepted graph is a pure function of the eligible links (those the hub guard lets both
 * endpoints take) and their evidence: a raw component that breaks no rule is accepted whole; one
 * that does is recomputed from its own links by {@link ComponentSolver}. The fast path is a plain
 * union of clean graphs whose union breaks nothing, which is exact; anything else recomputes the
 * raw components it touches. Not thread-safe: {@link IdentityGraph} guards it with a lock, and the
 * methods named {@code *ReadOnly} or documented as reads never modify it.
 */
final class GraphCore {
  final GraphConfig config;
  final IdentityTable ids;
  final Evidence idEvidence;
  final LinkTable links;
  final Forest forest;
  private final RawComponents raw;
  private final ComponentSolver solver = new ComponentSolver();
  final DenyList deny;
  private final Map<String, Integer> datasetIds = new HashMap<>();
  private final List<String> datasetNames = new ArrayList<>();
  private @Nullable String lastDataset;
  private int lastDatasetId;

  /** Do-not-link rules by canonical identity, both directions. */
  final Map<Identity, Set<Identity>> neverLink = new HashMap<>();

  /** Identities that take part in a do-not-link rule. */
  private final Marks constrained = new Marks();

  /** For each hub (an identity with more links than the hub limit), its last eligible link. */
  private final Map<Integer, Integer> hubCutoff = new HashMap<>();

  /** How many links the component limit refused since the graph was built. */
  long cappedLinks;

  /** Profile id key to identity, built on first use by {@link #resolveProfileId}. */
  /**
   * Every identity's own profile id (as if it were its graph's oldest), by the id's first 64 bits:
   * resolves ids merged away. Built by the first reader that needs it (under {@link
   * #profileIdIndexLock}, with the graph's read lock held, so no write runs meanwhile), then kept
   * up to date by writes.
   */
  private volatile @Nullable Map<Long, Integer> profileIdIndex;

  private final Object profileIdIndexLock = new Object();

  private final Marks visited = new Marks();
  private final Marks visitedLinks = new Marks();
  private final Marks createdNow = new Marks();
  private final Marks seen = new Marks();

  /** The status before the current operation of links whose eligibility it changed. */
  private final Map<Integer, LinkStatus> statusBefore = new HashMap<>();

  private final IdentityChecker.Checked checked = new IdentityChecker.Checked();

  GraphCore(GraphConfig config) {
    this.config = config;
    int capacity = 1024;
    ids = new IdentityTable(capacity);
    idEvidence = new Evidence(capacity);
    links = new LinkTable(capacity, capacity);
    forest = new Forest(capacity);
    raw = new RawComponents(capacity);
    deny = new DenyList(config.denyListSalt());
  }

  // ---------------------------------------------------------------------------------------------
  // Identities

  Identity identity(int id) {
    return new Identity(config.namespace(ids.namespace(id)).code(), ids.value(id));
  }

  int compareCanonical(int i, int j) {
    int c = Integer.compare(config.canonRank(ids.namespace(i)), config.canonRank(ids.namespace(j)));
    return c != 0 ? c : ids.value(i).compareTo(ids.value(j));
  }

  /** Whether identity i is older than j: first-seen, then canonical order. */
  private boolean older(int i, int j) {
    long fi = idEvidence.first(i);
    long fj = idEvidence.first(j);
    return fi != fj ? fi < fj : compareCanonical(i, j) < 0;
  }

  /**
   * Resolves an identity for a read: its id, or -1 if it is invalid, erased or unknown. Reads only.
   */
  int lookup(Identity identity) {
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    config.checker().check(identity, c);
    if (c.problem != null) {
      return -1;
    }
    return ids.find(c.namespace, c.value);
  }

  /** Sets up the columns of identity {@code id}, just added to the table, seen now. */
  private void created(int id, int ns, int ds, long timestamp) {
    if (ids.capacity() > forest.capacity()) {
      int capacity = ids.capacity();
      idEvidence.grow(capacity);
      links.ensureIdentityCapacity(capacity);
      forest.ensureCapacity(capacity);
      raw.ensureCapacity(capacity);
    }
    idEvidence.init(id, ds, timestamp);
    int info = bits(ns);
    if (!neverLink.isEmpty() && neverLink.containsKey(identity(id))) {
      constrained.set(id);
      info |= Forest.CONSTRAINED;
    } else {
      constrained.clear(id);
    }
    forest.singleton(id, info);
    raw.singleton(id);
    Map<Long, Integer> index = profileIdIndex;
    if (index != null) {
      index.put(ProfileIds.key(profileId(id)), id);
    }
  }

  private int bits(int ns) {
    int bit = config.uniqueBit(ns);
    return bit >= 0 ? 1 << bit : 0;
  }

  private int datasetId(String dataset) {
    if (dataset == lastDataset) {
      return lastDatasetId;
    }
    Integer id = datasetIds.get(dataset);
    if (id == null) {
      id = datasetNames.size();
      datasetIds.put(dataset, id);
      datasetNames.add(dataset);
    }
    // Dataset ids are never forgotten, so the last one stays valid.
    lastDataset = dataset;
    lastDatasetId = id;
    return id;
  }

  List<String> datasetNames(int[] datasetIdList) {
    List<String> names = new ArrayList<>(datasetIdList.length);
    for (int ds : datasetIdList) {
      names.add(datasetNames.get(ds));
    }
    names.sort(null);
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // Link

  /** The identities of a record, checked: namespace indexes and values, plus what was dropped. */
  static final class Resolved {
    int count;
    int[] namespace;
    String[] value;

    /** The identity table's hash of each kept identity. */
    int[] hash;

    /** The kept identities with canonical codes and normalized values, in the order sent. */
    Identity[] canonical;

    List<Identity> kept = List.of();
    List<DroppedIdentity> dropped = List.of();
    @Nullable RecordProblem rejection;

    Resolved(int capacity) {
      namespace = new int[capacity];
      value = new String[capacity];
      hash = new int[capacity];
      canonical = new Identity[capacity];
    }

    /** Empties the scratch for a record of up to {@code capacity} identities. */
    void reset(int capacity) {
      if (capacity > namespace.length) {
        namespace = new int[capacity];
        value = new String[capacity];
        hash = new int[capacity];
        canonical = new Identity[capacity];
      }
      count = 0;
      kept = List.of();
      dropped = List.of();
      rejection = null;
    }

    void drop(DroppedIdentity identity) {
      if (dropped.isEmpty()) {
        dropped = new ArrayList<>(2);
      }
      dropped.add(identity);
    }
  }

  /** Checks a record's identities into a new {@link Resolved}; reads only. */
  Resolved resolve(List<Identity> identities) {
    Resolved r = new Resolved(identities.size());
    resolveInto(identities, r);
    return r;
  }

  /**
   * Checks a record's identities into {@code r}; reads only (and writes the reusable scratch). When
   * every identity is kept as sent, {@code r.kept} is {@code identities} itself.
   */
  private void resolveInto(List<Identity> identities, Resolved r) {
    int size = identities.size();
    if (size > config.maxIdentitiesPerRecord()) {
      r.reset(0);
      r.rejection = RecordProblem.TOO_MANY_IDENTITIES;
      return;
    }
    r.reset(size);
    // Load every identity's value (the identity, its string, the string's bytes) back to back, so
    // that the cache misses of a record's identities overlap instead of coming one per check.
    long sink = 0;
    for (int k = 0; k < size; k++) {
      sink += identities.get(k).value().length();
    }
    IdentityChecker.Checked c = checked;
    boolean asSent = true;
    outer:
    for (int k = 0; k < size; k++) {
      Identity identity = identities.get(k);
      config.checker().check(identity, c);
      if (c.problem != null) {
        r.drop(new DroppedIdentity(identity, c.problem, c.detail));
        asSent = false;
        continue;
      }
      String code = config.namespace(c.namespace).code();
      if (!deny.isEmpty() && deny.contains(code, c.value)) {
        r.drop(
            new DroppedIdentity(
                identity, IdentityProblem.ERASED, "identity was erased for a privacy request"));
        asSent = false;
        continue;
      }
      for (int j = 0; j < r.count; j++) {
        if (r.namespace[j] == c.namespace && r.value[j].equals(c.value)) {
          asSent = false;
          continue outer;
        }
      }
      Identity canonical = identity;
      if (!code.equals(identity.namespace()) || !c.value.equals(identity.value())) {
        canonical = new Identity(code, c.value);
        asSent = false;
      }
      r.namespace[r.count] = c.namespace;
      r.value[r.count] = c.value;
      r.hash[r.count] = IdentityTable.hash(c.namespace, c.value);
      r.canonical[r.count] = canonical;
      r.count++;
    }
    // Load the identities' index slots back to back, so that their cache misses overlap; interning
    // then probes them one by one.
    for (int i = 0; i < r.count; i++) {
      sink ^= ids.touch(r.hash[i]);
    }
    touched = sink;
    if (asSent) {
      r.kept = identities;
    } else if (r.count > 0) {
      r.kept = Arrays.asList(Arrays.copyOf(r.canonical, r.count));
    }
    if (r.count == 0) {
      r.rejection = RecordProblem.NO_VALID_IDENTITY;
      return;
    }
    if (config.hasUniqueNamespaces) {
      for (int i = 0; i < r.count; i++) {
        if (config.uniqueBit(r.namespace[i]) < 0) {
          continue;
        }
        for (int j = i + 1; j < r.count; j++) {
          if (r.namespace[j] == r.namespace[i]) {
            r.rejection = RecordProblem.CONFLICTING_UNIQUE_IDENTITIES;
            return;
          }
        }
      }
    }
  }

  /** A sink for {@link IdentityTable#touch}, so that the loads are not optimized away. */
  private long touched;

  // Scratch of link(), reused across calls: the write lock is held.
  private boolean[] recordFresh = new boolean[8];
  private final Resolved record = new Resolved(8);
  private int[] recordIds = new int[8];
  private final IntList rootsBefore = new IntList();
  private final IntList oldestBefore = new IntList();
  private final IntList firstChanged = new IntList();
  private final IntList createdIds = new IntList();
  private final IntList newLinks = new IntList();
  private final IntList eligibilityChanged = new IntList();
  private final IntList removedLinks = new IntList();
  private final IntList oldestAfter = new IntList();

  private static final Identity[] NO_IDENTITIES = new Identity[0];

  LinkResult link(String dataset, long timestamp, List<Identity> identities) {
    Resolved r = record;
    resolveInto(identities, r);
    if (r.rejection != null) {
      return new LinkResult(r.kept, r.dropped, r.rejection, List.of(), GraphChange.NONE);
    }
    statusBefore.clear();
    int ds = datasetId(dataset);
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
          hubOnAdd(l, x, eligibilityChanged);
          hubOnAdd(l, y, eligibilityChanged);
        } else {
          int changed = links.evidence.observe(l, ds, timestamp);
          linkLastChanged |= (changed & Evidence.LAST_CHANGED) != 0;
          if ((changed & Evidence.FIRST_CHANGED) != 0) {
            rehub(x, eligibilityChanged);
            rehub(y, eligibilityChanged);
          }
        }
      }
    }

    IntList removed = removedLinks;
    removed.clear();
    for (int i = 0; i < newLinks.size(); i++) {
      admit(newLinks.get(i));
    }
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
        if (links.eligible(l)) {
          int ra = forest.find(links.a(l));
          int rb = forest.find(links.b(l));
          if (ra != rb) {
            unite(ra, rb);
            united = true;
          }
        }
      }
    }
    boolean oldestChanged = false;
    GraphChange change;
    if (slow) {
      IntList seeds = new IntList(n + eligibilityChanged.size() * 2);
      for (int i = 0; i < n; i++) {
        if (id[i] >= 0) {
          seeds.add(id[i]);
        }
      }
      for (int i = 0; i < eligibilityChanged.size(); i++) {
        seeds.add(links.a(eligibilityChanged.get(i)));
        seeds.add(links.b(eligibilityChanged.get(i)));
      }
      for (int i = 0; i < createdIds.size(); i++) {
        createdNow.set(createdIds.get(i));
      }
      change = recompute(seeds, removed, null);
      for (int i = 0; i < createdIds.size(); i++) {
        createdNow.clear(createdIds.get(i));
      }
      for (int i = 0; i < eligibilityChanged.size(); i++) {
        int l = eligibilityChanged.get(i);
        if (!links.eligible(l)
            && statusBefore.get(l) != LinkStatus.REFUSED_HUB
            && !removed.contains(l)) {
          removed.add(l);
        }
      }
    } else {
      for (int i = 0; i < firstChanged.size(); i++) {
        int x = firstChanged.get(i);
        int root = forest.find(x);
        if (x != forest.oldest(root) && older(x, forest.oldest(root))) {
          forest.setOldest(root, x);
          oldestChanged = true;
        }
      }
      if (!createdIds.isEmpty() || united || oldestChanged) {
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
      } else {
        change = GraphChange.NONE;
      }
    }
    for (int i = 0; i < newLinks.size(); i++) {
      int l = newLinks.get(i);
      if (!links.eligible(l) && !removed.contains(l)) {
        removed.add(l);
      }
    }
    List<LinkView> removedViews = List.of();
    if (!removed.isEmpty()) {
      LinkView[] views = new LinkView[removed.size()];
      for (int i = 0; i < views.length; i++) {
        views[i] = linkView(removed.get(i));
      }
      removedViews = List.of(views);
    }
    return new LinkResult(r.kept, r.dropped, null, removedViews, change);
  }

  /**
   * The identities of {@code idList}, taking the record's own canonical identity objects for the
   * record's identities (ids in {@link #recordIds}) rather than building new ones.
   */
  private Identity[] anchors(IntList idList, Resolved r, int n) {
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
      out[k] = found != null ? found : identity(x);
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
      if (!links.eligible(newLinks.get(i))) {
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
    // Scratch reused across calls: the write lock is held.
    int[] root = simRoot;
    int[] parent = simParent;
    int[] info = simInfo;
    int[] size = simSize;
    int roots = 0;
    for (int i = 0; i < newLinks.size(); i++) {
      int l = newLinks.get(i);
      if (!links.eligible(l)) {
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

  /**
   * The component limit: a new eligible link that would join two raw components into one larger
   * than {@code maxComponentSize} is capped (refused for good); otherwise the components unite.
   */
  private void admit(int l) {
    if (!links.eligible(l)) {
      return;
    }
    int ra = raw.find(links.a(l));
    int rb = raw.find(links.b(l));
    if (ra == rb) {
      return;
    }
    if (raw.size(ra) + raw.size(rb) > config.maxComponentSize()) {
      links.cap(l);
      cappedLinks++;
    } else {
      raw.union(ra, rb);
    }
  }

  private Identity[] identities(IntList idList) {
    Identity[] out = new Identity[idList.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = identity(idList.get(i));
    }
    return out;
  }

  private int unite(int ra, int rb) {
    int oa = forest.oldest(ra);
    int ob = forest.oldest(rb);
    int root = forest.union(ra, rb);
    forest.setOldest(root, older(oa, ob) ? oa : ob);
    return root;
  }

  // ---------------------------------------------------------------------------------------------
  // Hub guard

  /**
   * Whether link l ranks after link m among identity x's links: by first-seen, then the other
   * endpoint's canonical order. An identity takes only its first {@code hubLimit} links.
   */
  private int compareAt(int x, int l, int m) {
    int c = Long.compare(links.evidence.first(l), links.evidence.first(m));
    return c != 0 ? c : compareCanonical(links.other(l, x), links.other(m, x));
  }

  private void hubOnAdd(int l, int x, IntList changed) {
    int degree = links.degree(x);
    if (degree <= config.hubLimit()) {
      return;
    }
    Integer cutoff = hubCutoff.get(x);
    if (cutoff != null && compareAt(x, l, cutoff) > 0) {
      links.setEligibleAt(l, x, false);
      return;
    }
    reevaluateHub(x, changed, l);
  }

  /** Re-ranks x's links after a change other than a plain addition. */
  private void rehub(int x, IntList changed) {
    if (links.degree(x) > config.hubLimit()) {
      reevaluateHub(x, changed, -1);
    } else if (hubCutoff.remove(x) != null) {
      for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
        setEligibleAt(l, x, true, changed, -1);
      }
    }
  }

  private void reevaluateHub(int x, IntList changed, int added) {
    Integer[] all = new Integer[links.degree(x)];
    int k = 0;
    for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
      all[k++] = l;
    }
    Arrays.sort(all, (l, m) -> compareAt(x, l, m));
    int limit = config.hubLimit();
    for (int i = 0; i < all.length; i++) {
      setEligibleAt(all[i], x, i < limit, changed, added);
    }
    hubCutoff.put(x, all[limit - 1]);
  }

  /**
   * Sets whether x takes link l, remembering the link's status before this operation and adding it
   * to {@code changed} when its eligibility flips (unless it is the link being added).
   */
  private void setEligibleAt(int l, int x, boolean eligible, IntList changed, int added) {
    LinkStatus prior = links.status(l);
    boolean before = links.eligible(l);
    links.setEligibleAt(l, x, eligible);
    if (l != added && before != links.eligible(l)) {
      statusBefore.putIfAbsent(l, prior);
      changed.add(l);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Recompute

  /**
   * Recomputes the raw components that hold the seeds: each is rebuilt from its own eligible links
   * by the solver. Reports links whose status became removed into {@code removed} and returns the
   * change, whose before side leaves out identities created by this operation.
   */
  private GraphChange recompute(IntList seeds, IntList removed, Identity @Nullable [] before) {
    List<int[]> componentMembers = new ArrayList<>();
    List<int[]> componentLinks = new ArrayList<>();
    IntList oldestBefore = new IntList();
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
          int oldest = forest.oldest(forest.find(m));
          if (!seen.get(oldest)) {
            seen.set(oldest);
            oldestBefore.add(oldest);
          }
        }
      }
    }
    for (int i = 0; i < oldestBefore.size(); i++) {
      seen.clear(oldestBefore.get(i));
    }
    for (int[] members : componentMembers) {
      for (int m : members) {
        forest.singleton(m, bits(ids.namespace(m)) | (constrained.get(m) ? Forest.CONSTRAINED : 0));
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
      solve(members, compLinkIds, removed);
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
    return new GraphChange(
        before != null ? before : identities(oldestBefore), identities(oldestAfter));
  }

  private void solve(int[] members, int[] compLinks, IntList removed) {
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
              idEvidence.last(m)));
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
      if (!constrained.get(m)) {
        continue;
      }
      for (Identity partner : neverLink.getOrDefault(identity(m), Set.of())) {
        int p = ids.find(config.namespaceIndex(partner.namespace()), partner.value());
        Integer lp = p < 0 ? null : local.get(p);
        int lm = local.get(m);
        if (lp != null && lm < lp) {
          s.addPair(lm, lp);
        }
      }
    }
    s.canonicalOrder = (i, j) -> compareCanonical(members[i], members[j]);
    s.solve(config.graphLimit());
    for (int i = 0; i < compLinks.length; i++) {
      int l = compLinks[i];
      LinkStatus before = statusBefore.getOrDefault(l, links.status(l));
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
        unite(ra, rb);
      }
    }
    if (s.dirty) {
      int flags = Forest.DIRTY | (s.evicting ? Forest.EVICTING : 0);
      for (int m : members) {
        forest.setFlags(forest.find(m), flags);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Changes

  /** Removes every link between a and b; returns the change, or null if there was no link. */
  @Nullable GraphChange unlink(int a, int b) {
    statusBefore.clear();
    int l = links.find(a, b);
    if (l < 0) {
      return null;
    }
    IntList seeds = new IntList();
    seeds.add(a);
    seeds.add(b);
    links.remove(l);
    IntList changed = new IntList();
    rehub(a, changed);
    rehub(b, changed);
    addEndpoints(changed, seeds);
    return recompute(seeds, new IntList(), null);
  }

  private void addEndpoints(IntList changedLinks, IntList seeds) {
    for (int i = 0; i < changedLinks.size(); i++) {
      seeds.add(links.a(changedLinks.get(i)));
      seeds.add(links.b(changedLinks.get(i)));
    }
  }

  /** Deletes identity x and its links; returns what that did to its graph. */
  IdentityDeletion delete(int x) {
    statusBefore.clear();
    int root = forest.find(x);
    boolean alone = forest.size(root) == 1;
    Identity[] before = {identity(forest.oldest(root))};
    IntList seeds = new IntList();
    removeIdentity(x, seeds);
    GraphChange change = recompute(seeds, new IntList(), before);
    return new IdentityDeletion(alone ? DeleteOutcome.FULL_REMOVAL : DeleteOutcome.PARTIAL, change);
  }

  /**
   * Removes identity x, its links and its evidence, adding the identities whose graphs must be
   * recomputed to {@code seeds}. The forest is left for the caller's recompute to repair.
   */
  private void removeIdentity(int x, IntList seeds) {
    int first = seeds.size();
    for (int l = links.head(x); l >= 0; l = links.head(x)) {
      seeds.add(links.other(l, x));
      links.remove(l);
    }
    IntList changed = new IntList();
    for (int i = first, n = seeds.size(); i < n; i++) {
      rehub(seeds.get(i), changed);
    }
    addEndpoints(changed, seeds);
    hubCutoff.remove(x);
    Map<Long, Integer> index = profileIdIndex;
    if (index != null) {
      index.remove(ProfileIds.key(profileId(x)));
    }
    constrained.clear(x);
    idEvidence.clear(x);
    ids.remove(x);
  }

  /** Removes what one dataset asserted; returns the counts of links and identities removed. */
  int[] deleteDataset(String dataset) {
    Integer dsBoxed = datasetIds.get(dataset);
    if (dsBoxed == null) {
      return new int[2];
    }
    int ds = dsBoxed;
    statusBefore.clear();
    IntList seeds = new IntList();
    int linksRemoved = 0;
    for (int l = 0; l < links.highWater(); l++) {
      if (!links.live(l) || !links.evidence.has(l, ds)) {
        continue;
      }
      int a = links.a(l);
      int b = links.b(l);
      seeds.add(a);
      seeds.add(b);
      if (links.evidence.removeDataset(l, ds)) {
        links.remove(l);
        linksRemoved++;
      }
    }
    int identitiesRemoved = 0;
    for (int x = 0; x < ids.highWater(); x++) {
      if (!ids.live(x) || !idEvidence.has(x, ds)) {
        continue;
      }
      if (idEvidence.removeDataset(x, ds)) {
        // No link is left: a link is only ever asserted together with both its identities.
        removeIdentity(x, seeds);
        identitiesRemoved++;
      } else {
        seeds.add(x);
      }
    }
    IntList changed = new IntList();
    for (int i = 0, n = seeds.size(); i < n; i++) {
      if (ids.live(seeds.get(i))) {
        rehub(seeds.get(i), changed);
      }
    }
    addEndpoints(changed, seeds);
    recompute(seeds, new IntList(), new Identity[0]);
    return new int[] {linksRemoved, identitiesRemoved};
  }

  /** Adds a do-not-link rule between two checked identities and applies it. */
  GraphChange neverLink(Identity a, Identity b) {
    statusBefore.clear();
    neverLink.computeIfAbsent(a, k -> new HashSet<>()).add(b);
    neverLink.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    IntList seeds = new IntList();
    for (Identity identity : List.of(a, b)) {
      int x = ids.find(config.namespaceIndex(identity.namespace()), identity.value());
      if (x >= 0) {
        constrained.set(x);
        forest.setFlags(forest.find(x), Forest.CONSTRAINED);
        seeds.add(x);
      }
    }
    if (seeds.size() < 2) {
      return GraphChange.NONE;
    }
    return recompute(seeds, new IntList(), null);
  }

  /** Removes the do-not-link rules that name {@code identity}, so its value is not retained. */
  void forgetNeverLink(Identity identity) {
    Set<Identity> partners = neverLink.remove(identity);
    if (partners != null) {
      for (Identity partner : partners) {
        Set<Identity> back = neverLink.get(partner);
        if (back != null) {
          back.remove(identity);
          if (back.isEmpty()) {
            neverLink.remove(partner);
            int p = ids.find(config.namespaceIndex(partner.namespace()), partner.value());
            if (p >= 0) {
              constrained.clear(p);
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  String profileId(int x) {
    return ProfileIds.of(config.namespace(ids.namespace(x)).code(), ids.value(x));
  }

  /** The profile id of x's graph. Reads only. */
  String profileIdOfGraph(int x) {
    return profileId(forest.oldest(forest.findReadOnly(x)));
  }

  /**
   * Resolves a profile id, current or merged away, to the identity whose graph now holds it; -1 if
   * no live identity has that id. Builds the id index on first use, under the read lock.
   */
  int resolveProfileId(String profileId) {
    Map<Long, Integer> index = profileIdIndex;
    if (index == null) {
      synchronized (profileIdIndexLock) {
        index = profileIdIndex;
        if (index == null) {
          index = new HashMap<>();
          for (int x = 0; x < ids.highWater(); x++) {
            if (ids.live(x)) {
              index.put(ProfileIds.key(profileId(x)), x);
            }
          }
          profileIdIndex = index;
        }
      }
    }
    Integer x = index.get(ProfileIds.key(profileId));
    return x != null && ids.live(x) && profileId(x).equals(profileId) ? x : -1;
  }

  boolean profileIdIndexBuilt() {
    return profileIdIndex != null;
  }

  /** The members of x's graph, x first. Reads only. */
  IntList members(int x) {
    IntList out = new IntList(forest.size(forest.findReadOnly(x)));
    int m = x;
    do {
      out.add(m);
      m = forest.next(m);
    } while (m != x);
    return out;
  }

  LinkView linkView(int l) {
    int a = links.a(l);
    int b = links.b(l);
    if (compareCanonical(a, b) > 0) {
      int t = a;
      a = b;
      b = t;
    }
    return new LinkView(
        identity(a),
        identity(b),
        links.evidence.first(l),
        links.evidence.last(l),
        datasetNames(links.evidence.datasets(l)),
        links.status(l));
  }

  IdentityView identityView(int x) {
    return new IdentityView(
        identity(x),
        config.namespace(ids.namespace(x)).type(),
        idEvidence.first(x),
        idEvidence.last(x),
        datasetNames(idEvidence.datasets(x)));
  }
}
