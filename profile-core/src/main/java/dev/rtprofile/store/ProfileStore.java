package dev.rtprofile.store;

import dev.rtprofile.graph.DatasetDeletion;
import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.GraphChange;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.LinkResult;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profile store: ingests records and events from many datasets, links their identities into an
 * identity graph, and answers lookups from any identity with the unified profile under a merge
 * policy, its events and the evidence behind both.
 *
 * <p><b>Thread safety.</b> Thread-safe: any number of threads may ingest and look up at once. Each
 * operation is atomic: a lookup sees every ingest that returned before it started and none that
 * started after it returned, never half of one. Writes are serialized; reads run concurrently with
 * each other and wait for a write in progress. Merged profiles are cached per policy and
 * invalidated exactly when a contributing fragment, event or graph changes. The change feed is
 * delivered after each change is visible.
 *
 * <p>Data problems never throw: {@link #ingest(Record)} returns a result per record. Programming
 * errors (null arguments, an unknown policy id) throw with a message naming the argument.
 */
public final class ProfileStore {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

  private final MutableIdentityGraph graph;
  private final Clock clock;
  private final Map<String, MergePolicy> policies;
  private final MergePolicy defaultPolicy;
  private final Map<String, UpdateMode> modes;
  private final Map<String, Duration> retention;
  private final boolean priorityConfigured;
  private final List<String> priority;
  private final int maxRecordSize;
  private final int maxEventSize;
  private final int cacheSize;
  private final boolean scanTablesEnabled;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * Odd while a write runs, bumped before and after it (read-modify-writes: full fences). A cache
   * hit reads it before and after, and is taken without the lock when no write ran in between: the
   * graph and the cache are each safe to read alone, and the unchanged count shows that the two
   * readings belong to one state.
   */
  private final AtomicLong writes = new AtomicLong();

  private final PathTable paths = new PathTable();
  private final Map<Identity, List<Fragment>> fragments = new HashMap<>();
  private final EventLog events = new EventLog();
  private final ConcurrentHashMap<CacheKey, Profile> cache = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<ProfileListener> listeners = new CopyOnWriteArrayList<>();
  private final SearchIndexes indexes;

  /** Per whole-graph policy id, the scan table searches read; created by the first scan. */
  private final ConcurrentHashMap<String, ScanTable> scanTables = new ConcurrentHashMap<>();

  private long fragmentCount;

  /**
   * A cached profile: of a whole graph, named by its anchor (oldest identity, which the profile id
   * derives from), or of one identity under NONE stitching.
   */
  private record CacheKey(String policyId, Identity identity, boolean graph) {
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof CacheKey other
          && graph == other.graph
          && identity.equals(other.identity)
          && policyId.equals(other.policyId);
    }

    @Override
    public int hashCode() {
      return (31 * policyId.hashCode() + identity.hashCode()) * 31 + Boolean.hashCode(graph);
    }
  }

  private ProfileStore(Builder b, MutableIdentityGraph graph, Map<String, MergePolicy> policies) {
    this.graph = graph;
    this.clock = b.clock;
    this.policies = Map.copyOf(policies);
    this.defaultPolicy = b.defaultPolicy;
    this.modes = Map.copyOf(b.modes);
    this.retention = Map.copyOf(b.retention);
    this.priority = b.linkingRules.priority();
    this.priorityConfigured = !priority.isEmpty();
    this.maxRecordSize = b.maxRecordSize;
    this.maxEventSize = b.maxEventSize;
    this.cacheSize = b.profileCacheSize;
    this.scanTablesEnabled = b.scanTables;
    Map<String, List<String>> indexPaths = new LinkedHashMap<>();
    for (String[] index : b.indexes) {
      String policy = index[0] == null ? defaultPolicy.id() : index[0];
      indexPaths.computeIfAbsent(policy, k -> new ArrayList<>()).add(index[1]);
    }
    this.indexes = new SearchIndexes(indexPaths);
  }

  /** Returns a builder with the standard namespaces and a timestamp-ordered default policy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The identity graph behind the store, for graph queries; it must not be written to. */
  public IdentityGraph identityGraph() {
    return graph;
  }

  /**
   * Runs a write under the write lock, then publishes the changes it collected, after the lock is
   * released so that listeners see the new state and may read the store.
   */
  private <T> T write(Function<List<ProfileChange>, T> action) {
    List<ProfileChange> changes = new ArrayList<>();
    T result;
    lock.writeLock().lock();
    writes.incrementAndGet();
    try {
      result = action.apply(changes);
    } finally {
      writes.incrementAndGet();
      lock.writeLock().unlock();
    }
    publish(changes);
    return result;
  }

  // ---------------------------------------------------------------------------------------------
  // Ingest

  /**
   * Ingests one record: links its identities, then updates the fragment of (dataset, primary
   * identity) by the dataset's update mode. Never throws for data problems.
   */
  public IngestResult ingest(Record record) {
    Objects.requireNonNull(record, "record");
    return write(changes -> ingestRecord(record, changes));
  }

  /**
   * Ingests one event: deduplicated by (dataset, id), stored under its primary identity (for events
   * the namespace priority wins over the primary mark), and its identities linked.
   */
  public IngestResult ingest(Event event) {
    Objects.requireNonNull(event, "event");
    return write(changes -> ingestEvent(event, changes));
  }

  private IngestResult ingestRecord(Record record, List<ProfileChange> changes) {
    long size = record.leaves().jsonSizeOver(maxRecordSize);
    if (size >= 0) {
      return IngestResult.rejected(
          IngestProblem.TOO_LARGE,
          "record is about " + size + " bytes, over maxRecordSize " + maxRecordSize,
          List.of());
    }
    long ingested = record.timestamp().orElse(clock.millis());
    long timestamp = record.customTimestamp().orElse(ingested);
    Identity primary = primaryOf(record.identities(), false);
    List<Identity> identities = identitiesOf(record.identities());
    if (primary == null) {
      return IngestResult.rejected(
          IngestProblem.NO_PRIMARY_IDENTITY,
          "no valid identity is marked primary, the only one, or ranked by namespace priority",
          dropped(identities));
    }
    boolean existed = !listeners.isEmpty() && graph.contains(primary);
    LinkResult link = graph.link(record.dataset(), timestamp, identities);
    if (link.rejected()) {
      return IngestResult.rejected(
          problemOf(link), "identities rejected: " + link.rejection(), link.dropped());
    }
    Fragment current = fragmentOf(record.dataset(), primary);
    Fragment next = updated(record, primary, timestamp, current);
    // Only the change feed reads the changed paths.
    Set<String> changed =
        next == current || listeners.isEmpty() ? Set.of() : changedPaths(current, next);
    if (next != current) {
      putFragment(primary, current, next);
    }
    invalidate(link.change(), primary);
    reindex(link.change(), next != current ? primary : null);
    if (next != current) {
      announce(changes, link.change(), primary, existed, changed);
      return accepted(primary, link.dropped());
    }
    announce(changes, link.change(), null, true, Set.of());
    return new IngestResult(
        IngestStatus.IGNORED,
        List.of(IngestProblem.STALE),
        "an equal or newer record of this dataset is stored for this identity",
        primary,
        link.dropped());
  }

  private IngestResult ingestEvent(Event event, List<ProfileChange> changes) {
    long size = event.leafMap().jsonSizeOver(maxEventSize);
    if (size >= 0) {
      return IngestResult.rejected(
          IngestProblem.TOO_LARGE,
          "event is about " + size + " bytes, over maxEventSize " + maxEventSize,
          List.of());
    }
    Identity primary = primaryOf(event.identities(), true);
    List<Identity> identities = identitiesOf(event.identities());
    if (primary == null) {
      return IngestResult.rejected(
          IngestProblem.NO_PRIMARY_IDENTITY,
          "no valid identity is marked primary, the only one, or ranked by namespace priority",
          dropped(identities));
    }
    boolean existed = !listeners.isEmpty() && graph.contains(primary);
    LinkResult link = graph.link(event.dataset(), event.timestamp(), identities);
    if (link.rejected()) {
      return IngestResult.rejected(
          problemOf(link), "identities rejected: " + link.rejection(), link.dropped());
    }
    invalidate(link.change(), primary);
    reindex(link.change(), null);
    Event stored = event;
    for (DroppedIdentity d : link.dropped()) {
      if (d.problem() == IdentityProblem.ERASED) {
        // An erased identity is not kept, not even in the event's own identity list.
        stored = stored.without(sent -> sent.equals(d.identity()));
      }
    }
    if (!events.add(primary, stored)) {
      announce(changes, link.change(), null, true, Set.of());
      return new IngestResult(
          IngestStatus.IGNORED,
          List.of(IngestProblem.DUPLICATE_EVENT),
          "an event with this dataset and id was ingested before",
          primary,
          link.dropped());
    }
    announce(changes, link.change(), primary, existed, Set.of());
    return accepted(primary, link.dropped());
  }

  /** The fragment after applying {@code record} by its dataset's update mode. */
  private Fragment updated(
      Record record, Identity primary, long timestamp, @Nullable Fragment current) {
    UpdateMode mode = modes.getOrDefault(record.dataset(), UpdateMode.REPLACE);
    Fragment incoming =
        Fragment.of(
            record.dataset(),
            primary,
            timestamp,
            record.leaves(),
            mode == UpdateMode.UPSERT ? record.removals() : Set.of(),
            paths);
    if (current == null) {
      return incoming;
    }
    if (mode == UpdateMode.UPSERT) {
      return current.upsert(incoming);
    }
    if (incoming.timestamp != current.timestamp) {
      return incoming.timestamp > current.timestamp ? incoming : current;
    }
    return incoming.compareContent(current, paths) > 0 ? incoming : current;
  }

  /**
   * Tells what ingesting a record would do (what it would link, which rules would fire, which
   * attributes of its fragment would change) without changing anything.
   */
  public RecordDryRun dryRun(Record record) {
    Objects.requireNonNull(record, "record");
    lock.writeLock().lock();
    try {
      long timestamp = record.customTimestamp().orElse(record.timestamp().orElse(clock.millis()));
      List<Identity> identities = identitiesOf(record.identities());
      var graphRun = graph.dryRun(record.dataset(), timestamp, identities);
      Identity primary = primaryOf(record.identities(), false);
      if (graphRun.rejection() != null || primary == null) {
        return new RecordDryRun(IngestStatus.REJECTED, graphRun, Set.of());
      }
      Fragment current = fragmentOf(record.dataset(), primary);
      // Paths interned by a dry run stay interned; the table only maps names to ids.
      Fragment next = updated(record, primary, timestamp, current);
      if (next == current) {
        return new RecordDryRun(IngestStatus.IGNORED, graphRun, Set.of());
      }
      IngestStatus status =
          graphRun.dropped().isEmpty() ? IngestStatus.ACCEPTED : IngestStatus.TRIMMED;
      return new RecordDryRun(status, graphRun, changedPaths(current, next));
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static IngestResult accepted(Identity primary, List<DroppedIdentity> dropped) {
    if (dropped.isEmpty()) {
      return new IngestResult(IngestStatus.ACCEPTED, List.of(), "", primary, dropped);
    }
    List<IngestProblem> problems = new ArrayList<>();
    for (DroppedIdentity d : dropped) {
      IngestProblem p = IngestResult.of(d);
      if (!problems.contains(p)) {
        problems.add(p);
      }
    }
    return new IngestResult(
        IngestStatus.TRIMMED,
        problems,
        dropped.size() + (dropped.size() == 1 ? " identity" : " identities") + " dropped",
        primary,
        dropped);
  }

  private static IngestProblem problemOf(LinkResult link) {
    return switch (Objects.requireNonNull(link.rejection())) {
      case TOO_MANY_IDENTITIES -> IngestProblem.TOO_MANY_IDENTITIES;
      case CONFLICTING_UNIQUE_IDENTITIES -> IngestProblem.CONFLICTING_UNIQUE_IDENTITIES;
      case NO_VALID_IDENTITY -> IngestProblem.NO_PRIMARY_IDENTITY;
    };
  }

  private List<DroppedIdentity> dropped(List<Identity> identities) {
    List<DroppedIdentity> out = new ArrayList<>();
    for (Identity identity : identities) {
      graph.problem(identity).ifPresent(out::add);
    }
    return out;
  }

  private static List<Identity> identitiesOf(List<IdentityRef> refs) {
    List<Identity> out = new ArrayList<>(refs.size());
    for (IdentityRef ref : refs) {
      out.add(ref.identity());
    }
    return out;
  }

  /**
   * The primary identity (canonical) by DESIGN §1: the explicit primary; else the only identity;
   * else, with a namespace priority configured, the identity of the highest-priority namespace (for
   * events the priority wins over the mark). Identities that never link cannot be primary.
   */
  private @Nullable Identity primaryOf(List<IdentityRef> refs, boolean event) {
    if (!event || !priorityConfigured) {
      // The mark decides when the priority does not: only the marked identity needs checking.
      for (IdentityRef ref : refs) {
        if (ref.primary()) {
          Optional<Identity> canonical = graph.canonical(ref.identity());
          if (canonical.isPresent() && linkable(canonical.get())) {
            return canonical.get();
          }
          break;
        }
      }
    }
    Identity marked = null;
    Identity only = null;
    int valid = 0;
    Identity best = null;
    int bestRank = Integer.MAX_VALUE;
    for (IdentityRef ref : refs) {
      Optional<Identity> canonical = graph.canonical(ref.identity());
      if (canonical.isEmpty() || !linkable(canonical.get())) {
        continue;
      }
      Identity c = canonical.get();
      valid++;
      only = c;
      if (ref.primary() && marked == null) {
        marked = c;
      }
      int rank = rank(c.namespace());
      if (rank < bestRank) {
        bestRank = rank;
        best = c;
      }
    }
    if (event && priorityConfigured && best != null && bestRank < Integer.MAX_VALUE - 1) {
      return best;
    }
    if (marked != null) {
      return marked;
    }
    if (valid == 1) {
      return only;
    }
    return priorityConfigured && bestRank < Integer.MAX_VALUE - 1 ? best : null;
  }

  private boolean linkable(Identity canonical) {
    return graph.namespace(canonical.namespace()).map(n -> n.type().links()).orElse(false);
  }

  private int rank(String namespace) {
    for (int i = 0; i < priority.size(); i++) {
      if (priority.get(i).equalsIgnoreCase(namespace)) {
        return i;
      }
    }
    return Integer.MAX_VALUE - 1;
  }

  private @Nullable Fragment fragmentOf(String dataset, Identity primary) {
    List<Fragment> list = fragments.get(primary);
    if (list != null) {
      for (Fragment f : list) {
        if (f.dataset.equals(dataset)) {
          return f;
        }
      }
    }
    return null;
  }

  private void putFragment(Identity primary, @Nullable Fragment current, Fragment next) {
    List<Fragment> list = new ArrayList<>(fragments.getOrDefault(primary, List.of()));
    if (current != null) {
      list.remove(current);
    } else {
      fragmentCount++;
    }
    list.add(next);
    fragments.put(primary, List.copyOf(list));
  }

  private Set<String> changedPaths(@Nullable Fragment before, Fragment after) {
    Set<String> out = new TreeSet<>();
    Map<Integer, Object> old = new HashMap<>();
    if (before != null) {
      for (int i = 0; i < before.paths.length; i++) {
        if (before.isLive(i)) {
          old.put(before.paths[i], before.values[i]);
        }
      }
    }
    for (int i = 0; i < after.paths.length; i++) {
      Object was = old.remove(after.paths[i]);
      if (after.isLive(i) && !after.values[i].equals(was)) {
        out.add(paths.name(after.paths[i]));
      } else if (!after.isLive(i) && was != null) {
        out.add(paths.name(after.paths[i]));
      }
    }
    for (int path : old.keySet()) {
      out.add(paths.name(path));
    }
    return out;
  }

  private void invalidate(GraphChange change, Identity identity) {
    if (cache.isEmpty() && scanTables.isEmpty()) {
      return;
    }
    Set<Identity> anchors = new HashSet<>();
    if (change.changed()) {
      anchors.addAll(change.beforeAnchors());
      anchors.addAll(change.afterAnchors());
    }
    graph.anchor(identity).ifPresent(anchors::add);
    for (ScanTable table : scanTables.values()) {
      table.touched(anchors);
    }
    if (cache.isEmpty()) {
      return;
    }
    for (String policy : policies.keySet()) {
      for (Identity anchor : anchors) {
        cache.remove(new CacheKey(policy, anchor, true));
      }
      cache.remove(new CacheKey(policy, identity, false));
    }
  }

  /** Drops every cached profile and scan table: after writes that may change any graph. */
  private void forgetMerged() {
    cache.clear();
    scanTables.values().forEach(ScanTable::clear);
  }

  boolean scanTablesEnabled() {
    return scanTablesEnabled;
  }

  /** The scan table of a whole-graph policy; call under the read lock. */
  ScanTable scanTable(MergePolicy policy) {
    return scanTables.computeIfAbsent(policy.id(), id -> new ScanTable(this, policy));
  }

  /**
   * Keeps the search indexes exact after a write: drops the profile ids the change retired and
   * re-merges and re-indexes the profiles holding the anchors.
   */
  private void reindex(Collection<String> gone, Collection<Identity> anchors) {
    if (indexes.isEmpty()) {
      return;
    }
    for (String id : gone) {
      indexes.remove(id);
    }
    Set<String> done = new TreeSet<>();
    for (Identity anchor : anchors) {
      Optional<Membership> m = graph.membership(anchor);
      if (m.isEmpty() || !done.add(m.get().profileId())) {
        continue;
      }
      for (String policyId : indexes.policies()) {
        indexes.put(policyId, profileOf(m.get(), policies.get(policyId)), m.get().anchor());
      }
    }
  }

  private void reindex(GraphChange change, @Nullable Identity touched) {
    if (indexes.isEmpty()) {
      return;
    }
    Set<String> gone = new TreeSet<>();
    List<Identity> anchors = new ArrayList<>();
    if (change.changed()) {
      gone.addAll(change.before());
      change.after().forEach(gone::remove);
      anchors.addAll(change.afterAnchors());
    }
    if (touched != null) {
      anchors.add(touched);
    }
    reindex(gone, anchors);
  }

  SearchIndexes indexes() {
    return indexes;
  }

  /**
   * Collects the change-feed notices of an ingest: the graph's merge or split, then CREATED or
   * UPDATED for the profile whose data changed ({@code updated} null when no data changed). Nothing
   * is computed while no one listens: profile ids cost a hash each.
   */
  private void announce(
      List<ProfileChange> changes,
      GraphChange graphChange,
      @Nullable Identity updated,
      boolean existed,
      Set<String> changedPaths) {
    if (listeners.isEmpty()) {
      return;
    }
    describeGraphChange(graphChange, changes);
    if (updated == null) {
      return;
    }
    String profileId = graph.profileId(updated).orElse("");
    boolean created = !existed && graphChange.before().isEmpty();
    changes.add(
        new ProfileChange(
            created ? ProfileChange.Kind.CREATED : ProfileChange.Kind.UPDATED,
            created ? List.of() : List.of(profileId),
            List.of(profileId),
            changedPaths));
  }

  private static void describeGraphChange(GraphChange change, List<ProfileChange> changes) {
    if (!change.changed()) {
      return;
    }
    List<String> before = change.before();
    List<String> after = change.after();
    if (before.size() > 1 && after.size() < before.size()) {
      changes.add(new ProfileChange(ProfileChange.Kind.MERGED, before, after, Set.of()));
    } else if (before.size() >= 1 && after.size() > before.size()) {
      changes.add(new ProfileChange(ProfileChange.Kind.SPLIT, before, after, Set.of()));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lookup

  /** Starts a lookup of the profile holding {@code identity}. */
  public ProfileQuery lookup(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return new ProfileQuery(this, List.of(identity));
  }

  /** Starts a batch lookup; {@link ProfileQuery#fetchAll()} answers per identity. */
  public ProfileQuery lookupAll(Collection<Identity> identities) {
    Objects.requireNonNull(identities, "identities");
    List<Identity> list = new ArrayList<>(identities.size());
    for (Identity identity : identities) {
      list.add(Objects.requireNonNull(identity, "identity"));
    }
    return new ProfileQuery(this, list);
  }

  MergePolicy policy(@Nullable String id) {
    if (id == null) {
      return defaultPolicy;
    }
    MergePolicy policy = policies.get(id);
    if (policy == null) {
      throw new IllegalArgumentException(
          "policy must be the id of a policy registered with mergePolicy(...), one of "
              + new TreeSet<>(policies.keySet())
              + ", but was "
              + id);
    }
    return policy;
  }

  /** The merge policies by id, the default among them. */
  public Map<String, MergePolicy> mergePolicies() {
    return policies;
  }

  /** The default merge policy. */
  public MergePolicy defaultMergePolicy() {
    return defaultPolicy;
  }

  Optional<Profile> fetch(Identity identity, MergePolicy policy) {
    if (policy.stitching() == IdentityStitching.NONE) {
      lock.readLock().lock();
      try {
        return graph.canonical(identity).flatMap(c -> profileOfIdentity(c, policy));
      } finally {
        lock.readLock().unlock();
      }
    }
    // Optimistic first: the graph names the graph by its anchor, then the cache answers. With no
    // write before or during it, a hit (or an unknown identity) needs no lock, so concurrent
    // lookups write no shared lock state; the anchor found serves the locked path too.
    long before = writes.get();
    Optional<Identity> anchor = null;
    if ((before & 1) == 0) {
      anchor = graph.anchor(identity);
      Profile cached =
          anchor.isEmpty() ? null : cache.get(new CacheKey(policy.id(), anchor.get(), true));
      VarHandle.acquireFence();
      if (writes.get() == before) {
        if (anchor.isEmpty() || cached != null) {
          return Optional.ofNullable(cached);
        }
      } else {
        anchor = null;
      }
    }
    lock.readLock().lock();
    try {
      // Under the read lock no write runs: the anchor stands if none ran since it was found.
      if (anchor == null || writes.get() != before) {
        anchor = graph.anchor(identity);
        if (anchor.isEmpty()) {
          return Optional.empty();
        }
        Profile cached = cache.get(new CacheKey(policy.id(), anchor.get(), true));
        if (cached != null) {
          return Optional.of(cached);
        }
      }
      return graph.membership(anchor.get()).map(m -> profileOf(m, policy));
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The profile of one identity under NONE stitching; empty if nothing contributes. */
  Optional<Profile> profileOfIdentity(Identity canonical, MergePolicy policy) {
    List<Fragment> own = fragments.getOrDefault(canonical, List.of());
    if (Merger.order(own, policy).isEmpty() && !events.has(canonical)) {
      return Optional.empty();
    }
    CacheKey key = new CacheKey(policy.id(), canonical, false);
    String profileId = graph.profileId(canonical).orElse("");
    Profile cached = cache.get(key);
    // The identity's own fragments invalidate this entry; its graph's id may change apart.
    if (cached != null && cached.profileId().equals(profileId)) {
      return Optional.of(cached);
    }
    return Optional.of(remember(key, build(profileId, List.of(canonical), own, policy)));
  }

  /** The cached profile of a graph, or null; for scans that merge only what they must. */
  @Nullable Profile cachedProfile(Identity anchor, MergePolicy policy) {
    return cache.get(new CacheKey(policy.id(), anchor, true));
  }

  /**
   * The merged value of a graph's profile at one leaf path, the value a lookup returns: from the
   * cached profile if there is one; merged at that path alone ({@link Merger#valueAt}) when the
   * policy decides the path plainly; else from the whole merged profile. Null if none.
   */
  @Nullable Object mergedValue(Membership m, MergePolicy policy, String path) {
    Profile cached = cachedProfile(m.anchor(), policy);
    if (cached != null || !Merger.isPlain(policy, path)) {
      return (cached != null ? cached : profileOf(m, policy)).get(path).orElse(null);
    }
    int id = paths.find(path);
    return id < 0 ? null : Merger.valueAt(fragmentsOf(m.identities()), policy, id);
  }

  /** The fragments of a graph's identities, unordered. */
  List<Fragment> fragmentsOf(List<Identity> identities) {
    List<Fragment> all = new ArrayList<>();
    for (Identity member : identities) {
      List<Fragment> own = fragments.get(member);
      if (own != null) {
        all.addAll(own);
      }
    }
    return all;
  }

  /** The profile of one identity graph under whole-graph stitching. */
  Profile profileOf(Membership m, MergePolicy policy) {
    CacheKey key = new CacheKey(policy.id(), m.anchor(), true);
    Profile cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    return remember(key, build(m.profileId(), m.identities(), fragmentsOf(m.identities()), policy));
  }

  private Profile remember(CacheKey key, Profile profile) {
    if (cacheSize == 0) {
      return profile;
    }
    if (cache.size() >= cacheSize) {
      evictOne();
    }
    cache.put(key, profile);
    return profile;
  }

  private final Object evictionLock = new Object();
  private @Nullable Iterator<CacheKey> evictionSweep;

  /**
   * Makes room in a full cache: a sweep in the map's hash order removes the next entry, so entries
   * leave in an order unrelated to their use, and a hot profile evicted is merged once more.
   */
  private void evictOne() {
    synchronized (evictionLock) {
      for (int attempt = 0; attempt < 2; attempt++) {
        Iterator<CacheKey> sweep = evictionSweep;
        if (sweep == null || !sweep.hasNext()) {
          sweep = cache.keySet().iterator();
          evictionSweep = sweep;
        }
        if (sweep.hasNext()) {
          sweep.next();
          sweep.remove();
          return;
        }
      }
    }
  }

  private Profile build(
      String profileId,
      List<Identity> identities,
      List<Fragment> contributing,
      MergePolicy policy) {
    Merger.Merged merged = Merger.merge(contributing, policy, paths);
    // Without fragments the primary must not depend on which identity was looked up: profiles
    // are cached per graph.
    Identity primary = merged.ordered.isEmpty() ? identities.get(0) : merged.ordered.get(0).primary;
    return new Profile(profileId, policy, identities, primary, merged, paths);
  }

  // ---------------------------------------------------------------------------------------------
  // Search

  /** Starts a search over the merged profiles. */
  public ProfileSearch search() {
    return new ProfileSearch(this);
  }

  SearchPage search(ProfileSearch query) {
    return read(() -> new SearchEngine(this, query).page());
  }

  long count(ProfileSearch query) {
    return read(() -> new SearchEngine(this, query).count());
  }

  String explain(ProfileSearch query) {
    return read(() -> new SearchEngine(this, query).explain());
  }

  /**
   * Returns a deterministic sample of up to {@code size} profiles under the default policy: the
   * profiles with the smallest profile ids, which are hashes and so spread over all data.
   */
  public List<Profile> sample(int size) {
    if (size < 1 || size > ProfileSearch.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + ProfileSearch.MAX_LIMIT + ", but was " + size);
    }
    return search().limit(size).fetch();
  }

  /** Counts the profiles holding at least one identity of each namespace, by namespace code. */
  public Map<String, Long> profileCountsByNamespace() {
    return read(
        () -> {
          Map<String, Long> counts = new TreeMap<>();
          for (Membership m : graph.membershipsUnordered()) {
            m.identities().stream()
                .map(Identity::namespace)
                .distinct()
                .forEach(ns -> counts.merge(ns, 1L, Long::sum));
          }
          return counts;
        });
  }

  private <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The identities that hold fragments or events: the profiles of NONE stitching. */
  List<Identity> identitiesWithData() {
    Set<Identity> out = new TreeSet<>(Identity.canonicalOrder());
    out.addAll(fragments.keySet());
    out.addAll(events.identities());
    return List.copyOf(out);
  }

  /** Counts the events of {@code type} with {@code from <= timestamp < to} under identities. */
  long countEvents(List<Identity> scope, String type, long from, long to) {
    return events.count(scope, type, from, to, this::expiresBefore);
  }

  /** Whether some stored attribute path lies below {@code path}: then it is not a leaf. */
  boolean hasFieldsBelow(String path) {
    return paths.hasPrefix(path + ".");
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /** Starts a query of the events of the profile holding {@code identity}. */
  public EventQuery events(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return new EventQuery(this, identity);
  }

  EventPage fetchEvents(EventQuery query) {
    lock.readLock().lock();
    try {
      MergePolicy policy = policy(query.policyId);
      Optional<Identity> canonical = graph.canonical(query.identity);
      if (canonical.isEmpty()) {
        return new EventPage(List.of(), null);
      }
      List<Identity> scope =
          policy.stitching() == IdentityStitching.NONE
              ? List.of(canonical.get())
              : graph
                  .membership(canonical.get())
                  .map(Membership::identities)
                  .orElse(List.of(canonical.get()));
      return events.page(scope, query, this::expiresBefore);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The oldest event timestamp still retained for a dataset, at the clock's now. */
  private long expiresBefore(String dataset) {
    Duration ttl = retention.get(dataset);
    return ttl == null ? Long.MIN_VALUE : clock.millis() - ttl.toMillis();
  }

  /**
   * Removes the events older than their dataset's retention at the clock's now; expired events are
   * already invisible to queries, this frees their memory.
   *
   * @return the number of events removed
   */
  public int expireEvents() {
    return write(
        changes -> {
          Set<Identity> touched = new TreeSet<>(Identity.canonicalOrder());
          int removed = events.expire(this::expiresBefore, touched);
          Set<String> profiles = new TreeSet<>();
          for (Identity identity : touched) {
            invalidate(GraphChange.NONE, identity);
            graph.profileId(identity).ifPresent(profiles::add);
          }
          for (String profileId : profiles) {
            changes.add(
                new ProfileChange(
                    ProfileChange.Kind.UPDATED, List.of(profileId), List.of(profileId), Set.of()));
          }
          return removed;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Graph, erase, delete

  /** The identity graph holding {@code identity}, with evidence; empty if unknown. */
  public Optional<GraphView> graph(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return graph.graph(identity);
  }

  /**
   * Un-merges: removes the link between two identities with its evidence, which may split a
   * profile; caches are invalidated and a {@code SPLIT} change is published.
   *
   * @return whether there was such a link
   */
  public boolean unlink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return write(
        changes -> {
          Optional<GraphChange> change = graph.unlink(a, b);
          boolean unlinked = change.isPresent();
          change.ifPresent(c -> regraphed(c, changes));
          return unlinked;
        });
  }

  /** After a graph-only change: drops cached profiles, re-indexes, announces merge or split. */
  private void regraphed(GraphChange change, List<ProfileChange> changes) {
    forgetMerged();
    reindex(change, null);
    describeGraphChange(change, changes);
  }

  /**
   * Adds a do-not-link rule: the two identities never end up in one profile; see {@link
   * IdentityGraph#neverLink}.
   */
  public void neverLink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    write(
        changes -> {
          GraphChange change = graph.neverLink(a, b);
          if (change.changed()) {
            regraphed(change, changes);
          }
          return null;
        });
  }

  /**
   * Erases an identity for a privacy request: the identity, its links, the fragments and events
   * stored under it, cached profiles and every index entry go; a salted hash on the deny list keeps
   * later data from bringing it back.
   */
  public void erase(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    write(
        changes -> {
          eraseLocked(identity, changes);
          return null;
        });
  }

  /** Erases every identity of the profile holding {@code identity}, with all their data. */
  public void eraseProfile(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    write(
        changes -> {
          List<Identity> members =
              graph
                  .canonical(identity)
                  .flatMap(graph::membership)
                  .map(Membership::identities)
                  .orElse(List.of(identity));
          for (Identity member : members) {
            eraseLocked(member, changes);
          }
          return null;
        });
  }

  private void eraseLocked(Identity identity, List<ProfileChange> changes) {
    Optional<Identity> canonical = graph.canonical(identity);
    Optional<String> before = canonical.flatMap(graph::profileId);
    GraphChange change = graph.erase(identity).change();
    if (canonical.isEmpty()) {
      return;
    }
    Identity c = canonical.get();
    List<Fragment> removed = fragments.remove(c);
    if (removed != null) {
      fragmentCount -= removed.size();
    }
    events.removeIdentity(c);
    events.scrub(
        sent -> graph.problem(sent).filter(d -> d.problem() == IdentityProblem.ERASED).isPresent());
    forgetMerged();
    reindex(before.map(List::of).orElse(List.of()), change.afterAnchors());
    if (before.isPresent()) {
      changes.add(
          new ProfileChange(
              ProfileChange.Kind.ERASED, List.of(before.get()), change.after(), Set.of()));
    }
    LOG.info("erased a {} identity and its data", c.namespace());
  }

  /**
   * Deletes a dataset's data: its fragments, its events and the identity links only it asserted.
   *
   * @return what the deletion did to the identity graph
   */
  public DatasetDeletion deleteDataset(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    return write(
        changes -> {
          Set<Identity> owners = new TreeSet<>(Identity.canonicalOrder());
          for (Map.Entry<Identity, List<Fragment>> e : fragments.entrySet()) {
            for (Fragment f : e.getValue()) {
              if (f.dataset.equals(dataset)) {
                owners.add(e.getKey());
              }
            }
          }
          owners.addAll(events.owners(dataset));
          Set<String> before = new TreeSet<>();
          Set<Identity> members = new TreeSet<>(Identity.canonicalOrder());
          for (Identity owner : owners) {
            graph
                .membership(owner)
                .ifPresent(
                    m -> {
                      before.add(m.profileId());
                      members.addAll(m.identities());
                    });
          }
          DatasetDeletion deletion = graph.deleteDataset(dataset);
          Map<Identity, List<Fragment>> kept = new LinkedHashMap<>();
          for (Map.Entry<Identity, List<Fragment>> e : fragments.entrySet()) {
            List<Fragment> rest = new ArrayList<>();
            for (Fragment f : e.getValue()) {
              if (f.dataset.equals(dataset)) {
                fragmentCount--;
              } else {
                rest.add(f);
              }
            }
            if (!rest.isEmpty()) {
              kept.put(e.getKey(), List.copyOf(rest));
            }
          }
          fragments.clear();
          fragments.putAll(kept);
          events.removeDataset(dataset);
          forgetMerged();
          Set<String> after = new TreeSet<>();
          for (Identity member : members) {
            graph.profileId(member).ifPresent(after::add);
          }
          // Removing a dataset's sightings can change the profile id of graphs that held none of
          // its fragments or events, so the indexes are rebuilt whole; deletions are rare.
          if (!indexes.isEmpty()) {
            indexes.clear();
            List<Identity> anchors = new ArrayList<>();
            for (Membership m : graph.membershipsUnordered()) {
              anchors.add(m.anchor());
            }
            reindex(List.of(), anchors);
          }
          if (!before.isEmpty()) {
            ProfileChange.Kind kind =
                after.isEmpty()
                    ? ProfileChange.Kind.ERASED
                    : after.size() > before.size()
                        ? ProfileChange.Kind.SPLIT
                        : ProfileChange.Kind.UPDATED;
            changes.add(new ProfileChange(kind, List.copyOf(before), List.copyOf(after), Set.of()));
          }
          LOG.info("deleted dataset data: {} profiles touched", before.size());
          return deletion;
        });
  }

  /** Counts over the whole store. */
  public StoreStatistics statistics() {
    lock.readLock().lock();
    try {
      var stats = graph.statistics();
      return new StoreStatistics(stats.graphs(), fragmentCount, events.size(), stats);
    } finally {
      lock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Change feed

  /**
   * Subscribes to the change feed. The listener is called on the writing thread after each change
   * is visible; if it throws, the exception is logged and the store carries on.
   *
   * @return a handle whose {@code close()} unsubscribes
   */
  public AutoCloseable subscribe(ProfileListener listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void publish(List<ProfileChange> changes) {
    for (ProfileChange change : changes) {
      for (ProfileListener listener : listeners) {
        try {
          listener.onChange(change);
        } catch (RuntimeException e) {
          LOG.warn(
              "a profile listener threw {} on a {} change; the store carries on",
              e.getClass().getName(),
              change.kind());
        }
      }
    }
  }

  /**
   * Builds a {@link ProfileStore}. Setters validate at once; cross-setting rules are checked by
   * {@link #build()}. Not thread-safe; {@code build()} may be called again.
   */
  public static final class Builder {
    private final IdentityGraph.Builder graph = IdentityGraph.builder();
    private LinkingRules linkingRules = LinkingRules.NONE;
    private final Map<String, MergePolicy> policies = new LinkedHashMap<>();
    private final Set<String> conflictingIds = new TreeSet<>();
    private MergePolicy defaultPolicy = MergePolicy.timestampOrdered();
    private final Map<String, UpdateMode> modes = new HashMap<>();
    private final Map<String, Duration> retention = new HashMap<>();
    private Clock clock = Clock.systemUTC();
    private int maxRecordSize = 100 * 1024;
    private int maxEventSize = 10 * 1024;
    private int profileCacheSize = 100_000;
    private boolean scanTables = true;
    private final List<String[]> indexes = new ArrayList<>();

    private Builder() {}

    /**
     * Declares a secondary index on a leaf attribute path of profiles merged under the default
     * policy; equality, {@code in}, ranges, prefixes and array {@code contains} on it are answered
     * from the index. Indexes cost a re-merge of each changed profile at ingest. Default: none.
     */
    public Builder index(String path) {
      indexes.add(new String[] {null, AttributeValues.path(path, "index")});
      return this;
    }

    /** Declares a secondary index on a path of profiles merged under the named policy. */
    public Builder index(String policyId, String path) {
      Objects.requireNonNull(policyId, "policyId");
      indexes.add(new String[] {policyId, AttributeValues.path(path, "index")});
      return this;
    }

    /** Registers a namespace; see {@link IdentityGraph.Builder#namespace}. */
    public Builder namespace(Namespace namespace) {
      graph.namespace(namespace);
      return this;
    }

    /** Sets the linking rules; also the namespace priority for primary identities. */
    public Builder linkingRules(LinkingRules rules) {
      graph.linkingRules(rules);
      this.linkingRules = rules;
      return this;
    }

    /** Sets the graph limit. Default: 50. */
    public Builder graphLimit(int limit) {
      graph.graphLimit(limit);
      return this;
    }

    /** Sets the hub guard. Default: 50. */
    public Builder hubLimit(int limit) {
      graph.hubLimit(limit);
      return this;
    }

    /** Sets the component limit. Default: 1000. */
    public Builder maxComponentSize(int max) {
      graph.maxComponentSize(max);
      return this;
    }

    /** Sets the most identities per record. Default: 20. */
    public Builder maxIdentitiesPerRecord(int max) {
      graph.maxIdentitiesPerRecord(max);
      return this;
    }

    /** Blocks an identity value; see {@link IdentityGraph.Builder#blockedValue}. */
    public Builder blockedValue(String namespace, String value) {
      graph.blockedValue(namespace, value);
      return this;
    }

    /** Blocks identity values by pattern; see {@link IdentityGraph.Builder#blockedPattern}. */
    public Builder blockedPattern(String namespace, String regex) {
      graph.blockedPattern(namespace, regex);
      return this;
    }

    /** Sets the deny list's salt; see {@link IdentityGraph.Builder#denyListSalt}. */
    public Builder denyListSalt(byte[] salt) {
      graph.denyListSalt(salt);
      return this;
    }

    /** Registers a named merge policy that lookups may name. Default: only the default one. */
    public Builder mergePolicy(MergePolicy policy) {
      Objects.requireNonNull(policy, "policy");
      MergePolicy earlier = policies.putIfAbsent(policy.id(), policy);
      if (earlier != null && !earlier.equals(policy)) {
        conflictingIds.add(policy.id());
      }
      return this;
    }

    /**
     * Sets the default merge policy, also registered under its id. Default: {@link
     * MergePolicy#timestampOrdered()} with whole-graph stitching.
     */
    public Builder defaultMergePolicy(MergePolicy policy) {
      this.defaultPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets how a dataset's records update their fragment. Default: {@link UpdateMode#REPLACE}. */
    public Builder updateMode(String dataset, UpdateMode mode) {
      Objects.requireNonNull(dataset, "dataset");
      modes.put(dataset, Objects.requireNonNull(mode, "mode"));
      return this;
    }

    /** Keeps a dataset's events for {@code ttl} of event time. Default: forever. */
    public Builder eventRetention(String dataset, Duration ttl) {
      Objects.requireNonNull(dataset, "dataset");
      Objects.requireNonNull(ttl, "ttl");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("eventRetention must be positive, but was " + ttl);
      }
      retention.put(dataset, ttl);
      return this;
    }

    /** Sets the clock for default timestamps and event retention. Default: the UTC clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the largest record accepted, in bytes of attributes. Default: 102400 (100 KB). */
    public Builder maxRecordSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRecordSize must be positive, but was " + bytes);
      }
      this.maxRecordSize = bytes;
      return this;
    }

    /** Sets the largest event accepted, in bytes of attributes. Default: 10240 (10 KB). */
    public Builder maxEventSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxEventSize must be positive, but was " + bytes);
      }
      this.maxEventSize = bytes;
      return this;
    }

    /**
     * Whether unindexed searches under whole-graph policies keep scan tables: a slot per profile
     * and a column of merged values per attribute path a scan has read, kept up to date lazily, so
     * that a scan walks arrays (several times faster) at the cost of a reference per profile per
     * column and about 80 bytes per profile per scanned policy. Without them, a scan merges the
     * paths it reads profile by profile. Default: on.
     */
    public Builder scanTables(boolean enabled) {
      this.scanTables = enabled;
      return this;
    }

    /**
     * Sets about how many merged profiles the cache keeps (concurrent lookups may overshoot by a
     * few); when it is full, each new profile evicts one in hash order. 0 turns it off. Default:
     * 100000.
     */
    public Builder profileCacheSize(int size) {
      if (size < 0) {
        throw new IllegalArgumentException(
            "profileCacheSize must not be negative, but was " + size);
      }
      this.profileCacheSize = size;
      return this;
    }

    /**
     * Builds the store.
     *
     * @throws IllegalStateException if two policies share an id or the graph settings conflict
     */
    public ProfileStore build() {
      if (!conflictingIds.isEmpty()) {
        throw new IllegalStateException(
            "mergePolicy was called with different policies under the ids "
                + conflictingIds
                + "; give each policy its own id");
      }
      MergePolicy existing = policies.get(defaultPolicy.id());
      if (existing != null && !existing.equals(defaultPolicy)) {
        throw new IllegalStateException(
            "defaultMergePolicy and mergePolicy both use the id "
                + defaultPolicy.id()
                + " for different policies; give one of them another id");
      }
      Map<String, MergePolicy> all = new LinkedHashMap<>(policies);
      all.put(defaultPolicy.id(), defaultPolicy);
      for (String[] index : indexes) {
        MergePolicy policy = index[0] == null ? defaultPolicy : all.get(index[0]);
        if (policy == null) {
          throw new IllegalStateException(
              "index names the policy "
                  + index[0]
                  + ", which is not registered; register it with mergePolicy(...)");
        }
        if (policy.stitching() != IdentityStitching.PRIVATE_GRAPH) {
          throw new IllegalStateException(
              "index on "
                  + index[1]
                  + " needs a policy with PRIVATE_GRAPH stitching, but "
                  + policy.id()
                  + " has "
                  + policy.stitching());
        }
      }
      return new ProfileStore(this, graph.build(), all);
    }
  }
}
