package dev.rtprofile.cli;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityDeletion;
import dev.rtprofile.graph.LinkResult;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs a {@link SimulationScript} on an identity graph and reports the graphs and every asserted
 * link the final graphs do not hold, with why.
 */
final class Simulator {
  private final MutableIdentityGraph graph;
  private final Consumer<String> notes;

  /** The asserted links by their sorted pair, with what became of them when not held. */
  private final Map<List<String>, String> asserted = new TreeMap<>(Simulator::comparePairs);

  private final Map<String, Integer> deleted = new HashMap<>();
  private final Map<String, Integer> deletedDatasets = new HashMap<>();
  private final Map<List<String>, Long> firstSeen = new HashMap<>();
  private final Map<List<String>, Long> lastSeen = new HashMap<>();

  /**
   * The outcome.
   *
   * @param graphs the graphs of two or more identities: their links and identities, sorted
   * @param removed every asserted link not held, sorted, with its reason
   */
  record Result(List<Graph> graphs, List<Removed> removed) {}

  /**
   * One graph.
   *
   * @param identities its identities as {@code NS:VALUE}, sorted
   * @param links its accepted links, sorted, with the labels they were seen at
   */
  record Graph(List<String> identities, List<Link> links) {}

  /**
   * A link with the first and last time (the {@code N} of {@code tN}) it was asserted.
   *
   * @param pair the two identities, sorted
   * @param firstSeen the first label it was seen at
   * @param lastSeen the last label it was seen at
   */
  record Link(List<String> pair, long firstSeen, long lastSeen) {}

  /**
   * An asserted link the final graphs do not hold.
   *
   * @param link the link
   * @param reason why: the rule that removed it, a deletion, or a rejected record
   */
  record Removed(Link link, String reason) {}

  Simulator(MutableIdentityGraph graph, Consumer<String> notes) {
    this.graph = graph;
    this.notes = notes;
  }

  /**
   * Runs the steps in order.
   *
   * @throws UsageException naming the line if an identity is unknown or invalid
   */
  Result run(List<SimulationScript.Step> steps) {
    for (SimulationScript.Step step : steps) {
      switch (step.kind()) {
        case LINK -> link(step);
        case DELETE_IDENTITY -> {
          Identity identity = step.identities().get(0);
          check(step.line(), identity);
          IdentityDeletion deletion = graph.delete(identity);
          deleted.put(text(canonical(identity)), step.line());
          if (deletion.outcome() == dev.rtprofile.graph.DeleteOutcome.NO_CHANGE) {
            notes.accept("line " + step.line() + ": DELETE identity: not in the graph, no change");
          }
        }
        case DELETE_DATASET -> {
          var deletion = graph.deleteDataset(step.dataset());
          deletedDatasets.put(step.dataset(), step.line());
          if (deletion.linksRemoved() == 0 && deletion.identitiesRemoved() == 0) {
            notes.accept(
                "line " + step.line() + ": DELETE dataset: it asserted no link, no change");
          }
        }
      }
    }
    return result();
  }

  private void link(SimulationScript.Step step) {
    for (Identity identity : step.identities()) {
      check(step.line(), identity);
    }
    LinkResult result = graph.link(step.dataset(), step.time(), step.identities());
    List<String> linkable = new ArrayList<>();
    for (Identity identity : step.identities()) {
      Identity c = canonical(identity);
      boolean links = graph.namespace(c.namespace()).map(n -> n.type().links()).orElse(false);
      if (links && !linkable.contains(text(c))) {
        linkable.add(text(c));
      }
    }
    for (int i = 0; i < linkable.size(); i++) {
      for (int j = i + 1; j < linkable.size(); j++) {
        List<String> pair = pair(linkable.get(i), linkable.get(j));
        firstSeen.merge(pair, step.time(), Math::min);
        lastSeen.merge(pair, step.time(), Math::max);
        if (result.rejected()) {
          asserted.putIfAbsent(
              pair, "record rejected (line " + step.line() + "): " + result.rejection());
        } else {
          asserted.put(pair, "");
        }
      }
    }
    if (result.rejected()) {
      notes.accept(
          "line "
              + step.line()
              + ": record rejected: "
              + result.rejection()
              + "; its links count as removed");
    }
  }

