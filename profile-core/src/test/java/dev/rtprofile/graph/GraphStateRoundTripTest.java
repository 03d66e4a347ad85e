package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.GraphEngines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine's whole state written and read back ({@link GraphEngines#writeState}, {@link
 * GraphEngines#readState}): after seeded random workloads on engine A (links across namespaces,
 * unique ones included, graph-limit evictions, hub refusals, do-not-link rules, unlinks, deletes,
 * erasures, dataset deletions, components over the component limit), B read from A's state must
 * render every read alike, write the same bytes, and give the same results and states for the same
 * further writes.
 */
class GraphStateRoundTripTest {
  private static final int SEEDS = Integer.getInteger("rtprofile.graph.seeds", 60);

  /** One write (or dry run) applied alike to both engines, with its Java call for reports. */
  record Op(String text, Function<MutableIdentityGraph, Object> apply) {}

  /** What the workloads covered when their states were written, over all seeds. */
  private final Set<LinkStatus> statusesWritten = EnumSet.noneOf(LinkStatus.class);

  private int erasedStatesWritten;
  private int multiDatasetStatesWritten;

  static byte[] write(MutableIdentityGraph engine) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      GraphEngines.writeState(engine, new DataOutputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static MutableIdentityGraph read(IdentityGraph.Builder builder, byte[] state) throws IOException {
    return GraphEngines.readState(builder, new DataInputStream(new ByteArrayInputStream(state)));
  }

  /** The seed's scenario; one in three has the component limit just above the graph limit. */
  private static GraphScenario scenario(long seed) {
    GraphScenario s = GraphScenario.random(seed);
    if (seed % 3 != 0) {
      return s;
    }
    return new GraphScenario(
        s.seed(),
        s.unique(),
        s.priority(),
        s.graphLimit(),
        s.hubLimit(),
        s.values(),
        s.maxTimestamp(),
        s.datasets(),
        s.graphLimit() + 1);
  }

  @Test
  void randomWorkloads_readBackIndistinguishable() throws IOException {
    for (long seed = 1; seed <= SEEDS; seed++) {
      roundTrip(seed);
    }
    assertThat(statusesWritten).containsExactlyInAnyOrder(LinkStatus.values());
    assertThat(erasedStatesWritten).isPositive();
    assertThat(multiDatasetStatesWritten).isPositive();
  }

  /**
   * Past the first page of every column (1,024 ids), with free lists, hubs, multi-dataset evidence,
   * do-not-link rules, erasures and a dataset deletion: B writes the same bytes, reads alike on a
   * sample and gives the same results for the same further writes.
   */
  @Test
  void manyIdentities_readBackIndistinguishable() throws IOException {
    GraphScenario scenario =
        new GraphScenario(77, List.of("CRMID"), List.of(), 8, 5, 20_000, 50, 3, 40);
    Random rnd = new Random(77);
    MutableIdentityGraph a = GraphEngines.unsynchronized(scenario.newBuilder());
    List<Identity> sample = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      int person = rnd.nextInt(20_000);
      List<Identity> identities = new ArrayList<>();
      for (String code : GraphScenario.LINKING) {
        if (rnd.nextInt(3) == 0) {
          identities.add(new Identity(code, "v" + person));
        }
      }
      if (rnd.nextInt(20) == 0) {
        // A few shared devices become hubs; a few records bridge two people past the limit.
        identities.add(new Identity("GAID", "v" + rnd.nextInt(40)));
      }
      if (rnd.nextInt(50) == 0) {
        identities.add(new Identity("CRMID", "v" + rnd.nextInt(20_000)));
      }
      a.link("d" + rnd.nextInt(3), 1 + rnd.nextInt(50), identities);
      if (i % 15 == 0) {
        sample.addAll(identities);
      }
    }
    for (int i = 0; i < 3_000; i++) {
      Identity x = sample.get(rnd.nextInt(sample.size()));
      switch (rnd.nextInt(4)) {
        case 0 -> a.delete(x);
        case 1 -> a.erase(x);
        case 2 -> a.neverLink(x, new Identity("Email", "v" + rnd.nextInt(20_000)));
        default -> a.unlink(x, new Identity("Email", x.value()));
      }
    }
    a.deleteDataset("d2");
    assertThat(a.statistics().identities()).isGreaterThan(5 * Pages.SIZE);

    byte[] state = write(a);
    MutableIdentityGraph b = read(scenario.newBuilder(), state);
    assertThat(write(b)).isEqualTo(state);
    List<Identity> universe = sample.subList(0, 1_500);
    assertThat(GraphRendering.of(b, universe)).isEqualTo(GraphRendering.of(a, universe));
    for (int i = 0; i < 300; i++) {
      Identity x = sample.get(rnd.nextInt(sample.size()));
      Identity y = sample.get(rnd.nextInt(sample.size()));
      Op op =
          switch (rnd.nextInt(5)) {
            case 0 -> new Op("link", g -> g.link("d1", 60, List.of(x, y)));
            case 1 -> new Op("delete", g -> g.delete(x));
            case 2 -> new Op("erase", g -> g.erase(x));
            case 3 -> new Op("neverLink", g -> x.equals(y) ? "same" : g.neverLink(x, y));
            default ->
                new Op("deleteDataset", g -> g.deleteDataset("d" + (x.value().length() % 3)));
          };
      assertThat(GraphRendering.result(op.apply().apply(b)))
          .as("further write %d: %s", i, op.text())
          .isEqualTo(GraphRendering.result(op.apply().apply(a)));
    }
    assertThat(write(b)).isEqualTo(write(a));
  }

