package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A brute-force model of the profile store (ARCHITECTURE §1, §3): it keeps every ingested record
 * and recomputes each fragment and each merged profile from all of them, with no incremental state,
 * no interning and no cache. Only graph membership comes from the store's identity graph, which is
 * tested against its own model.
 *
 * <p>Rules: a replace fragment is its record with the newest timestamp (the custom timestamp wins
 * over the ingestion timestamp, which defaults to the clock), ties by content; an upsert fragment
 * keeps per path the newest value or removal, ties by value, and its timestamp is its newest
 * record's. A merge orders the fragments newest first, then by dataset, then by primary identity
 * (dataset precedence: listed datasets only, by list position first); per leaf path the first live
 * value wins, unless an override decides or the value is an array merged by union.
 */
final class StoreOracle {
  /** A removal in an upsert fragment. */
  private static final Object REMOVED = new Object();

  private final StoreScenario scenario;
  private final List<Stored> records = new ArrayList<>();
  private final Set<String> eventKeys = new HashSet<>();
  private final Map<Identity, List<Event>> eventsByOwner = new HashMap<>();

  /**
   * A record that was stored, canonical, with its ordering timestamp and its values by path,
   * sorted: the attributes and, for upsert datasets, the removals as {@link #REMOVED}.
   */
  private record Stored(
      String dataset, Identity primary, long timestamp, TreeMap<String, Object> slots) {
    static Stored of(
        String dataset,
        Identity primary,
        long timestamp,
        Map<String, Object> attributes,
        Set<String> removals) {
      TreeMap<String, Object> slots = new TreeMap<>(attributes);
      for (String path : removals) {
        slots.put(path, REMOVED);
      }
      return new Stored(dataset, primary, timestamp, slots);
    }
  }

  /** A fragment as the model computes it: live values only. */
  private record ModelFragment(
      String dataset, Identity primary, long timestamp, Map<String, Object> values) {}

  /**
   * What ingest should report.
   *
   * @param status the status
   * @param problems the problems
   * @param primary the primary identity, null when rejected
   */
  record Outcome(IngestStatus status, List<IngestProblem> problems, @Nullable Identity primary) {
    /** The outcome as text, the primary identity's value included. */
    String render() {
      return status + " " + problems + " primary " + (primary == null ? "none" : primary.toText());
    }
  }

  /** The profile a lookup should return. */
  record Expected(
      String profileId,
      List<Identity> identities,
      Identity primaryIdentity,
      Map<String, Object> attributes,
      List<String> datasets,
      long lastModified,
      Map<String, Explanation> explanations) {

    /** Every part as text, identity values and value types included, for failure messages. */
    String render() {
      StringBuilder out = new StringBuilder();
      out.append("profileId ").append(profileId);
      out.append("\nidentities ").append(StoreSnapshot.texts(identities));
      out.append("\nprimaryIdentity ").append(primaryIdentity.toText());
      out.append("\ndatasets ").append(datasets);
      out.append("\nlastModified ").append(lastModified);
      attributes.forEach(
          (path, v) ->
              out.append("\nattribute ").append(path).append(" = ").append(StoreSnapshot.value(v)));
      for (Explanation e : explanations.values()) {
        out.append("\nexplain ")
            .append(e.path())
            .append(" = ")
            .append(StoreSnapshot.value(e.value()))
            .append(" by ")
            .append(e.rule())
            .append(", winner ")
            .append(StoreSnapshot.candidate(e.winner()))
            .append(", candidates");
        for (Candidate c : e.candidates()) {
          out.append(' ').append(StoreSnapshot.candidate(c));
        }
      }
      return out.toString();
    }
  }

  StoreOracle(StoreScenario scenario) {
    this.scenario = scenario;
  }

  // ---------------------------------------------------------------------------------------------
  // Identities

  private static final Set<String> RESERVED_VALUES = Set.of("null", "anonymous", "invalid");