  /** Fails on identities the graph would drop: the script is what is wrong. */
  private void check(int line, Identity identity) {
    Optional<DroppedIdentity> problem = graph.problem(identity);
    if (problem.isEmpty()) {
      return;
    }
    IdentityProblem p = problem.get().problem();
    String hint =
        switch (p) {
          case UNKNOWN_NAMESPACE ->
              "; declare it with --namespace "
                  + identity.namespace()
                  + "=CROSS_DEVICE (or another type)";
          case INVALID_VALUE -> "; --no-validation accepts placeholder values";
          default -> "";
        };
    throw new UsageException(
        "line "
            + line
            + ": "
            + identity.toText()
            + " is dropped: "
            + p
            + " ("
            + problem.get().detail()
            + ")"
            + hint);
  }

  private Identity canonical(Identity identity) {
    return graph.canonical(identity).orElse(identity);
  }

  private Result result() {
    List<Graph> graphs = new ArrayList<>();
    Map<List<String>, String> held = new HashMap<>();
    for (Membership m : graph.memberships()) {
      GraphView view = graph.graph(m.identities().get(0)).orElseThrow();
      for (LinkView l : view.removedLinks()) {
        held.putIfAbsent(pair(text(l.from()), text(l.to())), l.status().name());
      }
      if (view.size() < 2) {
        continue;
      }
      List<Link> links = new ArrayList<>();
      for (LinkView l : view.links()) {
        List<String> pair = pair(text(l.from()), text(l.to()));
        held.put(pair, "");
        links.add(new Link(pair, l.firstSeen(), l.lastSeen()));
      }
      links.sort(Comparator.comparing(Link::pair, Simulator::comparePairs));
      graphs.add(new Graph(view.members().stream().map(Simulator::text).sorted().toList(), links));
    }
    graphs.sort(Comparator.comparing(g -> g.identities().get(0)));
    List<Removed> removed = new ArrayList<>();
    for (Map.Entry<List<String>, String> e : asserted.entrySet()) {
      List<String> pair = e.getKey();
      String status = held.get(pair);
      if ("".equals(status)) {
        continue;
      }
      String reason =
          status != null
              ? describe(status)
              : !e.getValue().isEmpty() ? e.getValue() : deletion(pair);
      removed.add(new Removed(new Link(pair, firstSeen.get(pair), lastSeen.get(pair)), reason));
    }
    return new Result(graphs, removed);
  }

  private static String describe(String status) {
    return status
        + switch (status) {
          case "REMOVED_UNIQUE_NAMESPACE" ->
              ": it would put two values of a unique namespace into one graph";
          case "REMOVED_DO_NOT_LINK" -> ": a do-not-link rule keeps its identities apart";
          case "REMOVED_GRAPH_LIMIT" -> ": an identity was evicted from a graph over the limit";
          case "REFUSED_HUB" -> ": an identity already had as many links as the hub limit allows";
          case "REFUSED_COMPONENT_LIMIT" -> ": the component limit refused it";
          default -> "";
        };
  }

  private String deletion(List<String> pair) {
    for (String identity : pair) {
      Integer line = deleted.get(identity);
      if (line != null) {
        return "identity " + identity + " deleted (line " + line + ")";
      }
    }
    if (!deletedDatasets.isEmpty()) {
      return "dataset deleted (" + String.join(", ", new TreeMap<>(deletedDatasets).keySet()) + ")";
    }
    return "not held";
  }

  static String text(Identity identity) {
    return identity.toText();
  }

  private static List<String> pair(String a, String b) {
    return a.compareTo(b) <= 0 ? List.of(a, b) : List.of(b, a);
  }

  private static int comparePairs(List<String> a, List<String> b) {
    int c = a.get(0).compareTo(b.get(0));
    return c != 0 ? c : a.get(1).compareTo(b.get(1));
  }

  /** Registers {@code code} with {@code type} for the simulation, or checks a standard one. */
  static Namespace namespace(String code, dev.rtprofile.identity.IdentityType type) {
    for (Namespace standard : Namespace.standardCatalogue()) {
      if (standard.key().equals(Namespace.key(code))) {
        if (standard.type() != type) {
          throw new UsageException(
              "--namespace "
                  + code
                  + "="
                  + type
                  + ": "
                  + standard.code()
                  + " is a standard namespace of type "
                  + standard.type());
        }
        return standard;
      }
    }
    try {
      return Namespace.custom(code, type);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--namespace " + code + "=" + type + ": " + e.getMessage(), e);
    }
  }
}