  private void roundTrip(long seed) throws IOException {
    GraphScenario scenario = scenario(seed);
    List<Identity> universe = scenario.universe();
    Random rnd = new Random(seed);
    MutableIdentityGraph a = GraphEngines.unsynchronized(scenario.newBuilder());
    int steps = 30 + rnd.nextInt(90);
    for (int i = 0; i < steps; i++) {
      randomOp(scenario, rnd, a).apply().apply(a);
    }
    if (seed % 2 == 0) {
      // Half the states carry a built profile id index.
      a.resolveProfileId("none");
    }
    cover(a, universe);

    byte[] state = write(a);
    MutableIdentityGraph b = read(scenario.newBuilder(), state);
    assertThat(write(b)).as("seed %d: the state B writes", seed).isEqualTo(state);

    // Writes first (the profile id index as written), then every read, then writes again.
    List<String> ops = new ArrayList<>();
    applyBoth(scenario, rnd, a, b, 30, ops, seed);
    assertThat(GraphRendering.of(b, universe))
        .as("seed %d: B's reads after %s", seed, ops)
        .isEqualTo(GraphRendering.of(a, universe));
    applyBoth(scenario, rnd, a, b, 30, ops, seed);
    assertThat(GraphRendering.of(b, universe))
        .as("seed %d: B's reads after %s", seed, ops)
        .isEqualTo(GraphRendering.of(a, universe));
    assertThat(write(b)).as("seed %d: B's state after %s", seed, ops).isEqualTo(write(a));
  }

  private static void applyBoth(
      GraphScenario scenario,
      Random rnd,
      MutableIdentityGraph a,
      MutableIdentityGraph b,
      int steps,
      List<String> ops,
      long seed) {
    for (int i = 0; i < steps; i++) {
      Op op = randomOp(scenario, rnd, a);
      ops.add(op.text());
      String fromA = GraphRendering.result(op.apply().apply(a));
      String fromB = GraphRendering.result(op.apply().apply(b));
      assertThat(fromB).as("seed %d: %s", seed, ops).isEqualTo(fromA);
    }
  }

