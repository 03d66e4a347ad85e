package dev.rtprofile.store;

import dev.rtprofile.graph.GraphChange;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's engine: its parts, the reads that queries and search make through {@link StoreReads},
 * and the upkeep of what is derived from the primary state (the lookup view, the profile cache,
 * scan tables and indexes) from one description of what a write touched ({@link #touched}). The
 * writes themselves are in {@link Ingestion} and {@link Deletions}.
 *
 * <p>Primary state: the graph engine, {@link FragmentStore}, {@link EventLog}, {@link PathTable}.
 * Derived: {@link LookupView}, {@link ProfileCache}, {@link ScanTable}s, {@link SearchIndexes}. Who
 * may touch what is {@link StoreLock}'s protocol: the mutable parts are written by the writer under
 * the write lock and read under the read lock; the lookup view and the profile cache are read
 * without a lock.
 */
final class StoreEngine implements StoreReads {
  final StoreConfig config;
  final StoreLock lock;
  final ChangeFeed feed = new ChangeFeed();

  /** The graph engine; not thread-safe, guarded by {@link #lock}. */
  final MutableIdentityGraph graph;

  /** The read-only face of {@link #graph} that users get: every read under the read lock. */
  final IdentityGraph graphView;

  /** Interned attribute paths. Guarded by: adds under the write lock; reads from anywhere. */
  final PathTable paths = new PathTable();

  /** Guarded by: written under the write lock, read under the read lock. */
  final FragmentStore fragments = new FragmentStore();

  /** Guarded by: written under the write lock, read under the read lock. */
  final EventLog events = new EventLog();

  /** Fingerprints of erased identities' values. Guarded by: the write lock (writer only). */
  final ErasedValues erased;

  /** Guarded by: written under the write lock; read without a lock (lookups). */
  final LookupView view;

  /** Guarded by: filled by lookups without a lock; entries dropped by the writer. */
  final ProfileCache cache;

  /** Guarded by: written under the write lock, read under the read lock. */
  final SearchIndexes indexes;

  /** The namespaces by their canonical code, for lookups spelled canonically; immutable. */
  private final Map<String, Namespace> namespacesByCode;

  /**
   * Per whole-graph policy id, the scan table searches read; created by the first scan. Guarded by:
   * the map is concurrent; each table is noted by the writer, refreshed under the exclusive lock
   * and read under the read lock.
   */
  private final ConcurrentHashMap<String, ScanTable> scanTables = new ConcurrentHashMap<>();

  StoreEngine(StoreConfig config, MutableIdentityGraph graph) {
    this(config, graph, new ErasedValues());
  }

  /** With the erased values' fingerprints keyed as a durable store needs (see ErasedValues). */
  StoreEngine(StoreConfig config, MutableIdentityGraph graph, ErasedValues erased) {
    this(config, graph, erased, 16);
  }

  /** With the lookup view sized for the identities a snapshot holds. */
  StoreEngine(
      StoreConfig config, MutableIdentityGraph graph, ErasedValues erased, int expectedIdentities) {
    this.config = config;
    this.erased = erased;
    this.view = new LookupView(expectedIdentities);
    this.lock = new StoreLock(feed);
    this.graph = graph;
    this.graphView = new GuardedGraph(graph, lock);
    this.cache = new ProfileCache(config.cacheSize);
    this.indexes = new SearchIndexes(config.indexes);
    Map<String, Namespace> byCode = new HashMap<>();
    for (Namespace namespace : graph.namespaces()) {
      byCode.put(namespace.code(), namespace);
    }
    this.namespacesByCode = Map.copyOf(byCode);
  }

  // ---------------------------------------------------------------------------------------------
  // Lock-free lookups

  /**
   * The canonical form of an identity for a lookup, from the immutable namespace settings alone
   * (safe while a write runs): canonical code and normalized value; empty if the namespace is
   * unknown or the value cannot be normalized. An invalid or erased value is simply not in the
   * lookup view.
   */
  Optional<Identity> canonical(Identity identity) {
    Namespace namespace = namespacesByCode.get(identity.namespace());
    if (namespace == null) {
      // Not spelled canonically: the graph matches codes case-insensitively.
      namespace = graph.namespace(identity.namespace()).orElse(null);
      if (namespace == null) {
        return Optional.empty();
      }
    }
    String code = namespace.code();
    String value;
    try {
      value = namespace.normalizer().normalize(identity.value());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (code.equals(identity.namespace()) && value.equals(identity.value())) {
      return Optional.of(identity);
    }
    return Optional.of(new Identity(code, value));
  }

  @Override
  public Optional<Profile> fetch(Identity identity, MergePolicy policy) {
    Optional<Identity> canonical = canonical(identity);
    if (canonical.isEmpty()) {
      return Optional.empty();
    }
    PublishedGraph published = view.get(canonical.get());
    if (published == null) {
      return Optional.empty();
    }
    if (policy.stitching() == IdentityStitching.NONE) {
      return profileOfMember(published, published.indexOf(canonical.get()), policy);
    }
    return Optional.of(profileOf(published, policy));
  }

  /** The profile of a whole graph's picture, from the cache or merged now. */
  Profile profileOf(PublishedGraph published, MergePolicy policy) {
    Membership m = published.membership;
    if (!cache.enabled()) {
      return build(m.profileId(), m.identities(), published.fragments, policy);
    }
    ProfileCache.Key key = new ProfileCache.Key(published, config.indexOf(policy), -1);
    Profile cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    return cache.remember(key, build(m.profileId(), m.identities(), published.fragments, policy));
  }

  /** The profile of one identity of a picture under NONE stitching; empty if it holds no data. */
  private Optional<Profile> profileOfMember(PublishedGraph published, int member, MergePolicy p) {
    if (member < 0) {
      return Optional.empty();
    }
    List<Fragment> own = published.fragmentsOf(member);
    if (Merger.order(own, p).isEmpty() && !published.hasEvents(member)) {
      return Optional.empty();
    }
    ProfileCache.Key key = new ProfileCache.Key(published, config.indexOf(p), member);
    Profile cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Identity identity = published.membership.identities().get(member);
    String profileId = published.membership.profileId();
    return Optional.of(cache.remember(key, build(profileId, List.of(identity), own, p)));
  }

  private Profile build(
      String profileId, List<Identity> identities, List<Fragment> contributing, MergePolicy p) {
    Merger.Merged merged = Merger.merge(contributing, p, paths);
    // Without fragments the primary must not depend on which identity was looked up.
    Identity primary = merged.ordered.isEmpty() ? identities.get(0) : merged.ordered.get(0).primary;
    return new Profile(profileId, p, identities, primary, merged, paths);
  }

  @Override
  public Map<Identity, Profile> fetchAll(List<Identity> identities, MergePolicy policy) {
    return lock.readAtomically(
        () -> {
          Map<Identity, Profile> out = new LinkedHashMap<>();
          for (Identity identity : identities) {
            fetch(identity, policy).ifPresent(p -> out.put(identity, p));
          }
          return out;
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Whole reads under the read lock

  /** Whether the graph's profile-id index is built; written under the write lock. */
  private boolean profileIdsIndexed;

  @Override
  public Optional<Identity> resolveProfileId(String profileId) {
    Supplier<Optional<Identity>> find =
        () -> graph.graphByProfileId(profileId).map(g -> g.identities().get(0).identity());
    Optional<Optional<Identity>> found =
        lock.read(() -> profileIdsIndexed ? Optional.of(find.get()) : Optional.empty());
    if (found.isPresent()) {
      return found.get();
    }
    // The first resolution builds the graph's index of every identity's own id.
    return lock.exclusive(
        () -> {
          Optional<Identity> identity = find.get();
          profileIdsIndexed = true;
          return identity;
        });
  }

  @Override
  public Optional<Profile> fetchByProfileId(String profileId, MergePolicy policy) {
    Optional<Identity> identity = resolveProfileId(profileId);
    PublishedGraph published = identity.map(view::get).orElse(null);
    if (published == null) {
      return Optional.empty();
    }
    if (policy.stitching() != IdentityStitching.NONE) {
      return Optional.of(profileOf(published, policy));
    }
    for (int member = 0; member < published.membership.identities().size(); member++) {
      Optional<Profile> own = profileOfMember(published, member, policy);
      if (own.isPresent()) {
        return own;
      }
    }
    return Optional.empty();
  }

  @Override
  public EventPage fetchEvents(EventQuery query) {
    return lock.read(
        () -> {
          MergePolicy policy = config.policy(query.policyId);
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
          return events.page(scope, query, config::expiresBefore);
        });
  }

  @Override
  public SearchPage search(ProfileSearch query) {
    return searching(query, SearchEngine::page);
  }

  @Override
  public long count(ProfileSearch query) {
    return searching(query, SearchEngine::count);
  }

  @Override
  public String explain(ProfileSearch query) {
    return searching(query, SearchEngine::explain);
  }

  /**
   * Runs a search under the read lock, or under the exclusive lock when it must first bring a scan
   * table up to date (readers share the tables, so only one may refresh them).
   */
  private <T> T searching(ProfileSearch query, Function<SearchEngine, T> run) {
    Optional<T> shared =
        lock.read(
            () -> {
              SearchEngine search = new SearchEngine(this, query);
              return search.needsExclusive()
                  ? Optional.<T>empty()
                  : Optional.of(onExecutor(() -> run.apply(search)));
            });
    if (shared.isPresent()) {
      return shared.get();
    }
    return lock.exclusive(() -> onExecutor(() -> run.apply(new SearchEngine(this, query))));
  }

  // ---------------------------------------------------------------------------------------------
  // StoreReads: engine reads, under the read lock

  @Override
  public MergePolicy policy(@Nullable String id) {
    return config.policy(id);
  }

  @Override
  public IdentityGraph graph() {
    return graph;
  }

  @Override
  public Profile profileOf(Membership m, MergePolicy policy) {
    return profileOf(published(m.anchor()), policy);
  }

  private PublishedGraph published(Identity anchor) {
    PublishedGraph published = view.get(anchor);
    if (published == null) {
      throw new IllegalStateException("a graph of the identity graph is missing from the view");
    }
    return published;
  }

  @Override
  public @Nullable Profile cachedProfile(Identity anchor, MergePolicy policy) {
    PublishedGraph published = view.get(anchor);
    return published == null
        ? null
        : cache.get(new ProfileCache.Key(published, config.indexOf(policy), -1));
  }

  @Override
  public Optional<Profile> profileOfIdentity(Identity canonical, MergePolicy policy) {
    PublishedGraph published = view.get(canonical);
    return published == null
        ? Optional.empty()
        : profileOfMember(published, published.indexOf(canonical), policy);
  }

  @Override
  public @Nullable Object mergedValue(Membership m, MergePolicy policy, String path) {
    PublishedGraph published = published(m.anchor());
    Profile cached = cache.get(new ProfileCache.Key(published, config.indexOf(policy), -1));
    if (cached != null || !Merger.isPlain(policy, path)) {
      return (cached != null ? cached : profileOf(published, policy)).get(path).orElse(null);
    }
    int id = paths.find(path);
    return id < 0 ? null : Merger.valueAt(published.fragments, policy, id);
  }

  @Override
  public List<Identity> identitiesWithData() {
    Set<Identity> out = new TreeSet<>(Identity.canonicalOrder());
    out.addAll(fragments.identities());
    out.addAll(events.identities());
    return List.copyOf(out);
  }

  @Override
  public long countEvents(List<Identity> scope, String type, long from, long to) {
    return events.count(scope, type, from, to, config::expiresBefore);
  }

  @Override
  public boolean hasFieldsBelow(String path) {
    return paths.hasPrefix(path + ".");
  }

  @Override
  public SearchIndexes indexes() {
    return indexes;
  }

  @Override
  public boolean scanTablesEnabled() {
    return config.scanTables;
  }

  @Override
  public ScanTable scanTable(MergePolicy policy) {
    return scanTables.computeIfAbsent(policy.id(), id -> new ScanTable(this, policy));
  }

  @Override
  public int profileCount() {
    return graph.statistics().graphs();
  }

  @Override
  public <T> T onExecutor(Supplier<T> task) {
    ForkJoinPool pool = config.executor;
    if (pool == ForkJoinPool.commonPool()
        || (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool)) {
      return task.get();
    }
    return pool.submit(task::get).join();
  }

  // ---------------------------------------------------------------------------------------------
  // Upkeep of the derived state: the writer, under the write lock

  /**
   * Brings the derived state up to date after a write: republishes the graphs now holding the
   * anchors of {@code change} and {@code touched} (a primary identity whose data changed) and
   * forgets the identities in {@code removed}. The pictures a write replaces complete the
   * description for the scan tables and indexes: their anchors are stale, and the profile ids of
   * those whose anchor no longer names a graph are retired, whatever the graph change listed (a
   * recomputation may re-join graphs it did not name).
   */
  void touched(GraphChange change, @Nullable Identity touched, Collection<Identity> removed) {
    List<PublishedGraph> replaced = new ArrayList<>(2);
    for (Identity identity : removed) {
      PublishedGraph old = view.get(identity);
      if (old != null) {
        view.remove(identity);
        LookupView.addOnce(replaced, old);
      }
    }
    List<Identity> current = new ArrayList<>(2);
    if (change == GraphChange.NONE) {
      // No identity joined or left a graph: the picture's membership stands, only data changed.
      PublishedGraph old = touched == null ? null : view.get(touched);
      if (old != null) {
        republish(old.membership, replaced);
        current.add(old.membership.anchor());
      } else if (touched != null) {
        republishGraphOf(touched, current, replaced);
      }
    } else {
      for (Identity anchor : change.beforeAnchors()) {
        republishGraphOf(anchor, current, replaced);
      }
      for (Identity anchor : change.afterAnchors()) {
        republishGraphOf(anchor, current, replaced);
      }
      if (touched != null) {
        republishGraphOf(touched, current, replaced);
      }
    }
    for (PublishedGraph old : replaced) {
      cache.forget(old, config.policyList.size());
    }
    if (scanTables.isEmpty() && indexes.isEmpty()) {
      return;
    }
    Set<Identity> stale = new HashSet<>(current);
    Set<String> retired = new TreeSet<>();
    for (PublishedGraph old : replaced) {
      Identity anchor = old.membership.anchor();
      stale.add(anchor);
      if (!indexes.isEmpty() && !current.contains(anchor)) {
        retired.add(old.membership.profileId());
      }
    }
    for (ScanTable table : scanTables.values()) {
      table.touched(stale);
    }
    reindex(retired, current);
  }

  /** Republishes the graph holding {@code identity} unless {@code current} has it already. */
  private void republishGraphOf(
      Identity identity, List<Identity> current, List<PublishedGraph> replaced) {
    Optional<Membership> m = graph.membership(identity);
    if (m.isPresent() && !current.contains(m.get().anchor())) {
      current.add(m.get().anchor());
      republish(m.get(), replaced);
    }
  }

  /**
   * Publishes a fresh picture of one graph for lookups, adding the pictures it replaces to {@code
   * replaced}.
   */
  private void republish(Membership m, List<PublishedGraph> replaced) {
    List<Identity> members = m.identities();
    List<List<Fragment>> byMember = new ArrayList<>(members.size());
    boolean[] withEvents = new boolean[members.size()];
    for (int i = 0; i < members.size(); i++) {
      Identity member = members.get(i);
      byMember.add(fragments.of(member));
      withEvents[i] = events.has(member);
    }
    view.publish(new PublishedGraph(m, byMember, withEvents), replaced);
  }

  /**
   * Rebuilds every derived part from the primary state: after writes that may change any graph
   * (dataset deletion). O(store).
   */
  void rebuildDerived() {
    view.clear();
    cache.clear();
    scanTables.values().forEach(ScanTable::clear);
    List<PublishedGraph> none = new ArrayList<>();
    List<Identity> anchors = new ArrayList<>();
    for (Membership m : graph.membershipsUnordered()) {
      republish(m, none);
      anchors.add(m.anchor());
    }
    reindexAll(anchors);
  }

  /**
   * Builds the derived parts of an engine just loaded from a snapshot, which no reader can see yet:
   * the pictures of its graphs are built in parallel on the executor (each graph's identities are
   * its own; the primary state is only read, and the lookup view is a concurrent map).
   */
  void buildDerivedOfLoaded() {
    List<Membership> all = graph.membershipsUnordered();
    int parts = Math.max(1, Math.min(4 * config.executor.getParallelism(), all.size() / 4096));
    List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      List<Membership> slice = all.subList(p * all.size() / parts, (p + 1) * all.size() / parts);
      tasks.add(
          () -> {
            List<PublishedGraph> none = new ArrayList<>();
            for (Membership m : slice) {
              republish(m, none);
            }
            return null;
          });
    }
    for (var done : config.executor.invokeAll(tasks)) {
      try {
        done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while loading a snapshot", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("building a loaded store's pictures failed", e.getCause());
      }
    }
    List<Identity> anchors = new ArrayList<>(all.size());
    for (Membership m : all) {
      anchors.add(m.anchor());
    }
    reindexAll(anchors);
  }

  private void reindexAll(List<Identity> anchors) {
    if (!indexes.isEmpty()) {
      indexes.clear();
      reindex(List.of(), anchors);
    }
  }

  /**
   * Keeps the search indexes exact: drops the retired profile ids and re-merges and re-indexes the
   * profiles holding the anchors.
   */
  private void reindex(Collection<String> retired, Collection<Identity> anchors) {
    if (indexes.isEmpty()) {
      return;
    }
    for (String id : retired) {
      indexes.remove(id);
    }
    Set<String> done = new TreeSet<>();
    for (Identity anchor : anchors) {
      Optional<Membership> m = graph.membership(anchor);
      if (m.isEmpty() || !done.add(m.get().profileId())) {
        continue;
      }
      for (String policyId : indexes.policies()) {
        indexes.put(policyId, profileOf(m.get(), config.policy(policyId)), m.get().anchor());
      }
    }
  }
}
