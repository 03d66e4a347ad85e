package dev.rtprofile.store;

import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs one {@link ProfileSearch} under the store's read lock. When a declared index covers one of
 * the conditions, the candidates are the profiles the index names; otherwise every profile merged
 * under the policy is a candidate (a scan, on both cores when there are many). Every condition is
 * then checked on the merged values (the same values a lookup returns: from the cache when the
 * profile is cached; in a scan otherwise merged only at the paths the query reads, and whole only
 * for the page it returns), and the matches are sorted and paged. {@link #explain()} says which
 * plan ran.
 */
final class SearchEngine {
  /** Below this many candidate profiles a scan stays on the calling thread. */
  static final int PARALLEL_THRESHOLD = 20_000;

  private final StoreReads store;
  private final ProfileSearch query;
  private final MergePolicy policy;

  SearchEngine(StoreReads store, ProfileSearch query) {
    this.store = store;
    this.query = query;
    this.policy = store.policy(query.policyId);
    for (Condition c : query.conditions) {
      checkLeaves(c);
    }
    if (query.sortPath != null) {
      checkLeaf(query.sortPath, "sortBy(" + query.sortPath + ")");
    }
    plan();
    this.paths = queryPaths();
  }

  private void checkLeaves(Condition c) {
    for (Condition child : c.children) {
      checkLeaves(child);
    }
    if (!c.path.isEmpty()) {
      checkLeaf(c.path, c.toString());
    }
  }

  private void checkLeaf(String path, String condition) {
    if (store.hasFieldsBelow(path)) {
      throw new IllegalArgumentException(
          condition
              + " must name a leaf attribute, but "
              + path
              + " is an object with fields below it; name one of its fields");
    }
  }

  /** The index the plan uses and the profile ids it yields, when an index applies. */
  private SearchIndexes.@Nullable Index planIndex;

  private @Nullable Set<String> planIds;

  /** Picks the declared index whose condition yields the fewest candidates, if any applies. */
  private void plan() {
    if (policy.stitching() != IdentityStitching.PRIVATE_GRAPH) {
      return;
    }
    for (Condition c : query.conditions) {
      if (c.path.isEmpty()) {
        continue;
      }
      SearchIndexes.Index index = store.indexes().index(policy.id(), c.path);
      Set<String> ids = index == null ? null : index.candidates(c);
      if (ids != null && (planIds == null || ids.size() < planIds.size())) {
        planIndex = index;
        planIds = ids;
        planCondition = c;
      }
    }
  }

  private @Nullable Condition planCondition;

  /**
   * One profile being checked: a merged profile, or, in a whole-graph scan, a graph whose merged
   * values are computed path by path ({@link Merger#valueAt}) so that only matches are merged
   * whole.
   */
  private final class Subject {
    private @Nullable Profile profile;
    private final @Nullable Identity anchor;
    private @Nullable Membership membership;
    private final int slot;
    private final ScanTable.@Nullable Snapshot table;
    private @Nullable Object sortValue;
    private boolean sortValueKnown;

    Subject(Profile profile) {
      this.profile = profile;
      this.anchor = null;
      this.slot = -1;
      this.table = null;
    }

    /**
     * A graph of a whole-graph scan: its anchor and its slot in the policy's scan table, whose
     * columns hold its merged values; its members are read only when needed.
     */
    Subject(ScanTable.Snapshot table, int slot, Identity anchor) {
      this.anchor = anchor;
      this.profile = null;
      this.slot = slot;
      this.table = table;
    }

    /** A graph of a scan without scan tables: cached, or merged only at the paths it reads. */
    Subject(Identity anchor, @Nullable Profile cached) {
      this.anchor = anchor;
      this.profile = cached;
      this.slot = -1;
      this.table = null;
    }

    List<Identity> identities() {
      return profile != null ? profile.identities() : membership().identities();
    }

    private Membership membership() {
      Membership m = membership;
      if (m == null) {
        Identity a = Objects.requireNonNull(anchor, "anchor");
        // The store's read lock is held for the whole search, so the graph cannot change.
        m =
            store
                .graph()
                .membership(a)
                .orElseThrow(() -> new IllegalStateException("a scanned graph vanished"));
        membership = m;
      }
      return m;
    }

    String profileId() {
      return profile != null ? profile.profileId() : membership().profileId();
    }

    /** Tie-break after the profile id: the primary identity (several NONE profiles share an id). */
    Identity tieBreak() {
      return profile != null ? profile.primaryIdentity() : Objects.requireNonNull(anchor);
    }

    @Nullable Object get(String path) {
      if (table != null) {
        Object[] column = table.columns().get(path);
        if (column != null) {
          return column[slot];
        }
      }
      if (profile != null) {
        return profile.get(path).orElse(null);
      }
      return store.mergedValue(membership(), policy, path);
    }

    @Nullable Object sortValue() {
      if (!sortValueKnown) {
        sortValue = query.sortPath == null ? null : get(query.sortPath);
        sortValueKnown = true;
      }
      return sortValue;
    }

    Profile profile() {
      Profile p = profile;
      if (p == null) {
        p = store.profileOf(membership(), policy);
        profile = p;
      }
      return p;
    }
  }

  /** Every attribute path the conditions and the sort read. */
  private final Set<String> paths;

  /** Collects the attribute paths the conditions and the sort read. */
  private Set<String> queryPaths() {
    Set<String> out = new HashSet<>();
    for (Condition c : query.conditions) {
      collectPaths(c, out);
    }
    if (query.sortPath != null) {
      out.add(query.sortPath);
    }
    return out;
  }

  private static void collectPaths(Condition c, Set<String> out) {
    for (Condition child : c.children) {
      collectPaths(child, out);
    }
    if (!c.path.isEmpty()) {
      out.add(c.path);
    }
  }

  private Stream<Subject> indexed(Set<String> ids) {
    Stream<String> stream = ids.size() >= PARALLEL_THRESHOLD ? ids.parallelStream() : ids.stream();
    return stream.map(this::indexedSubject).filter(Objects::nonNull);
  }

  /**
   * The profile an index names, by the anchor the index keeps for it: while that identity is still
   * its graph's anchor, the profile id is unchanged, so no id is hashed and a cached profile is
   * taken as is.
   */
  private @Nullable Subject indexedSubject(String id) {
    Identity anchor = store.indexes().anchor(id);
    if (anchor == null || !store.graph().anchor(anchor).map(anchor::equals).orElse(false)) {
      return null;
    }
    Profile cached = store.cachedProfile(anchor, policy);
    if (cached != null) {
      return new Subject(cached);
    }
    return store
        .graph()
        .membership(anchor)
        .map(m -> new Subject(store.profileOf(m, policy)))
        .orElse(null);
  }

  private Stream<Subject> candidates() {
    if (planIds != null) {
      return indexed(planIds);
    }
    if (policy.stitching() == IdentityStitching.NONE) {
      List<Identity> identities = store.identitiesWithData();
      Stream<Identity> stream =
          identities.size() >= PARALLEL_THRESHOLD
              ? identities.parallelStream()
              : identities.stream();
      return stream
          .map(i -> store.profileOfIdentity(i, policy))
          .filter(Optional::isPresent)
          .map(o -> new Subject(o.get()));
    }
    if (!store.scanTablesEnabled()) {
      List<Identity> anchors = store.graph().anchors();
      Stream<Identity> stream =
          anchors.size() >= PARALLEL_THRESHOLD ? anchors.parallelStream() : anchors.stream();
      return stream.map(a -> new Subject(a, store.cachedProfile(a, policy)));
    }
    ScanTable.Snapshot table = store.scanTable(policy).prepare(paths);
    return matchingSlots(table).mapToObj(slot -> new Subject(table, slot, table.anchors()[slot]));
  }

  /**
   * The occupied slots of a scan table, filtered on the columns already by every condition that
   * reads only attributes; the rest are checked on the subjects.
   */
  private IntStream matchingSlots(ScanTable.Snapshot table) {
    IntStream slots = IntStream.range(0, table.slots());
    if (table.slots() >= PARALLEL_THRESHOLD) {
      slots = slots.parallel();
    }
    List<Condition> onColumns =
        query.conditions.stream().filter(AttributeConditions::attributesOnly).toList();
    Identity[] anchors = table.anchors();
    return slots.filter(
        slot -> {
          if (anchors[slot] == null) {
            return false;
          }
          for (Condition c : onColumns) {
            if (!AttributeConditions.slotMatches(c, table, slot)) {
              return false;
            }
          }
          return true;
        });
  }

  /** Whether the whole-graph scan table answers this query's conditions by itself. */
  private boolean scansColumnsOnly() {
    return planIds == null
        && store.scanTablesEnabled()
        && policy.stitching() != IdentityStitching.NONE
        && query.conditions.stream().allMatch(AttributeConditions::attributesOnly);
  }

  private int candidateCount() {
    return policy.stitching() == IdentityStitching.NONE
        ? store.identitiesWithData().size()
        : store.profileCount();
  }

  private List<Subject> matches() {
    return candidates().filter(this::matchesAll).toList();
  }

  private boolean matchesAll(Subject p) {
    for (Condition c : query.conditions) {
      if (!matches(c, p)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(Condition c, Subject p) {
    switch (c.op) {
      case AND:
        return c.children.stream().allMatch(child -> matches(child, p));
      case OR:
        return c.children.stream().anyMatch(child -> matches(child, p));
      case NOT:
        return !matches(c.children.get(0), p);
      case HAS_NAMESPACE:
        String ns = (String) c.values.get(0);
        return p.identities().stream().anyMatch(i -> i.namespace().equalsIgnoreCase(ns));
      case HAS_IDENTITY:
        Optional<Identity> wanted = store.graph().canonical((Identity) c.values.get(0));
        return wanted.isPresent() && p.identities().contains(wanted.get());
      case EVENTS:
        return store.countEvents(p.identities(), (String) c.values.get(0), c.from, c.to)
            >= (Long) c.values.get(1);
      default:
        break;
    }
    return AttributeConditions.leafMatches(c, p.get(c.path));
  }

  /** Sort order: the sort value (missing last, numbers numerically), then the profile id. */
  private Comparator<Subject> order() {
    Comparator<Subject> byId =
        Comparator.comparing(Subject::profileId)
            .thenComparing(Subject::tieBreak, Identity.canonicalOrder());
    if (query.sortPath == null) {
      return byId;
    }
    Comparator<Subject> byValue = (a, b) -> compareSortValues(a.sortValue(), b.sortValue());
    return byValue.thenComparing(byId);
  }

  private int compareSortValues(@Nullable Object a, @Nullable Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    int c;
    if (a instanceof Number x && b instanceof Number y) {
      c = AttributeValues.compareNumbers(x, y);
    } else {
      c = AttributeValues.compare(a, b);
    }
    return query.descending ? -c : c;
  }

  /**
   * Whether this search reads a scan table that must first be brought up to date, which needs the
   * exclusive lock (see {@link StoreLock}); otherwise it only reads and may share the read lock.
   */
  boolean needsExclusive() {
    return planIds == null
        && store.scanTablesEnabled()
        && policy.stitching() != IdentityStitching.NONE
        && store.scanTable(policy).stale(paths);
  }

  SearchPage page() {
    if (planIds != null && query.sortPath == null) {
      return indexedPageInIdOrder(planIds);
    }
    List<Subject> all = new ArrayList<>(matches());
    if (query.sortPath != null) {
      // Sort values once per match, not once per comparison.
      all.forEach(Subject::sortValue);
    }
    all.sort(order());
    int start = 0;
    if (query.cursor != null) {
      SearchCursor after = SearchCursor.decode(query.cursor);
      while (start < all.size() && !isAfter(all.get(start), after)) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + query.limit);
    List<Profile> page = new ArrayList<>(end - start);
    for (Subject s : all.subList(start, end)) {
      page.add(s.profile());
    }
    String next = null;
    if (end < all.size()) {
      Subject last = all.get(end - 1);
      next =
          SearchCursor.encode(
              last.sortValue(),
              last.profileId(),
              policy.stitching() == IdentityStitching.NONE ? last.tieBreak() : null);
    }
    return new SearchPage(page, next);
  }

  /**
   * The first page of an indexed search in profile-id order: the index yields ids already sorted,
   * so profiles are merged and checked only until the page is full.
   */
  private SearchPage indexedPageInIdOrder(Set<String> ids) {
    String after = query.cursor == null ? null : SearchCursor.decode(query.cursor).profileId();
    List<Profile> page = new ArrayList<>(query.limit);
    for (String id : ids) {
      if (after != null && id.compareTo(after) <= 0) {
        continue;
      }
      Subject subject = indexedSubject(id);
      if (subject == null || !matchesAll(subject)) {
        continue;
      }
      if (page.size() == query.limit) {
        Profile last = page.get(page.size() - 1);
        return new SearchPage(page, SearchCursor.encode(null, last.profileId(), null));
      }
      page.add(subject.profile());
    }
    return new SearchPage(page, null);
  }

  /** Whether a profile sorts strictly after the cursor's position, in {@link #order()}. */
  private boolean isAfter(Subject p, SearchCursor after) {
    int c = query.sortPath == null ? 0 : compareSortValues(p.sortValue(), after.sortValue());
    if (c == 0) {
      c = p.profileId().compareTo(after.profileId());
    }
    if (c == 0 && after.primary() != null) {
      c = Identity.canonicalOrder().compare(p.tieBreak(), after.primary());
    }
    return c > 0;
  }

  long count() {
    if (scansColumnsOnly()) {
      return matchingSlots(store.scanTable(policy).prepare(paths)).count();
    }
    return candidates().filter(this::matchesAll).count();
  }

  String explain() {
    String tail =
        "; conditions "
            + query.conditions
            + (query.sortPath == null
                ? "; sorted by profile id"
                : "; sorted by " + query.sortPath + (query.descending ? " descending" : ""));
    if (planIds != null && planIndex != null) {
      return "index on "
          + planIndex.path
          + " for "
          + planCondition
          + ": "
          + planIds.size()
          + " candidate profiles merged under policy "
          + policy.id()
          + ", then every condition checked on them"
          + tail;
    }
    int candidates = candidateCount();
    return "full scan of "
        + candidates
        + (policy.stitching() == IdentityStitching.NONE ? " identities" : " profiles")
        + " merged under policy "
        + policy.id()
        + (candidates >= PARALLEL_THRESHOLD ? " on all cores" : " on one thread")
        + tail
        + "; no declared index applies";
  }
}
