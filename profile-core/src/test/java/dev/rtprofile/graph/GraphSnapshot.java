package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.NamespaceRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole state of an identity graph in comparable form: every graph as a {@link GraphView}
 * (members with evidence, accepted and removed links with evidence and status, profile id), the
 * {@link GraphStatistics}, and any inconsistency found between the real graph's read methods
 * (graph, contains, profileId, resolveProfileId, graphByProfileId). Built from a real {@link
 * IdentityGraph} through its public API, or from a {@link GraphOracle.Solution}; equal snapshots
 * mean equal partitions, statuses, evidence and profile ids.
 *
 * @param graphs the graphs, ordered by their first member
 * @param statistics the counts over the whole graph
 * @param errors inconsistencies between the real graph's read methods; always empty for a model
 */
record GraphSnapshot(List<GraphView> graphs, GraphStatistics statistics, List<String> errors) {
  private static final NamespaceRegistry NAMESPACES =
      NamespaceRegistry.standard().with(GraphScenario.CUSTOM_NAMESPACES);

  /** Expected profile ids: each identity linked alone into a graph of its own. */
  private static final MutableIdentityGraph SINGLETONS = singletons();

  private static final Map<Identity, String> PROFILE_IDS = new ConcurrentHashMap<>();

  private static final Comparator<LinkView> BY_ENDS =
      Comparator.comparing(LinkView::from, GraphOracle.CANONICAL)
          .thenComparing(LinkView::to, GraphOracle.CANONICAL);

  GraphSnapshot {
    graphs = List.copyOf(graphs);
    errors = List.copyOf(errors);
  }

  private static MutableIdentityGraph singletons() {
    IdentityGraph.Builder builder = IdentityGraph.builder();
    GraphScenario.CUSTOM_NAMESPACES.forEach(builder::namespace);
    return builder.build();
  }

  /**
   * The profile id a graph gets when {@code identity} is its oldest member, read from a separate
   * graph that holds only that identity: ids are a function of the oldest identity alone.
   */
  static String profileIdOf(Identity identity) {
    return PROFILE_IDS.computeIfAbsent(
        identity,
        x -> {
          LinkResult result = SINGLETONS.link("singletons", 0, List.of(x));
          if (result.rejected() || !result.dropped().isEmpty()) {
            throw new IllegalStateException("cannot link " + x.toText() + " alone: " + result);
          }
          return SINGLETONS.profileId(x).orElseThrow();
        });
  }

  /** The real graph's state, visiting every identity of {@code universe}. */
  static GraphSnapshot of(IdentityGraph graph, Collection<Identity> universe) {
    Map<Identity, GraphView> byMember = new HashMap<>();
    List<GraphView> graphs = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (Identity x : universe) {
      Optional<GraphView> found = graph.graph(x);
      if (found.isPresent() != graph.contains(x)) {
        errors.add("contains(" + x.toText() + ") disagrees with graph(" + x.toText() + ")");
      }
      boolean linking = NAMESPACES.require(x.namespace()).type().links();
      Optional<String> resolved =
          linking ? graph.resolveProfileId(profileIdOf(x)) : Optional.empty();
      if (!resolved.equals(found.map(GraphView::profileId))) {
        errors.add(
            "resolveProfileId(the id of "
                + x.toText()
                + ") is "
                + resolved
                + ", but graph("
                + x.toText()
                + ") is "
                + found.map(GraphView::profileId));
      }
      // A view per graph is enough here; resolveProfileId above covers every identity's id.
      if (linking
          && !byMember.containsKey(x)
          && !graph
              .graphByProfileId(profileIdOf(x))
              .map(GraphView::members)
              .equals(found.map(GraphView::members))) {
        errors.add(
            "graphByProfileId(the id of " + x.toText() + ") is not graph(" + x.toText() + ")");
      }
      if (found.isEmpty()) {
        continue;
      }
      GraphView view = found.get();
      if (!graph.profileId(x).equals(Optional.of(view.profileId()))) {
        errors.add("profileId(" + x.toText() + ") disagrees with graph(" + x.toText() + ")");
      }
      GraphView known = byMember.get(x);
      if (known != null) {
        if (!known.equals(view)) {
          errors.add("graph(" + x.toText() + ") differs from the graph of another member");
        }
        continue;
      }
      if (!view.members().contains(x)) {
        errors.add("graph(" + x.toText() + ") does not hold " + x.toText());
      }
      graphs.add(view);
      for (Identity member : view.members()) {
        byMember.putIfAbsent(member, view);
      }
    }
    graphs.sort(Comparator.comparing((GraphView g) -> g.members().get(0), GraphOracle.CANONICAL));
    return new GraphSnapshot(graphs, graph.statistics(), errors);
  }