  /** Notes what the state about to be written holds. */
  private void cover(IdentityGraph graph, List<Identity> universe) {
    boolean erased = false;
    boolean multi = false;
    for (Identity x : universe) {
      erased |= graph.problem(x).map(p -> p.problem().name().equals("ERASED")).orElse(false);
      Optional<GraphView> view = graph.graph(x);
      if (view.isEmpty()) {
        continue;
      }
      for (IdentityView m : view.get().identities()) {
        multi |= m.datasets().size() > 1;
      }
      for (List<LinkView> links : List.of(view.get().links(), view.get().removedLinks())) {
        for (LinkView l : links) {
          statusesWritten.add(l.status());
          multi |= l.datasets().size() > 1;
        }
      }
    }
    erasedStatesWritten += erased ? 1 : 0;
    multiDatasetStatesWritten += multi ? 1 : 0;
  }

  /** A random write aimed at what {@code now} holds most of the time, or a dry run. */
  static Op randomOp(GraphScenario scenario, Random rnd, IdentityGraph now) {
    int roll = rnd.nextInt(100);
    List<Identity> universe = scenario.universe();
    List<Identity> live = universe.stream().filter(now::contains).toList();
    if (roll < 52) {
      GraphStep.Link l = scenario.randomLink(rnd);
      return new Op(l.toString(), g -> g.link(l.dataset(), l.timestamp(), l.identities()));
    }
    if (roll < 58) {
      GraphStep.Link l = scenario.randomLink(rnd);
      return new Op(
          "checked " + l, g -> g.link(l.dataset(), l.timestamp(), g.check(l.identities())));
    }
    if (roll < 61) {
      GraphStep.Link l = scenario.randomLink(rnd);
      return new Op("dryRun " + l, g -> g.dryRun(l.dataset(), l.timestamp(), l.identities()));
    }
    if (roll < 71) {
      List<LinkView> links = new ArrayList<>();
      for (Identity x : live) {
        now.graph(x)
            .ifPresent(
                v -> {
                  links.addAll(v.links());
                  links.addAll(v.removedLinks());
                });
      }
      Identity x;
      Identity y;
      if (!links.isEmpty() && rnd.nextInt(4) != 0) {
        LinkView l = links.get(rnd.nextInt(links.size()));
        x = l.from();
        y = l.to();
      } else {
        x = universe.get(rnd.nextInt(universe.size()));
        y = universe.get(rnd.nextInt(universe.size()));
      }
      return new Op(new GraphStep.Unlink(x, y).toString(), g -> g.unlink(x, y));
    }
    if (roll < 78) {
      Identity x = pick(rnd, live, universe);
      return new Op(new GraphStep.Delete(x).toString(), g -> g.delete(x));
    }
    if (roll < 82) {
      String dataset = rnd.nextInt(8) == 0 ? "unknown" : "d" + rnd.nextInt(scenario.datasets());
      return new Op(new GraphStep.DeleteDataset(dataset).toString(), g -> g.deleteDataset(dataset));
    }
    if (roll < 92) {
      Identity x = pick(rnd, live, universe);
      List<Identity> mates =
          now.membership(x).map(Membership::identities).orElse(List.of()).stream()
              .filter(m -> !m.equals(x))
              .toList();
      Identity y =
          mates.isEmpty() || rnd.nextInt(3) == 0 ? null : mates.get(rnd.nextInt(mates.size()));
      while (y == null || y.equals(x)) {
        y = scenario.universe().get(rnd.nextInt(universe.size()));
      }
      Identity partner = y;
      return new Op(new GraphStep.NeverLink(x, partner).toString(), g -> g.neverLink(x, partner));
    }
    Identity x = pick(rnd, live, universe);
    return new Op(new GraphStep.Erase(x).toString(), g -> g.erase(x));
  }

  private static Identity pick(Random rnd, List<Identity> live, List<Identity> universe) {
    List<Identity> from = !live.isEmpty() && rnd.nextInt(4) != 0 ? live : universe;
    return from.get(rnd.nextInt(from.size()));
  }
}
