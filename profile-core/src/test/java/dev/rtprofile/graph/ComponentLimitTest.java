package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComponentLimitTest {

  private static Identity email(int i) {
    return Identity.of("Email", "e" + i + "@example.com");
  }

  @Test
  void link_chainPastTheComponentLimit_refusesEveryLinkOfTheComponent() {
    MutableIdentityGraph graph = IdentityGraph.builder().graphLimit(3).maxComponentSize(5).build();
    for (int i = 0; i < 4; i++) {
      assertThat(graph.link("d", i, List.of(email(i), email(i + 1))).removedLinks())
          .noneMatch(l -> l.status() == LinkStatus.REFUSED_COMPONENT_LIMIT);
    }

    LinkResult sixth = graph.link("d", 4, List.of(email(4), email(5)));

    // Six identities in one component: none of its links counts, every identity stands alone.
    assertThat(sixth.removedLinks())
        .hasSize(5)
        .allSatisfy(l -> assertThat(l.status()).isEqualTo(LinkStatus.REFUSED_COMPONENT_LIMIT));
    for (int i = 0; i <= 5; i++) {
      assertThat(graph.graph(email(i)).orElseThrow().members()).containsExactly(email(i));
    }
    assertThat(sixth.change().after()).hasSize(6);
  }

  @Test
  void unlink_componentBackWithinTheLimit_isSolvedAgain() {
    MutableIdentityGraph graph = IdentityGraph.builder().graphLimit(5).maxComponentSize(5).build();
    for (int i = 0; i < 5; i++) {
      graph.link("d", i, List.of(email(i), email(i + 1)));
    }

    graph.unlink(email(4), email(5));

    assertThat(graph.graph(email(0)).orElseThrow().members())
        .containsExactlyInAnyOrder(email(0), email(1), email(2), email(3), email(4));
    assertThat(graph.graph(email(5)).orElseThrow().members()).containsExactly(email(5));
  }

  @Test
  void link_hostileChain_refusesTheWholeComponentAtEveryLinkCost() {
    GraphEngine graph =
        (GraphEngine)
            dev.rtprofile.internal.GraphEngines.unsynchronized(
                IdentityGraph.builder().graphLimit(4).maxComponentSize(20));
    int refused = 0;
    for (int i = 0; i < 500; i++) {
      refused +=
          (int)
              graph.link("d", i, List.of(email(i), email(i + 1))).removedLinks().stream()
                  .filter(l -> l.status() == LinkStatus.REFUSED_COMPONENT_LIMIT)
                  .count();
    }

    GraphStatistics stats = graph.statistics();
    assertThat(stats.sizeHistogram()).containsOnlyKeys(1);
    assertThat(refused).isEqualTo(500);
    assertThat(stats.identities()).isEqualTo(501);
    // The component is settled once over the limit: a link to it walks nothing.
    assertThat(graph.state.linksWalked).isLessThan(20L * 500);
  }

  /**
   * Issue 14 item 5: past the component limit, the outcome was the arrival order's (four orders of
   * the same 1,500 links gave four outcomes). Now it is one, the same as the model's.
   */
  @Test
  void link_pastTheComponentLimitInFourOrders_givesOneOutcome() {
    GraphScenario scenario =
        new GraphScenario(7, List.of("CRMID"), List.of(), 6, 8, 400, 50, 2, 40);
    Random rnd = new Random(7);
    List<GraphStep> steps = new ArrayList<>();
    List<Identity> universe = scenario.universe();
    for (int i = 0; i < 1_500; i++) {
      Identity a = universe.get(rnd.nextInt(6 * 400));
      Identity b = universe.get(rnd.nextInt(6 * 400));
      if (!a.equals(b)) {
        steps.add(new GraphStep.Link("d" + rnd.nextInt(2), 1 + rnd.nextInt(50), List.of(a, b)));
      }
    }
    GraphOracle oracle = scenario.newOracle();
    steps.forEach(step -> step.apply(oracle));
    String expected = GraphSnapshot.of(oracle.solve()).render();
    assertThat(expected).contains("REFUSED_COMPONENT_LIMIT");

    for (int order = 0; order < 4; order++) {
      List<GraphStep> shuffled = new ArrayList<>(steps);
      Collections.shuffle(shuffled, new Random(order));
      MutableIdentityGraph graph = scenario.newGraph();
      shuffled.forEach(step -> step.apply(graph));

      assertThat(GraphSnapshot.of(graph, universe).render())
          .as("order %d", order)
          .isEqualTo(expected);
    }
  }

  @Test
  void build_componentLimitBelowGraphLimit_failsNamingBoth() {
    assertThatThrownBy(() -> IdentityGraph.builder().graphLimit(50).maxComponentSize(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "maxComponentSize must be at least graphLimit (50), but was 10; raise"
                + " maxComponentSize or lower graphLimit");
  }

  @Test
  void maxComponentSize_belowTwo_isRejected() {
    assertThatThrownBy(() -> IdentityGraph.builder().maxComponentSize(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxComponentSize must be at least 2, but was 1");
  }
}