  /** The model's expected state. */
  static GraphSnapshot of(GraphOracle.Solution solution) {
    Map<Identity, List<LinkView>> linksOf = new HashMap<>();
    int removed = 0;
    for (GraphOracle.LinkState link : solution.links().values()) {
      GraphOracle.Seen seen = link.seen();
      LinkView view =
          new LinkView(
              link.pair().from(),
              link.pair().to(),
              seen.firstSeen(),
              seen.lastSeen(),
              seen.datasets(),
              link.status());
      linksOf.computeIfAbsent(link.pair().from(), k -> new ArrayList<>()).add(view);
      linksOf.computeIfAbsent(link.pair().to(), k -> new ArrayList<>()).add(view);
      if (link.status() != LinkStatus.ACCEPTED) {
        removed++;
      }
    }
    List<GraphView> graphs = new ArrayList<>();
    SortedMap<String, Integer> byNamespace = new TreeMap<>();
    SortedMap<Integer, Integer> sizes = new TreeMap<>();
    SortedMap<String, Integer> multiple = new TreeMap<>();
    for (List<Identity> graph : solution.graphs()) {
      List<IdentityView> members = new ArrayList<>();
      List<LinkView> accepted = new ArrayList<>();
      List<LinkView> refused = new ArrayList<>();
      Map<String, Integer> perNamespace = new TreeMap<>();
      for (Identity x : graph) {
        GraphOracle.Seen seen = solution.identities().get(x);
        members.add(
            new IdentityView(
                x,
                NAMESPACES.require(x.namespace()).type(),
                seen.firstSeen(),
                seen.lastSeen(),
                seen.datasets()));
        perNamespace.merge(x.namespace(), 1, Integer::sum);
        for (LinkView link : linksOf.getOrDefault(x, List.of())) {
          List<LinkView> into = link.status() == LinkStatus.ACCEPTED ? accepted : refused;
          if (!into.contains(link)) {
            into.add(link);
          }
        }
      }
      accepted.sort(BY_ENDS);
      refused.sort(BY_ENDS);
      // A view lists the first MAX_LISTED_HUB_REFUSALS hub refusals in canonical order, counts the
      // rest.
      List<LinkView> listed = new ArrayList<>();
      int hubRefusals = 0;
      for (LinkView link : refused) {
        if (link.status() != LinkStatus.REFUSED_HUB
            || ++hubRefusals <= GraphView.MAX_LISTED_HUB_REFUSALS) {
          listed.add(link);
        }
      }
      graphs.add(
          new GraphView(
              profileIdOf(solution.oldestOf(graph.get(0))),
              members,
              accepted,
              listed,
              Math.max(0, hubRefusals - GraphView.MAX_LISTED_HUB_REFUSALS)));
      sizes.merge(graph.size(), 1, Integer::sum);
      perNamespace.forEach(
          (code, count) -> {
            byNamespace.merge(code, count, Integer::sum);
            if (count > 1) {
              multiple.merge(code, 1, Integer::sum);
            }
          });
    }
    GraphStatistics statistics =
        new GraphStatistics(
            solution.graphs().size(),
            solution.identities().size(),
            solution.links().size(),
            removed,
            byNamespace,
            sizes,
            multiple,
            solution.hubs());
    return new GraphSnapshot(graphs, statistics, List.of());
  }

  /** One line per graph, per link and for the statistics; values included, for diffs. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    SortedMap<String, String> links = new TreeMap<>();
    for (GraphView graph : graphs) {
      List<String> members = new ArrayList<>();
      for (IdentityView m : graph.identities()) {
        members.add(
            m.identity().toText() + " " + m.firstSeen() + ".." + m.lastSeen() + " " + m.datasets());
      }
      lines.add("graph {" + String.join(", ", members) + "} id=" + graph.profileId());
      for (List<LinkView> list : List.of(graph.links(), graph.removedLinks())) {
        for (LinkView l : list) {
          String ends = l.from().toText() + " -- " + l.to().toText();
          links.put(
              ends,
              "link "
                  + ends
                  + " "
                  + l.firstSeen()
                  + ".."
                  + l.lastSeen()
                  + " "
                  + l.datasets()
                  + " "
                  + l.status());
        }
      }
    }
    lines.addAll(links.values());
    lines.add(statistics.toString());
    for (String error : errors) {
      lines.add("inconsistent: " + error);
    }
    return lines;
  }

  /** The lines of {@link #lines()}, one per line. */
  String render() {
    return String.join("\n", lines()) + "\n";
  }
}
