package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A brute-force model of {@link IdentityGraph} for the model-based tests, written from ARCHITECTURE
 * §2 and the Javadoc of {@code IdentityGraph}, {@code ComponentSolver} and {@code GraphEngine}, not
 * from the engine's code.
 *
 * <p>It keeps the full evidence (every sighting of every identity and link, with its dataset and
 * timestamp), the erased identities and the do-not-link pairs, and {@link #solve()} recomputes the
 * whole accepted graph from that evidence with plain lists, sets and maps: no union-find, no
 * incremental state. Slow on purpose; fine for the few dozen identities of a test.
 *
 * <p>It assumes what the tests use: namespaces without normalizers and without validators beyond
 * the shared checks (blank and reserved values), no blocked values, at most 20 identities a record.
 * The component limit is the canonical rule of ARCHITECTURE §2: a raw component (the links the hub
 * guard lets count) over {@code maxComponentSize} identities is not solved; each of its identities
 * is a graph of its own and each of its links is refused.
 */
final class GraphOracle {
  /** Canonical identity order: namespace code, then value, both by {@link String#compareTo}. */
  static final Comparator<Identity> CANONICAL =
      Comparator.comparing(Identity::namespace).thenComparing(Identity::value);

  private static final Set<String> RESERVED = Set.of("null", "anonymous", "invalid");
  private static final int MAX_IDENTITIES_PER_RECORD = 20;

  /** One dataset asserting an identity or a link at one timestamp. */
  record Sighting(String dataset, long timestamp) {}

  /** An unordered pair of distinct identities, {@code from} first in canonical order. */
  record Pair(Identity from, Identity to) {
    static Pair of(Identity a, Identity b) {
      return CANONICAL.compare(a, b) <= 0 ? new Pair(a, b) : new Pair(b, a);
    }

    boolean touches(Identity x) {
      return from.equals(x) || to.equals(x);
    }

    Identity other(Identity x) {
      return from.equals(x) ? to : from;
    }

    String text() {
      return from.toText() + " -- " + to.toText();
    }
  }

  /** What the remaining evidence says about an identity or a link. */
  record Seen(long firstSeen, long lastSeen, List<String> datasets) {
    static Seen of(List<Sighting> sightings) {
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      Set<String> datasets = new TreeSet<>();
      for (Sighting s : sightings) {
        first = Math.min(first, s.timestamp());
        last = Math.max(last, s.timestamp());
        datasets.add(s.dataset());
      }
      return new Seen(first, last, List.copyOf(datasets));
    }
  }

  /** A link with its evidence and the status the rules give it. */
  record LinkState(Pair pair, Seen seen, LinkStatus status) {}

  /**
   * The expected accepted graph.
   *
   * @param identities every live identity with its evidence, in canonical order
   * @param links every live link with its evidence and status
   * @param graphs the accepted graphs, each in canonical order, ordered by their first member
   * @param graphOf the graph of each live identity
   * @param oldest the member each live identity's graph takes its profile id from
   * @param hubs how many identities have more links than the hub limit
   */
  record Solution(
      Map<Identity, Seen> identities,
      Map<Pair, LinkState> links,
      List<List<Identity>> graphs,
      Map<Identity, List<Identity>> graphOf,
      Map<Identity, Identity> oldest,
      int hubs) {

    /** The graph holding {@code x}, or an empty list. */
    List<Identity> graphOf(Identity x) {
      return graphOf.getOrDefault(x, List.of());
    }

    /** The identity whose profile id names the graph holding {@code x}. */
    Identity oldestOf(Identity x) {
      return oldest.get(x);
    }
  }

  private final Map<String, Namespace> namespaceByKey = new HashMap<>();
  private final Set<String> uniqueCodes = new HashSet<>();
  private final Map<String, Integer> priorityByCode = new HashMap<>();
  private final int graphLimit;
  private final int hubLimit;
  private final int maxComponentSize;

  private final Map<Identity, List<Sighting>> identityEvidence = new HashMap<>();
  private final Map<Pair, List<Sighting>> linkEvidence = new HashMap<>();
  private final Set<Identity> erased = new HashSet<>();
  private final Set<Pair> neverLink = new HashSet<>();

  /**
   * Creates an empty model.
   *
   * @param namespaces every registered namespace, standard ones included (priority numbers count
   *     them all)
   * @param rules the linking rules
   * @param graphLimit the graph limit
   * @param hubLimit the hub limit
   * @param maxComponentSize the component limit
   */
  GraphOracle(
      List<Namespace> namespaces,
      LinkingRules rules,
      int graphLimit,
      int hubLimit,
      int maxComponentSize) {
    this.graphLimit = graphLimit;
    this.hubLimit = hubLimit;
    this.maxComponentSize = maxComponentSize;
    for (Namespace ns : namespaces) {
      namespaceByKey.put(ns.key(), ns);
    }
    for (String code : rules.unique()) {
      uniqueCodes.add(namespace(code).code());
    }
    // Listed namespaces get 1..k in order; the rest follow by type's default rank, then code.
    List<String> order = new ArrayList<>();
    for (String code : rules.priority()) {
      order.add(namespace(code).code());
    }
    List<Namespace> rest = new ArrayList<>();
    for (Namespace ns : namespaces) {
      if (!order.contains(ns.code())) {
        rest.add(ns);
      }
    }
    rest.sort(
        Comparator.comparingInt((Namespace ns) -> ns.type().defaultRank())
            .thenComparing(Namespace::code));
    for (Namespace ns : rest) {
      order.add(ns.code());
    }
    for (int i = 0; i < order.size(); i++) {
      priorityByCode.put(order.get(i), i + 1);
    }
  }

  private Namespace namespace(String code) {
    Namespace ns = namespaceByKey.get(code.toLowerCase(Locale.ROOT));
    if (ns == null) {
      throw new IllegalArgumentException("unknown namespace " + code);
    }
    return ns;
  }

  private IdentityType type(Identity identity) {
    return namespace(identity.namespace()).type();
  }

  /** The identity as the graph stores it, or empty if the graph would drop it as invalid. */
  Optional<Identity> canonical(Identity raw) {
    Namespace ns = namespaceByKey.get(raw.namespace().toLowerCase(Locale.ROOT));
    String value = raw.value();
    if (ns == null
        || value.isBlank()
        || value.length() > 1024
        || RESERVED.contains(value.strip().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(new Identity(ns.code(), value));
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  /** Records one record's evidence; returns why the whole record was rejected, if it was. */
  Optional<RecordProblem> link(String dataset, long timestamp, List<Identity> identities) {
    if (identities.size() > MAX_IDENTITIES_PER_RECORD) {
      return Optional.of(RecordProblem.TOO_MANY_IDENTITIES);
    }
    List<Identity> kept = new ArrayList<>();
    for (Identity raw : identities) {
      Optional<Identity> c = canonical(raw);
      if (c.isPresent() && !erased.contains(c.get()) && !kept.contains(c.get())) {
        kept.add(c.get());
      }
    }
    if (kept.isEmpty()) {
      return Optional.of(RecordProblem.NO_VALID_IDENTITY);
    }
    for (Identity a : kept) {
      for (Identity b : kept) {
        if (!a.equals(b)
            && a.namespace().equals(b.namespace())
            && uniqueCodes.contains(a.namespace())) {
          return Optional.of(RecordProblem.CONFLICTING_UNIQUE_IDENTITIES);
        }
      }
    }
    List<Identity> linking = new ArrayList<>();
    for (Identity x : kept) {
      if (type(x).links()) {
        linking.add(x);
      }
    }
    Sighting sighting = new Sighting(dataset, timestamp);
    for (Identity x : linking) {
      identityEvidence.computeIfAbsent(x, k -> new ArrayList<>()).add(sighting);
    }
    for (int i = 0; i < linking.size(); i++) {
      for (int j = i + 1; j < linking.size(); j++) {
        Pair pair = Pair.of(linking.get(i), linking.get(j));
        linkEvidence.computeIfAbsent(pair, k -> new ArrayList<>()).add(sighting);
      }
    }
    return Optional.empty();
  }

  /** Removes all evidence of the link between a and b; returns whether there was such a link. */
  boolean unlink(Identity a, Identity b) {
    Optional<Identity> ca = canonical(a);
    Optional<Identity> cb = canonical(b);
    if (ca.isEmpty() || cb.isEmpty()) {
      return false;
    }
    return linkEvidence.remove(Pair.of(ca.get(), cb.get())) != null;
  }

  /** Deletes an identity with its evidence and links. */
  DeleteOutcome delete(Identity identity) {
    Optional<Identity> c = canonical(identity);
    if (c.isEmpty() || !identityEvidence.containsKey(c.get())) {
      return DeleteOutcome.NO_CHANGE;
    }
    Identity x = c.get();
    boolean alone = solve().graphOf(x).size() == 1;
    identityEvidence.remove(x);
    linkEvidence.keySet().removeIf(pair -> pair.touches(x));
    return alone ? DeleteOutcome.FULL_REMOVAL : DeleteOutcome.PARTIAL;
  }

  /**
   * Erases an identity: deletes it, forgets its do-not-link rules, never accepts it again. The
   * outcome is judged on the graph as it was before the erasure, rules included.
   */
  DeleteOutcome erase(Identity identity) {
    Optional<Identity> c = canonical(identity);
    if (c.isEmpty()) {
      return DeleteOutcome.NO_CHANGE;
    }
    erased.add(c.get());
    DeleteOutcome outcome = delete(c.get());
    neverLink.removeIf(pair -> pair.touches(c.get()));
    return outcome;
  }

  /** Removes a dataset's evidence; returns the links and identities left without evidence. */
  DatasetDeletion deleteDataset(String dataset) {
    int links = 0;
    for (Pair pair : new ArrayList<>(linkEvidence.keySet())) {
      List<Sighting> sightings = linkEvidence.get(pair);
      sightings.removeIf(s -> s.dataset().equals(dataset));
      if (sightings.isEmpty()) {
        linkEvidence.remove(pair);
        links++;
      }
    }
    int identities = 0;
    for (Identity x : new ArrayList<>(identityEvidence.keySet())) {
      List<Sighting> sightings = identityEvidence.get(x);
      sightings.removeIf(s -> s.dataset().equals(dataset));
      if (sightings.isEmpty()) {
        identityEvidence.remove(x);
        linkEvidence.keySet().removeIf(pair -> pair.touches(x));
        identities++;
      }
    }
    return new DatasetDeletion(links, identities);
  }

  /** Adds a do-not-link rule between two valid identities. */
  void neverLink(Identity a, Identity b) {
    Identity ca = canonical(a).orElseThrow();
    Identity cb = canonical(b).orElseThrow();
    neverLink.add(Pair.of(ca, cb));
  }

  // ---------------------------------------------------------------------------------------------
  // The accepted graph, from scratch

  /** Recomputes the accepted graph from the evidence. */
  Solution solve() {
    Map<Identity, Seen> identities = new TreeMap<>(CANONICAL);
    identityEvidence.forEach((x, sightings) -> identities.put(x, Seen.of(sightings)));
    Map<Pair, Seen> seen = new HashMap<>();
    linkEvidence.forEach((pair, sightings) -> seen.put(pair, Seen.of(sightings)));

    // Hub guard: each identity takes its first hubLimit links by first-seen, then the other end.
    Map<Identity, List<Pair>> incidentLinks = new HashMap<>();
    for (Pair pair : seen.keySet()) {
      incidentLinks.computeIfAbsent(pair.from(), k -> new ArrayList<>()).add(pair);
      incidentLinks.computeIfAbsent(pair.to(), k -> new ArrayList<>()).add(pair);
    }
    Map<Identity, Set<Pair>> taken = new HashMap<>();
    int hubs = 0;
    for (Identity x : identities.keySet()) {
      List<Pair> incident = incidentLinks.getOrDefault(x, new ArrayList<>());
      if (incident.size() > hubLimit) {
        hubs++;
      }
      incident.sort(
          Comparator.comparingLong((Pair p) -> seen.get(p).firstSeen())
              .thenComparing(p -> p.other(x), CANONICAL));
      taken.put(x, new HashSet<>(incident.subList(0, Math.min(hubLimit, incident.size()))));
    }
    Map<Pair, LinkStatus> status = new HashMap<>();
    List<Pair> eligible = new ArrayList<>();
    for (Pair pair : seen.keySet()) {
      if (taken.get(pair.from()).contains(pair) && taken.get(pair.to()).contains(pair)) {
        eligible.add(pair);
      } else {
        status.put(pair, LinkStatus.REFUSED_HUB);
      }
    }

    Groups raw = new Groups(identities.keySet());
    eligible.forEach(raw::join);
    Map<Set<Identity>, List<Pair>> linksOf = new IdentityHashMap<>();
    for (Pair pair : eligible) {
      linksOf.computeIfAbsent(raw.of(pair.from()), k -> new ArrayList<>()).add(pair);
    }
    List<List<Identity>> graphs = new ArrayList<>();
    for (Set<Identity> component : raw.all()) {
      List<Pair> links = linksOf.getOrDefault(component, List.of());
      if (component.size() > maxComponentSize) {
        for (Pair pair : links) {
          status.put(pair, LinkStatus.REFUSED_COMPONENT_LIMIT);
        }
        for (Identity x : component) {
          graphs.add(List.of(x));
        }
      } else if (component.size() <= graphLimit
          && !holdsTwoValuesOfAUniqueNamespace(component)
          && !holdsNeverLinkPair(component, component)) {
        for (Pair pair : links) {
          status.put(pair, LinkStatus.ACCEPTED);
        }
        graphs.add(sorted(component));
      } else {
        for (Set<Identity> part : rebuild(component, links, identities, seen, status)) {
          graphs.add(sorted(part));
        }
      }
    }
    graphs.sort(Comparator.comparing((List<Identity> g) -> g.get(0), CANONICAL));

    Map<Identity, List<Identity>> graphOf = new HashMap<>();
    Map<Identity, Identity> oldest = new HashMap<>();
    for (List<Identity> graph : graphs) {
      Identity best = graph.get(0);
      for (Identity x : graph) {
        long fx = identities.get(x).firstSeen();
        long fb = identities.get(best).firstSeen();
        if (fx < fb || (fx == fb && CANONICAL.compare(x, best) < 0)) {
          best = x;
        }
      }
      for (Identity x : graph) {
        graphOf.put(x, graph);
        oldest.put(x, best);
      }
    }
    Map<Pair, LinkState> links = new HashMap<>();
    seen.forEach((pair, s) -> links.put(pair, new LinkState(pair, s, status.get(pair))));
    return new Solution(identities, links, graphs, graphOf, oldest, hubs);
  }

  /**
   * Rebuilds a raw component whose rules bind: the identity optimization algorithm, then the graph
   * limit. Sets the status of every link of the component and returns the accepted graphs.
   */
  private List<Set<Identity>> rebuild(
      Set<Identity> component,
      List<Pair> links,
      Map<Identity, Seen> identities,
      Map<Pair, Seen> seen,
      Map<Pair, LinkStatus> status) {
    long newest = Long.MIN_VALUE;
    for (Pair pair : links) {
      newest = Math.max(newest, seen.get(pair).lastSeen());
    }
    long newestSeen = newest;
    List<Pair> replay = new ArrayList<>(links);
    replay.sort(
        Comparator.comparingInt((Pair p) -> seen.get(p).lastSeen() == newestSeen ? 0 : 1)
            .thenComparingInt(this::prioritySum)
            .thenComparing((Pair p) -> seen.get(p).lastSeen(), Comparator.<Long>reverseOrder())
            .thenComparing(Pair::from, CANONICAL)
            .thenComparing(Pair::to, CANONICAL));

    Groups groups = new Groups(component);
    for (Pair pair : replay) {
      Set<Identity> a = groups.of(pair.from());
      Set<Identity> b = groups.of(pair.to());
      if (a == b) {
        status.put(pair, LinkStatus.ACCEPTED);
      } else if (holdsTwoValuesOfAUniqueNamespace(union(a, b))) {
        status.put(pair, LinkStatus.REMOVED_UNIQUE_NAMESPACE);
      } else if (holdsNeverLinkPair(a, b)) {
        status.put(pair, LinkStatus.REMOVED_DO_NOT_LINK);
      } else {
        status.put(pair, LinkStatus.ACCEPTED);
        groups.join(pair);
      }
    }

    Set<Identity> evicted = new HashSet<>();
    Comparator<Identity> evictionOrder =
        Comparator.comparingInt((Identity x) -> type(x).evictionClass())
            .thenComparingLong(x -> identities.get(x).lastSeen())
            .thenComparing(CANONICAL);
    for (Set<Identity> group : groups.all()) {
      if (group.size() > graphLimit) {
        List<Identity> candidates = new ArrayList<>(group);
        candidates.sort(evictionOrder);
        evicted.addAll(candidates.subList(0, group.size() - graphLimit));
      }
    }
    List<Pair> accepted = new ArrayList<>();
    for (Pair pair : links) {
      if (status.get(pair) == LinkStatus.ACCEPTED) {
        if (evicted.contains(pair.from()) || evicted.contains(pair.to())) {
          status.put(pair, LinkStatus.REMOVED_GRAPH_LIMIT);
        } else {
          accepted.add(pair);
        }
      }
    }
    Groups parts = new Groups(component);
    accepted.forEach(parts::join);
    return parts.all();
  }

  private int prioritySum(Pair pair) {
    return priorityByCode.get(pair.from().namespace()) + priorityByCode.get(pair.to().namespace());
  }

  private boolean holdsTwoValuesOfAUniqueNamespace(Set<Identity> group) {
    Set<String> seenCodes = new HashSet<>();
    for (Identity x : group) {
      if (uniqueCodes.contains(x.namespace()) && !seenCodes.add(x.namespace())) {
        return true;
      }
    }
    return false;
  }

  /** Whether a do-not-link pair has one identity in {@code a} and the other in {@code b}. */
  private boolean holdsNeverLinkPair(Set<Identity> a, Set<Identity> b) {
    for (Pair pair : neverLink) {
      if ((a.contains(pair.from()) && b.contains(pair.to()))
          || (a.contains(pair.to()) && b.contains(pair.from()))) {
        return true;
      }
    }
    return false;
  }

  private static Set<Identity> union(Set<Identity> a, Set<Identity> b) {
    Set<Identity> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static List<Identity> sorted(Set<Identity> identities) {
    List<Identity> list = new ArrayList<>(identities);
    list.sort(CANONICAL);
    return list;
  }

  /**
   * Identities partitioned into groups, joined along links: plain sets, each member mapped to its
   * group's set; joining moves every member of one set into the other. Not a union-find.
   */
  private static final class Groups {
    private final Map<Identity, Set<Identity>> groupOf = new HashMap<>();

    Groups(Collection<Identity> members) {
      for (Identity x : members) {
        groupOf.put(x, new HashSet<>(Set.of(x)));
      }
    }

    Set<Identity> of(Identity x) {
      return groupOf.get(x);
    }

    /** Puts the two ends of a link in one group. */
    void join(Pair pair) {
      Set<Identity> a = groupOf.get(pair.from());
      Set<Identity> b = groupOf.get(pair.to());
      if (a != b) {
        a.addAll(b);
        for (Identity x : b) {
          groupOf.put(x, a);
        }
      }
    }

    /** The groups, each once. */
    List<Set<Identity>> all() {
      List<Set<Identity>> out = new ArrayList<>();
      Set<Identity> done = new HashSet<>();
      for (Map.Entry<Identity, Set<Identity>> e : groupOf.entrySet()) {
        if (done.add(e.getKey())) {
          done.addAll(e.getValue());
          out.add(e.getValue());
        }
      }
      return out;
    }
  }
}
