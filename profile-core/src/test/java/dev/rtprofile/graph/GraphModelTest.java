package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rtprofile.identity.Identity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Model-based tests of {@link IdentityGraph}: random operation sequences (link, unlink, delete,
 * erase, deleteDataset, neverLink) applied to the real graph and to the brute-force {@link
 * GraphOracle}, with the whole state compared after every step.
 *
 * <p>A failure names its seed and is shrunk to a short operation sequence that still fails. Replay
 * one seed with {@code -Drtprofile.graph.seed=N}; run more seeds with {@code
 * -Drtprofile.graph.seeds=N}.
 */
class GraphModelTest {
  private static final int SEEDS = Integer.getInteger("rtprofile.graph.seeds", 150);
  private static final int STEPS = Integer.getInteger("rtprofile.graph.steps", 60);
  private static final @Nullable Long ONLY_SEED = Long.getLong("rtprofile.graph.seed");

  /** What a run compares after each step. */
  enum Check {
    /** Operation outcomes, partition, link statuses, evidence, profile ids, statistics. */
    STATE,
    /** The links that a link's result reports as removed or refused. */
    REMOVED_LINKS
  }

  /** A failed run: the steps run, the index of the failing one, and what went wrong. */
  record Failure(List<GraphStep> steps, int step, String message) {}

  @Test
  void randomOperations_matchTheModelAfterEveryStep() {
    runSeeds(Check.STATE, SEEDS);
  }

  @Test
  void link_reportsTheLinksWhoseStatusItChangedToRemovedOrRefused() {
    runSeeds(Check.REMOVED_LINKS, SEEDS);
  }

  /**
   * Past the initial capacity of the identity and link tables (1,024 each), with deletions freeing
   * ids for reuse: records mostly link one person's identities (same value in every namespace), a
   * few link a device to another person, so that graphs stay small while the tables grow. The state
   * is compared at checkpoints, the operations' outcomes after every step.
   */
  @Test
  void manyIdentities_matchTheModelAtCheckpoints() {
    int people = 400;
    GraphScenario scenario =
        new GraphScenario(1_000_003, List.of("CRMID", "Email"), List.of(), 6, 5, people, 40, 3);
    List<Identity> universe = scenario.universe();
    Run run = new Run(scenario);
    Random rnd = new Random(scenario.seed());
    int steps = 2000;
    for (int i = 1; i <= steps; i++) {
      GraphStep step;
      int roll = rnd.nextInt(100);
      if (i == steps) {
        step = new GraphStep.DeleteDataset("d2");
      } else if (roll < 96) {
        int person = rnd.nextInt(people);
        List<Identity> identities = new ArrayList<>();
        for (String code : GraphScenario.LINKING) {
          if (rnd.nextInt(3) == 0) {
            identities.add(new Identity(code, "v" + person));
          }
        }
        if (rnd.nextInt(30) == 0) {
          String device = rnd.nextBoolean() ? "GAID" : "AAID";
          identities.add(new Identity(device, "v" + rnd.nextInt(people)));
        }
        step = new GraphStep.Link("d" + rnd.nextInt(3), 1 + rnd.nextInt(40), identities);
      } else {
        // Not random records, which would merge everyone; the last step deletes a dataset.
        do {
          step = scenario.randomStep(rnd, run.now);
        } while (step instanceof GraphStep.Link || step instanceof GraphStep.DeleteDataset);
      }
      GraphStep.Outcome real = step.apply(run.graph);
      GraphStep.Outcome model = step.apply(run.oracle);
      assertThat(real.text()).as("step %d: %s", i, step).isEqualTo(model.text());
      if (i % 500 == 0 || i == steps - 1 || i == steps) {
        run.now = run.oracle.solve();
        assertThat(run.compareState(universe)).as("state after step %d", i).isNull();
        if (i == steps - 1) {
          assertThat(run.now.identities().size()).isGreaterThan(1024);
          assertThat(run.now.links().size()).isGreaterThan(1024);
        }
      }
    }
  }