  /** The canonical form of an identity, empty if it is unknown, blank, reserved or blocked. */
  static Optional<Identity> canonical(Identity identity) {
    String code = null;
    for (String ns : StoreScenario.NAMESPACES) {
      if (ns.equalsIgnoreCase(identity.namespace())) {
        code = ns;
      }
    }
    String value = identity.value();
    if (code == null
        || value.isBlank()
        || RESERVED_VALUES.contains(value.strip().toLowerCase(Locale.ROOT))
        || (code.equals("Email") && value.equals(StoreScenario.BLOCKED_EMAIL))) {
      return Optional.empty();
    }
    return Optional.of(code.equals(identity.namespace()) ? identity : Identity.of(code, value));
  }

  private @Nullable Identity primaryOf(List<IdentityRef> refs, boolean event) {
    Identity marked = null;
    List<Identity> valid = new ArrayList<>();
    Identity best = null;
    int bestRank = Integer.MAX_VALUE;
    for (IdentityRef ref : refs) {
      Optional<Identity> c = canonical(ref.identity());
      if (c.isEmpty()) {
        continue;
      }
      valid.add(c.get());
      if (ref.primary() && marked == null) {
        marked = c.get();
      }
      int rank = scenario.priority.indexOf(c.get().namespace());
      if (rank >= 0 && rank < bestRank) {
        bestRank = rank;
        best = c.get();
      }
    }
    if (event && best != null) {
      return best;
    }
    if (marked != null) {
      return marked;
    }
    if (valid.size() == 1) {
      return valid.get(0);
    }
    return best;
  }

  // ---------------------------------------------------------------------------------------------
  // Ingest

  /** Applies one input and returns what ingest should report for it. */
  Outcome ingest(StoreScenario.Input input) {
    List<IdentityRef> refs = input.identities();
    boolean dropped = false;
    Set<String> crmIds = new TreeSet<>();
    for (IdentityRef ref : refs) {
      Optional<Identity> c = canonical(ref.identity());
      if (c.isEmpty()) {
        dropped = true;
      } else if (c.get().namespace().equals(StoreScenario.CRMID)) {
        crmIds.add(c.get().value());
      }
    }
    List<IngestProblem> droppedProblems = new ArrayList<>();
    for (IdentityRef ref : refs) {
      if (canonical(ref.identity()).isEmpty()) {
        IngestProblem p =
            ref.identity().value().equals(StoreScenario.BLOCKED_EMAIL)
                ? IngestProblem.BLOCKED_IDENTITY
                : IngestProblem.INVALID_IDENTITY;
        if (!droppedProblems.contains(p)) {
          droppedProblems.add(p);
        }
      }
    }
    Identity primary = primaryOf(refs, !input.isRecord());
    if (primary == null) {
      return new Outcome(IngestStatus.REJECTED, List.of(IngestProblem.NO_PRIMARY_IDENTITY), null);
    }
    if (scenario.uniqueCrmId && crmIds.size() > 1) {
      return new Outcome(
          IngestStatus.REJECTED, List.of(IngestProblem.CONFLICTING_UNIQUE_IDENTITIES), null);
    }
    Outcome stored =
        dropped
            ? new Outcome(IngestStatus.TRIMMED, droppedProblems, primary)
            : new Outcome(IngestStatus.ACCEPTED, List.of(), primary);
    if (!input.isRecord()) {
      Event e = input.event();
      if (!eventKeys.add(e.dataset() + '\u0000' + e.id())) {
        return new Outcome(IngestStatus.IGNORED, List.of(IngestProblem.DUPLICATE_EVENT), primary);
      }
      eventsByOwner.computeIfAbsent(primary, k -> new ArrayList<>()).add(e);
      return stored;
    }
    Record r = input.record();
    long ts = r.customTimestamp().orElse(r.timestamp().orElse(StoreScenario.NOW));
    boolean upsert = mode(r.dataset()) == UpdateMode.UPSERT;
    Stored incoming =
        Stored.of(
            r.dataset(), primary, ts, input.attributes(), upsert ? input.removals() : Set.of());
    List<Stored> earlier = new ArrayList<>();
    for (Stored s : records) {
      if (s.dataset.equals(incoming.dataset) && s.primary.equals(incoming.primary)) {
        earlier.add(s);
      }
    }
    records.add(incoming);
    boolean stale =
        !earlier.isEmpty()
            && (upsert ? changesNothing(earlier, incoming) : beaten(earlier, incoming));
    return stale
        ? new Outcome(IngestStatus.IGNORED, List.of(IngestProblem.STALE), primary)
        : stored;
  }

