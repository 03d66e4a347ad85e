package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.GraphEngines;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Costs as a contract (ARCHITECTURE §2: no operation costs more than the size of the components it
 * touches), pinned by counting the links the writer's walks visit ({@link GraphState#linksWalked}),
 * never by timing: the same input grown tenfold must cost about tenfold.
 */
class GraphCostTest {
  private static final Identity HUB = Identity.of("ECID", "1".repeat(38));

  private static Identity email(int i) {
    return Identity.of("Email", "e" + i + "@example.com");
  }

  private static GraphEngine engine(IdentityGraph.Builder builder) {
    return (GraphEngine) GraphEngines.unsynchronized(builder);
  }

  /**
   * Links {@code records} records that share one ECID, each with an email of its own, under the
   * default limits: the hub's graph (the ECID and its first 50 emails) is one over the graph limit,
   * so that every record recomputes it.
   */
  private static GraphEngine hub(int records) {
    GraphEngine graph = engine(IdentityGraph.builder());
    for (int i = 0; i < records; i++) {
      graph.link("web", i, List.of(email(i), HUB));
    }
    return graph;
  }

  @Test
  void link_recordsSharingOneIdentity_walkLinearlyManyLinks() {
    long small = hub(1_000).state.linksWalked;
    long large = hub(10_000).state.linksWalked;

    // Before the hub's refused links left the walks, every record walked all of them: 100x.
    assertThat(large).isLessThanOrEqualTo(small * 11);
  }

  @Test
  void link_recordsSharingOneIdentityOutOfOrder_walkLinearlyManyLinks() {
    long[] walked = new long[2];
    int[] sizes = {1_000, 10_000};
    for (int k = 0; k < 2; k++) {
      GraphEngine graph = engine(IdentityGraph.builder().hubLimit(10));
      // Newest first: every record ranks before the hub's cutoff and displaces it.
      for (int i = sizes[k] - 1; i >= 0; i--) {
        graph.link("web", i, List.of(email(i), HUB));
      }
      walked[k] = graph.state.linksWalked;
      assertThat(graph.graph(HUB).orElseThrow().links())
          .hasSize(10)
          .allSatisfy(l -> assertThat(l.firstSeen()).isLessThan(10));
    }

    assertThat(walked[1]).isLessThanOrEqualTo(walked[0] * 11);
  }

  @Test
  void link_toAHubWhoseGraphIsRecomputed_reportsOnlyTheGraphsItChanged() {
    GraphEngine graph = hub(100);

    LinkResult result = graph.link("web", 100, List.of(email(100), HUB));

    // The hub's component (one over the graph limit) is recomputed, but its graphs come out as they
    // were: the owner (the store) must republish only the new identity's graph, not all 51.
    assertThat(result.change().before()).isEmpty();
    assertThat(result.change().after()).containsExactly(graph.profileId(email(100)).orElseThrow());
  }

  @Test
  void graph_ofAHub_listsABoundedNumberOfRefusalsAndCountsTheRest() {
    GraphEngine graph = hub(1_000);

    GraphView view = graph.graph(HUB).orElseThrow();

    assertThat(view.removedLinks())
        .filteredOn(l -> l.status() == LinkStatus.REFUSED_HUB)
        .hasSize(GraphView.MAX_LISTED_HUB_REFUSALS);
    assertThat(view.hubRefusalsNotListed())
        .isEqualTo(1_000 - 50 - GraphView.MAX_LISTED_HUB_REFUSALS);
    assertThat(graph.statistics().hubs()).isEqualTo(1);
    assertThat(graph.statistics().removedLinks()).isGreaterThanOrEqualTo(1_000 - 50);
  }

  @Test
  void unlink_aLinkAHubTook_promotesItsNextLink() {
    GraphEngine graph = engine(IdentityGraph.builder().hubLimit(10));
    for (int i = 0; i < 20; i++) {
      graph.link("web", i, List.of(email(i), HUB));
    }

    graph.unlink(email(0), HUB);

    assertThat(graph.graph(HUB).orElseThrow().members())
        .contains(email(10))
        .doesNotContain(email(11));
    assertThat(graph.graph(email(11)).orElseThrow().removedLinks())
        .singleElement()
        .satisfies(l -> assertThat(l.status()).isEqualTo(LinkStatus.REFUSED_HUB));
  }
}