  /** ARCHITECTURE §2's example: the device follows its last authenticated user. */
  @Test
  void sharedDeviceExample_matchesTheDesign() {
    GraphScenario scenario =
        new GraphScenario(
            0, List.of("CRMID"), List.of("CRMID", "loginID", "ECID"), 50, 50, 1, 1, 1);
    Run run = new Run(scenario);
    String device111 = "1".repeat(38);
    String device222 = "2".repeat(38);
    String[][] records = {
      {"CRMID:Tom", "loginID:A"},
      {"CRMID:Tom", "loginID:B"},
      {"loginID:A", "ECID:" + device111},
      {"CRMID:Summer", "loginID:C"},
      {"CRMID:Summer", "loginID:D"},
      {"loginID:C", "ECID:" + device222},
      {"loginID:C", "ECID:" + device111},
    };
    List<Identity> universe = new ArrayList<>();
    for (int t = 0; t < records.length; t++) {
      List<Identity> identities = new ArrayList<>();
      for (String text : records[t]) {
        identities.add(Identity.parse(text));
      }
      universe.addAll(identities);
      assertThat(run.apply(new GraphStep.Link("crm", t + 1, identities), Check.STATE, universe))
          .isNull();
    }

    assertThat(run.now.graphs())
        .containsExactlyInAnyOrder(
            List.of(
                Identity.parse("CRMID:Summer"),
                Identity.parse("ECID:" + device111),
                Identity.parse("ECID:" + device222),
                Identity.parse("loginID:C"),
                Identity.parse("loginID:D")),
            List.of(
                Identity.parse("CRMID:Tom"),
                Identity.parse("loginID:A"),
                Identity.parse("loginID:B")));
    assertThat(
            run.now
                .links()
                .get(
                    GraphOracle.Pair.of(
                        Identity.parse("loginID:A"), Identity.parse("ECID:" + device111)))
                .status())
        .isEqualTo(LinkStatus.REMOVED_UNIQUE_NAMESPACE);
  }

  // ---------------------------------------------------------------------------------------------

  private static void runSeeds(Check check, int seeds) {
    long from = ONLY_SEED != null ? ONLY_SEED : 0;
    long to = ONLY_SEED != null ? ONLY_SEED + 1 : seeds;
    for (long seed = from; seed < to; seed++) {
      GraphScenario scenario = GraphScenario.random(seed);
      Failure failure = explore(scenario, check);
      if (failure != null) {
        fail(report(scenario, check, failure));
      }
    }
  }

  /** Runs one seed's random operations, checking after each; returns the first failure. */
  private static @Nullable Failure explore(GraphScenario scenario, Check check) {
    Run run = new Run(scenario);
    Random rnd = new Random(scenario.seed());
    List<GraphStep> steps = new ArrayList<>();
    for (int i = 0; i < STEPS; i++) {
      GraphStep step = scenario.randomStep(rnd, run.now);
      steps.add(step);
      String message = run.apply(step, check, scenario.universe());
      if (message != null) {
        return new Failure(steps, i, message);
      }
    }
    return null;
  }

  /** Replays fixed steps on a fresh graph and model; returns the first failure. */
  private static @Nullable Failure replay(
      GraphScenario scenario, List<GraphStep> steps, Check check) {
    Run run = new Run(scenario);
    for (int i = 0; i < steps.size(); i++) {
      String message = run.apply(steps.get(i), check, scenario.universe());
      if (message != null) {
        return new Failure(steps.subList(0, i + 1), i, message);
      }
    }
    return null;
  }