  private UpdateMode mode(String dataset) {
    return scenario.modes.getOrDefault(dataset, UpdateMode.REPLACE);
  }

  /** Whether an earlier replace record is as new or newer, ties by content. */
  private static boolean beaten(List<Stored> earlier, Stored incoming) {
    for (Stored s : earlier) {
      if (compareRecords(s, incoming) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether an upsert record neither wins a path nor advances the fragment's timestamp. */
  private static boolean changesNothing(List<Stored> earlier, Stored incoming) {
    long newest = Long.MIN_VALUE;
    for (Stored s : earlier) {
      newest = Math.max(newest, s.timestamp);
    }
    if (incoming.timestamp > newest) {
      return false;
    }
    for (Map.Entry<String, Object> e : incoming.slots.entrySet()) {
      Slot best = null;
      for (Stored s : earlier) {
        Object v = s.slots.get(e.getKey());
        if (v != null) {
          Slot slot = new Slot(s.timestamp, v);
          if (best == null || slot.compareTo(best) > 0) {
            best = slot;
          }
        }
      }
      if (best == null || new Slot(incoming.timestamp, e.getValue()).compareTo(best) > 0) {
        return false;
      }
    }
    return true;
  }

  /** A timestamped value or removal of one path; newer wins, then the larger value. */
  private record Slot(long timestamp, Object value) implements Comparable<Slot> {
    @Override
    public int compareTo(Slot other) {
      int c = Long.compare(timestamp, other.timestamp);
      return c != 0 ? c : compareSlotValues(value, other.value);
    }
  }

  private static int compareSlotValues(Object a, Object b) {
    if (a == REMOVED || b == REMOVED) {
      return Boolean.compare(a != REMOVED, b != REMOVED);
    }
    return compareValues(a, b);
  }

  /** Replace records: newer wins, then by content (paths by name, then values). */
  private static int compareRecords(Stored a, Stored b) {
    int c = Long.compare(a.timestamp, b.timestamp);
    if (c != 0) {
      return c;
    }
    var x = a.slots.entrySet().iterator();
    var y = b.slots.entrySet().iterator();
    while (x.hasNext() && y.hasNext()) {
      Map.Entry<String, Object> ex = x.next();
      Map.Entry<String, Object> ey = y.next();
      c = ex.getKey().compareTo(ey.getKey());
      if (c == 0) {
        c = compareValues(ex.getValue(), ey.getValue());
      }
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(x.hasNext(), y.hasNext());
  }

  /**
   * The value order for ties, a total order consistent with equals: booleans, then numbers, then
   * strings, then lists; numbers by value, then by type; lists element by element, then by length.
   */
  static int compareValues(Object a, Object b) {
    int c = Integer.compare(rank(a), rank(b));
    if (c != 0) {
      return c;
    }
    if (a instanceof Number x && b instanceof Number y) {
      c = new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
      return c != 0 ? c : x.getClass().getName().compareTo(y.getClass().getName());
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        c = compareValues(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    return a.toString().compareTo(b.toString());
  }

  private static int rank(Object v) {
    if (v instanceof Boolean) {
      return 0;
    }
    if (v instanceof Number) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    return v instanceof List ? 4 : 5;
  }

  // ---------------------------------------------------------------------------------------------
  // Fragments and merge

  /** Every fragment, recomputed from all stored records. */
  private Map<String, List<ModelFragment>> fragmentsByPrimary() {
    Map<List<Object>, List<Stored>> groups = new LinkedHashMap<>();
    for (Stored s : records) {
      groups.computeIfAbsent(List.of(s.dataset, s.primary), k -> new ArrayList<>()).add(s);
    }
    Map<String, List<ModelFragment>> out = new HashMap<>();
    for (List<Stored> group : groups.values()) {
      Stored first = group.get(0);
      ModelFragment f;
      if (mode(first.dataset) == UpdateMode.UPSERT) {
        long ts = Long.MIN_VALUE;
        Map<String, Slot> best = new TreeMap<>();
        for (Stored s : group) {
          ts = Math.max(ts, s.timestamp);
          s.slots.forEach(
              (path, v) -> {
                Slot slot = new Slot(s.timestamp, v);
                Slot was = best.get(path);
                if (was == null || slot.compareTo(was) > 0) {
                  best.put(path, slot);
                }
              });
        }
        Map<String, Object> values = new TreeMap<>();
        best.forEach(
            (path, slot) -> {
              if (slot.value != REMOVED) {
                values.put(path, slot.value);
              }
            });
        f = new ModelFragment(first.dataset, first.primary, ts, values);
      } else {
        Stored winner = first;
        for (Stored s : group) {
          if (compareRecords(s, winner) > 0) {
            winner = s;
          }
        }
        f = new ModelFragment(winner.dataset, winner.primary, winner.timestamp, winner.slots);
      }
      out.computeIfAbsent(key(first.primary), k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  private static String key(Identity identity) {
    return identity.namespace() + '\u0000' + identity.value();
  }

  /** The fragments that take part under {@code policy}, in its order. */
  static List<ModelFragment> order(List<ModelFragment> fragments, MergePolicy policy) {
    Comparator<ModelFragment> newestFirst =
        Comparator.comparingLong((ModelFragment f) -> f.timestamp)
            .reversed()
            .thenComparing(ModelFragment::dataset)
            .thenComparing(f -> f.primary().namespace())
            .thenComparing(f -> f.primary().value());
    List<ModelFragment> out = new ArrayList<>();
    if (policy.type() == AttributeMergeType.DATASET_PRECEDENCE) {
      List<String> order = policy.datasetOrder();
      for (ModelFragment f : fragments) {
        if (order.contains(f.dataset)) {
          out.add(f);
        }
      }
      out.sort(
          Comparator.comparingInt((ModelFragment f) -> order.indexOf(f.dataset))
              .thenComparing(newestFirst));
    } else {
      out.addAll(fragments);
      out.sort(newestFirst);
    }
    return out;
  }

  /** An event as {@code dataset/id@timestamp}. */
  static String describe(Event e) {
    return e.dataset() + "/" + e.id() + "@" + e.timestamp();
  }

  /** The model's state now, to look profiles up in. */
  Checkpoint checkpoint() {
    return new Checkpoint(fragmentsByPrimary());
  }

  /** The merge of one set of fragments under one policy, without the lookup-specific parts. */
  private record Merge(
      @Nullable Identity firstPrimary,
      Map<String, Object> attributes,
      List<String> datasets,
      long lastModified,
      Map<String, Explanation> explanations) {}

  /**
   * The model's fragments after some inputs, recomputed once from all records; merges are memoized
   * per policy and set of identities, since many lookups share a graph.
   */
  final class Checkpoint {
    private final Map<String, List<ModelFragment>> fragments;
    private final Map<List<Object>, Merge> merges = new HashMap<>();
    private final Map<Identity, Optional<Membership>> memberships = new HashMap<>();
    private final Map<List<Identity>, List<String>> eventsByScope = new HashMap<>();

    private Checkpoint(Map<String, List<ModelFragment>> fragments) {
      this.fragments = fragments;
    }

    /**
     * The profile a lookup of {@code lookup} under {@code policy} should return, given the store's
     * identity graph (asked for membership only).
     */
    Optional<Expected> expect(Identity lookup, MergePolicy policy, IdentityGraph graph) {
      Optional<Identity> canonical = canonical(lookup);
      if (canonical.isEmpty()) {
        return Optional.empty();
      }
      Identity c = canonical.get();
      String profileId;
      List<Identity> identities;
      if (policy.stitching() == IdentityStitching.NONE) {
        if (order(fragments.getOrDefault(key(c), List.of()), policy).isEmpty()
            && !eventsByOwner.containsKey(c)) {
          return Optional.empty();
        }
        profileId = graph.profileId(c).orElse("");
        identities = List.of(c);
      } else {
        Optional<Membership> m = membership(c, graph);
        if (m.isEmpty()) {
          return Optional.empty();
        }
        profileId = m.get().profileId();
        identities = m.get().identities();
      }
      Merge merge =
          merges.computeIfAbsent(List.of(policy.id(), identities), k -> merge(identities, policy));
      // Without a contributing fragment the primary identity is the profile's first identity in
      // canonical order (with NONE, the looked-up identity itself), so that it does not depend on
      // which identity was looked up first and cached.
      Identity primary = merge.firstPrimary == null ? identities.get(0) : merge.firstPrimary;
      return Optional.of(
          new Expected(
              profileId,
              identities,
              primary,
              merge.attributes,
              merge.datasets,
              merge.lastModified,
              merge.explanations));
    }

    /**
     * The events a query of {@code lookup} under {@code policy} should return, as {@code
     * dataset/id@timestamp}: those stored under the identity (stitching {@code NONE}) or under any
     * identity of its graph, each (dataset, id) once as first ingested, by timestamp, then id.
     */
    List<String> events(Identity lookup, MergePolicy policy, IdentityGraph graph) {
      Optional<Identity> canonical = canonical(lookup);
      if (canonical.isEmpty()) {
        return List.of();
      }
      Identity c = canonical.get();
      List<Identity> scope =
          policy.stitching() == IdentityStitching.NONE
              ? List.of(c)
              : membership(c, graph).map(Membership::identities).orElse(List.of(c));
      return eventsByScope.computeIfAbsent(scope, this::eventsOf);
    }

    private Optional<Membership> membership(Identity c, IdentityGraph graph) {
      return memberships.computeIfAbsent(c, graph::membership);
    }

    private List<String> eventsOf(List<Identity> scope) {
      List<Event> events = new ArrayList<>();
      for (Identity member : scope) {
        events.addAll(eventsByOwner.getOrDefault(member, List.of()));
      }
      events.sort(
          Comparator.comparingLong(Event::timestamp)
              .thenComparing(Event::id)
              .thenComparing(Event::dataset));
      List<String> out = new ArrayList<>();
      for (Event e : events) {
        out.add(describe(e));
      }
      return out;
    }

    private Merge merge(List<Identity> identities, MergePolicy policy) {
      List<ModelFragment> contributing = new ArrayList<>();
      for (Identity member : identities) {
        contributing.addAll(fragments.getOrDefault(key(member), List.of()));
      }
      return StoreOracle.merge(order(contributing, policy), policy);
    }
  }

  /** Merges fragments in policy order: per path the first live value, overrides, array union. */
  private static Merge merge(List<ModelFragment> ordered, MergePolicy policy) {
    TreeSet<String> datasets = new TreeSet<>();
    long lastModified = 0;
    Set<String> paths = new TreeSet<>();
    for (ModelFragment f : ordered) {
      datasets.add(f.dataset);
      lastModified = Math.max(lastModified, f.timestamp);
      paths.addAll(f.values.keySet());
    }
    Map<String, Object> attributes = new TreeMap<>();
    Map<String, Explanation> explanations = new TreeMap<>();
    for (String path : paths) {
      List<Candidate> candidates = new ArrayList<>();
      for (ModelFragment f : ordered) {
        Object v = f.values.get(path);
        if (v != null) {
          candidates.add(new Candidate(v, f.dataset, f.primary, f.timestamp));
        }
      }
      Optional<AttributeStrategy> override = policy.override(path);
      Object first = candidates.get(0).value();
      boolean union = first instanceof List && policy.arrays(path) == ArrayMerge.UNION;
      Object value;
      String rule;
      Candidate winner = candidates.get(0);
      if (override.isPresent()) {
        value = strategy(override.get().toString(), candidates);
        rule = "override:" + override.get();
        winner = firstEqual(candidates, value);
      } else if (union) {
        Set<Object> items = new LinkedHashSet<>();
        for (Candidate cand : candidates) {
          if (cand.value() instanceof List<?> list) {
            items.addAll(list);
          }
        }
        value = List.copyOf(items);
        rule = "arrays:UNION";
        winner = firstEqual(candidates, value);
      } else {
        value = first;
        rule =
            policy.type() == AttributeMergeType.DATASET_PRECEDENCE
                ? "dataSetPrecedence"
                : "timestampOrdered";
      }
      if (value == null) {
        continue;
      }
      attributes.put(path, value);
      explanations.put(path, new Explanation(path, value, rule, winner, candidates));
    }
    return new Merge(
        ordered.isEmpty() ? null : ordered.get(0).primary,
        attributes,
        List.copyOf(datasets),
        lastModified,
        explanations);
  }

  private static @Nullable Candidate firstEqual(
      List<Candidate> candidates, @Nullable Object value) {
    for (Candidate c : candidates) {
      if (c.value().equals(value)) {
        return c;
      }
    }
    return null;
  }

  /** The built-in strategies (and the test's {@code trail}), by their documented rules. */
  private static @Nullable Object strategy(String name, List<Candidate> candidates) {
    switch (name) {
      case "sum":
        {
          // Longs add up to a Long; with a BigDecimal among them, to an exact BigDecimal.
          boolean decimal = false;
          boolean any = false;
          for (Candidate c : candidates) {
            any |= c.value() instanceof Number;
            decimal |= c.value() instanceof BigDecimal;
          }
          if (!any) {
            return null;
          }
          BigDecimal total = BigDecimal.ZERO;
          for (Candidate c : candidates) {
            if (c.value() instanceof Number n) {
              total = total.add(new BigDecimal(n.toString()));
            }
          }
          return decimal ? total : (Object) total.longValueExact();
        }
      case "min":
      case "max":
        {
          int sign = name.equals("min") ? -1 : 1;
          Number bestNumber = null;
          String bestString = null;
          for (Candidate c : candidates) {
            if (c.value() instanceof Number n) {
              if (bestNumber == null
                  || new BigDecimal(n.toString()).compareTo(new BigDecimal(bestNumber.toString()))
                          * sign
                      > 0) {
                bestNumber = n;
              }
            } else if (c.value() instanceof String s) {
              if (bestString == null || s.compareTo(bestString) * sign > 0) {
                bestString = s;
              }
            }
          }
          return bestNumber != null ? bestNumber : bestString;
        }
      case "mostFrequent":
        {
          Object best = null;
          int bestCount = 0;
          for (Candidate c : candidates) {
            int count = 0;
            for (Candidate d : candidates) {
              if (d.value().equals(c.value())) {
                count++;
              }
            }
            if (count > bestCount) {
              best = c.value();
              bestCount = count;
            }
          }
          return best;
        }
      case "oldest":
      case "newest":
        {
          int sign = name.equals("oldest") ? -1 : 1;
          Candidate best = null;
          for (Candidate c : candidates) {
            if (best == null || Long.compare(c.timestamp(), best.timestamp()) * sign > 0) {
              best = c;
            }
          }
          return best == null ? null : best.value();
        }
      case "nonEmpty":
        for (Candidate c : candidates) {
          Object v = c.value();
          boolean empty =
              v instanceof String s && s.isBlank() || v instanceof List<?> l && l.isEmpty();
          if (!empty) {
            return v;
          }
        }
        return null;
      case "trail":
        return StoreScenario.Trail.INSTANCE.merge("", candidates);
      default:
        throw new IllegalArgumentException("no model of strategy " + name);
    }
  }
}
