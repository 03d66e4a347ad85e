package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One operation of a model-based test, applied alike to the real {@link IdentityGraph} and to the
 * {@link GraphOracle}; each side reports an outcome as text so that the two can be compared. Its
 * {@link #toString()} is the Java call, values included, so that a failure can be replayed.
 */
interface GraphStep {

  /**
   * What an operation returned.
   *
   * @param text the outcome both sides must agree on
   * @param removedLinks for a link, the links its result reports as removed or refused, as {@code
   *     FROM -- TO STATUS}, sorted; empty otherwise
   */
  record Outcome(String text, List<String> removedLinks) {
    static Outcome of(String text) {
      return new Outcome(text, List.of());
    }
  }

  /** Applies the operation to the real graph. */
  Outcome apply(MutableIdentityGraph graph);

  /** Applies the operation to the model. */
  Outcome apply(GraphOracle oracle);

  /** Whether the operation is a link, whose result reports the links it removed. */
  default boolean isLink() {
    return false;
  }

  /** Java source for an identity, as the failure reports print it. */
  static String code(Identity identity) {
    return "id(\"" + identity.namespace() + "\", \"" + identity.value() + "\")";
  }

  /** Links the identities of one record. */
  record Link(String dataset, long timestamp, List<Identity> identities) implements GraphStep {
    public Link {
      identities = List.copyOf(identities);
    }

    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      LinkResult result = graph.link(dataset, timestamp, identities);
      List<String> removed =
          result.removedLinks().stream()
              .map(l -> l.from().toText() + " -- " + l.to().toText() + " " + l.status())
              .sorted()
              .toList();
      return new Outcome(rejection(result.rejectionReason()), removed);
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      return Outcome.of(rejection(oracle.link(dataset, timestamp, identities)));
    }

    private static String rejection(Optional<RecordProblem> problem) {
      return problem.map(p -> "rejected " + p).orElse("linked");
    }

    @Override
    public boolean isLink() {
      return true;
    }

    @Override
    public String toString() {
      return "graph.link(\""
          + dataset
          + "\", "
          + timestamp
          + ", List.of("
          + identities.stream().map(GraphStep::code).collect(Collectors.joining(", "))
          + "));";
    }
  }

  /** Removes the link between two identities. */
  record Unlink(Identity a, Identity b) implements GraphStep {
    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      return outcome(graph.unlink(a, b).isPresent());
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      return outcome(oracle.unlink(a, b));
    }

    private static Outcome outcome(boolean unlinked) {
      return Outcome.of(unlinked ? "unlinked" : "no such link");
    }

    @Override
    public String toString() {
      return "graph.unlink(" + code(a) + ", " + code(b) + ");";
    }
  }

  /** Deletes an identity. */
  record Delete(Identity identity) implements GraphStep {
    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      return Outcome.of(graph.delete(identity).outcome().name());
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      return Outcome.of(oracle.delete(identity).name());
    }

    @Override
    public String toString() {
      return "graph.delete(" + code(identity) + ");";
    }
  }

  /** Erases an identity for a privacy request. */
  record Erase(Identity identity) implements GraphStep {
    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      return Outcome.of(graph.erase(identity).outcome().name());
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      return Outcome.of(oracle.erase(identity).name());
    }

    @Override
    public String toString() {
      return "graph.erase(" + code(identity) + ");";
    }
  }

  /** Deletes what one dataset asserted. */
  record DeleteDataset(String dataset) implements GraphStep {
    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      return Outcome.of(graph.deleteDataset(dataset).toString());
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      return Outcome.of(oracle.deleteDataset(dataset).toString());
    }

    @Override
    public String toString() {
      return "graph.deleteDataset(\"" + dataset + "\");";
    }
  }

  /** Adds a do-not-link rule. */
  record NeverLink(Identity a, Identity b) implements GraphStep {
    @Override
    public Outcome apply(MutableIdentityGraph graph) {
      graph.neverLink(a, b);
      return Outcome.of("ok");
    }

    @Override
    public Outcome apply(GraphOracle oracle) {
      oracle.neverLink(a, b);
      return Outcome.of("ok");
    }

    @Override
    public String toString() {
      return "graph.neverLink(" + code(a) + ", " + code(b) + ");";
    }
  }
}
