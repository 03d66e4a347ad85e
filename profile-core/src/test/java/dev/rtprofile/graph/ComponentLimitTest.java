package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentLimitTest {

  private static Identity email(int i) {
    return Identity.of("Email", "e" + i + "@example.com");
  }

  @Test
  void link_chainPastTheComponentLimit_refusesTheLinkThatWouldGrowIt() {
    MutableIdentityGraph graph = IdentityGraph.builder().graphLimit(3).maxComponentSize(5).build();
    for (int i = 0; i < 4; i++) {
      assertThat(graph.link("d", i, List.of(email(i), email(i + 1))).removedLinks())
          .noneMatch(l -> l.status() == LinkStatus.REFUSED_COMPONENT_LIMIT);
    }

    LinkResult sixth = graph.link("d", 4, List.of(email(4), email(5)));

    assertThat(sixth.removedLinks())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.status()).isEqualTo(LinkStatus.REFUSED_COMPONENT_LIMIT);
              assertThat(List.of(l.from(), l.to())).containsExactly(email(4), email(5));
            });
    assertThat(graph.graph(email(5)).orElseThrow().members()).containsExactly(email(5));
    assertThat(graph.graph(email(5)).orElseThrow().removedLinks())
        .extracting(LinkView::status)
        .containsExactly(LinkStatus.REFUSED_COMPONENT_LIMIT);
  }

  @Test
  void link_hostileChain_keepsEveryGraphWithinTheLimits() {
    MutableIdentityGraph graph = IdentityGraph.builder().graphLimit(4).maxComponentSize(20).build();
    int refused = 0;
    for (int i = 0; i < 500; i++) {
      refused +=
          (int)
              graph.link("d", i, List.of(email(i), email(i + 1))).removedLinks().stream()
                  .filter(l -> l.status() == LinkStatus.REFUSED_COMPONENT_LIMIT)
                  .count();
    }

    GraphStatistics stats = graph.statistics();
    assertThat(stats.sizeHistogram().lastKey()).isLessThanOrEqualTo(4);
    // A component of 20 identities holds 19 chain links; every 20th link is refused.
    assertThat(refused).isEqualTo(500 / 20);
    assertThat(stats.identities()).isEqualTo(501);
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