  /** Drops steps one at a time for as long as the sequence still fails. */
  private static Failure shrink(GraphScenario scenario, Failure failure, Check check) {
    Failure best = replay(scenario, failure.steps().subList(0, failure.step() + 1), check);
    if (best == null) {
      return failure; // not reproducible on a fresh graph; report it as it happened
    }
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = best.steps().size() - 1; i >= 0; i--) {
        if (i >= best.steps().size()) {
          continue;
        }
        List<GraphStep> candidate = new ArrayList<>(best.steps());
        candidate.remove(i);
        Failure smaller = replay(scenario, candidate, check);
        if (smaller != null) {
          best = smaller;
          progress = true;
        }
      }
    }
    return best;
  }

  private static String report(GraphScenario scenario, Check check, Failure failure) {
    Failure minimal = shrink(scenario, failure, check);
    StringBuilder out = new StringBuilder();
    out.append("seed ")
        .append(scenario.seed())
        .append(" failed ")
        .append(check)
        .append(" at step ")
        .append(failure.step())
        .append(" (replay with -Drtprofile.graph.seed=")
        .append(scenario.seed())
        .append(")\n")
        .append(scenario.describe())
        .append("\nminimal sequence (")
        .append(minimal.steps().size())
        .append(" steps), failing at its last step:\n");
    for (GraphStep step : minimal.steps()) {
      out.append("  ").append(step).append('\n');
    }
    out.append(minimal.message());
    return out.toString();
  }

  /** The real graph and the model side by side. */
  static final class Run {
    final MutableIdentityGraph graph;
    final GraphOracle oracle;
    GraphOracle.Solution now;

    Run(GraphScenario scenario) {
      graph = scenario.newGraph();
      oracle = scenario.newOracle();
      now = oracle.solve();
    }

    /** Applies a step to both sides; returns what differs, or null if nothing does. */
    @Nullable String apply(GraphStep step, Check check, List<Identity> universe) {
      GraphStep.Outcome real;
      try {
        real = step.apply(graph);
      } catch (RuntimeException e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        return "the graph threw on " + step + "\n" + trace;
      }
      GraphStep.Outcome model = step.apply(oracle);
      GraphOracle.Solution before = now;
      now = oracle.solve();
      if (check == Check.STATE) {
        if (!real.text().equals(model.text())) {
          return "the graph returned '" + real.text() + "', the model '" + model.text() + "'";
        }
        return compareState(universe);
      } else if (step.isLink()) {
        List<String> expected = removedLinks(before, now);
        if (!expected.equals(real.removedLinks())) {
          return "LinkResult.removedLinks() was\n  "
              + String.join("\n  ", real.removedLinks())
              + "\nbut these links changed status to removed or refused:\n  "
              + String.join("\n  ", expected);
        }
      }
      return null;
    }

    /** Compares the real graph's state with the model's latest solution. */
    @Nullable String compareState(List<Identity> universe) {
      GraphSnapshot expected = GraphSnapshot.of(now);
      GraphSnapshot actual = GraphSnapshot.of(graph, universe);
      if (expected.equals(actual)) {
        return null;
      }
      return "the state differs from the model's (- expected, + actual)\n"
          + diff(expected.lines(), actual.lines())
          + "expected (model):\n"
          + expected.render()
          + "actual (graph):\n"
          + actual.render();
    }
  }

  /** The links whose status is removed or refused after, and was different (or absent) before. */
  static List<String> removedLinks(GraphOracle.Solution before, GraphOracle.Solution after) {
    List<String> out = new ArrayList<>();
    for (GraphOracle.LinkState link : after.links().values()) {
      GraphOracle.LinkState old = before.links().get(link.pair());
      if (link.status() != LinkStatus.ACCEPTED && (old == null || old.status() != link.status())) {
        out.add(link.pair().text() + " " + link.status());
      }
    }
    out.sort(null);
    return out;
  }

  private static String diff(List<String> expected, List<String> actual) {
    Set<String> missing = new LinkedHashSet<>(expected);
    Set<String> extra = new LinkedHashSet<>(actual);
    List<String> onlyExpected = new ArrayList<>(missing);
    onlyExpected.removeAll(extra);
    List<String> onlyActual = new ArrayList<>(extra);
    onlyActual.removeAll(missing);
    StringBuilder out = new StringBuilder();
    for (String line : onlyExpected) {
      out.append("- ").append(line).append('\n');
    }
    for (String line : onlyActual) {
      out.append("+ ").append(line).append('\n');
    }
    return out.toString();
  }
}
