package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.internal.GraphEngines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Check-once linking ({@link MutableIdentityGraph#check} then {@link
 * MutableIdentityGraph#link(String, long, CheckedIdentities)}) against plain linking, and the
 * unlocked engine of {@link GraphEngines} against the locked graph the builder returns.
 */
class CheckedLinkingTest {
  private static final int SEEDS = 12;
  private static final int RECORDS = 300;

  /**
   * Over a few hundred random records per scenario (invalid, blocked, duplicate and non-linking
   * identities among them, with erasures in between, also between a check and its link), checking
   * once and linking the checked identities gives the same results and graphs as linking them.
   */
  @Test
  void linkChecked_randomRecords_matchesLinkingTheIdentities() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      GraphScenario scenario = GraphScenario.random(seed);
      MutableIdentityGraph plain = blocking(scenario).build();
      MutableIdentityGraph checking = blocking(scenario).build();
      List<Identity> universe = scenario.universe();
      Random rnd = new Random(seed);
      for (int r = 0; r < RECORDS; r++) {
        GraphStep.Link record = scenario.randomLink(rnd);
        CheckedIdentities checked = checking.check(record.identities());
        assertCheckedAgreesWithTheGraph(checking, record.identities(), checked);
        if (rnd.nextInt(15) == 0) {
          // An erasure between the check and the link: the link must check again.
          Identity victim = record.identities().get(rnd.nextInt(record.identities().size()));
          assertThat(checking.erase(victim)).isEqualTo(plain.erase(victim));
        }
        LinkResult expected = plain.link(record.dataset(), record.timestamp(), record.identities());
        LinkResult actual = checking.link(record.dataset(), record.timestamp(), checked);
        assertThat(actual).as("seed %d, record %d: %s", seed, r, record).isEqualTo(expected);
        if (rnd.nextInt(40) == 0) {
          Identity victim = universe.get(rnd.nextInt(universe.size()));
          assertThat(checking.erase(victim)).isEqualTo(plain.erase(victim));
        }
      }
      assertThat(GraphSnapshot.of(checking, universe))
          .as("seed %d", seed)
          .isEqualTo(GraphSnapshot.of(plain, universe));
    }
  }

  /** The scenario's graph, with one value of each linking namespace blocked. */
  private static IdentityGraph.Builder blocking(GraphScenario scenario) {
    return scenario.newBuilder().blockedValue("Phone", "v1").blockedPattern("GAID", "^v2$");
  }

  private static void assertCheckedAgreesWithTheGraph(
      IdentityGraph graph, List<Identity> sent, CheckedIdentities checked) {
    assertThat(checked.size()).isEqualTo(sent.size());
    List<Identity> dropped = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Identity canonical = checked.canonical(i);
      assertThat(canonical).isEqualTo(graph.canonical(sent.get(i)).orElse(null));
      if (canonical == null) {
        dropped.add(sent.get(i));
      }
      boolean links =
          canonical != null && graph.namespace(canonical.namespace()).orElseThrow().type().links();
      assertThat(checked.links(i)).isEqualTo(links);
    }
    assertThat(checked.dropped()).extracting(DroppedIdentity::identity).isEqualTo(dropped);
  }

  @Test
  void linkChecked_afterAnEraseOfOneOfItsIdentities_dropsItAsErased() {
    MutableIdentityGraph graph = IdentityGraph.builder().build();
    Identity email = Identity.of("Email", "jane@example.com");
    Identity phone = Identity.of("Phone", "+15550001");
    CheckedIdentities checked = graph.check(List.of(email, phone));
    assertThat(checked.dropped()).isEmpty();

    graph.erase(email);
    LinkResult result = graph.link("crm", 1L, checked);

    assertThat(result.identities()).containsExactly(phone);
    assertThat(result.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(email, IdentityProblem.ERASED));
    assertThat(graph.contains(email)).isFalse();
    assertThat(graph.membership(phone).orElseThrow().identities()).containsExactly(phone);
  }

  @Test
  void check_droppedDuplicateAndNonLinkingIdentities_areReportedBySentIndex() {
    MutableIdentityGraph graph =
        GraphScenario.random(1).newBuilder().blockedValue("Phone", "0").build();
    List<Identity> sent =
        List.of(
            Identity.of("crmid", "c-1"),
            Identity.of("Email", "anonymous"),
            Identity.of("Phone", "0"),
            Identity.of("CRMID", "c-1"),
            Identity.of("StoreID", "s-1"));

    CheckedIdentities checked = graph.check(sent);

    assertThat(checked.size()).isEqualTo(5);
    assertThat(checked.canonical(0)).isEqualTo(Identity.of("CRMID", "c-1"));
    assertThat(checked.canonical(1)).isNull();
    assertThat(checked.canonical(2)).isNull();
    assertThat(checked.canonical(3)).isEqualTo(Identity.of("CRMID", "c-1"));
    assertThat(checked.canonical(4)).isEqualTo(Identity.of("StoreID", "s-1"));
    assertThat(List.of(0, 1, 2, 3, 4))
        .extracting(checked::links)
        .containsExactly(true, false, false, true, false);
    assertThat(checked.dropped())
        .extracting(DroppedIdentity::problem)
        .containsExactly(IdentityProblem.RESERVED_VALUE, IdentityProblem.BLOCKED);
    assertThat(checked.rejection()).isEmpty();
    assertThatThrownBy(() -> checked.canonical(5)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void check_tooManyIdentities_isRejectedWithNothingChecked() {
    MutableIdentityGraph graph = IdentityGraph.builder().maxIdentitiesPerRecord(1).build();
    List<Identity> sent =
        List.of(Identity.of("Email", "a@example.com"), Identity.of("Phone", "+1"));

    CheckedIdentities checked = graph.check(sent);

    assertThat(checked.rejection()).contains(RecordProblem.TOO_MANY_IDENTITIES);
    assertThat(checked.canonical(0)).isNull();
    assertThat(checked.links(1)).isFalse();
    assertThat(graph.link("crm", 1L, checked)).isEqualTo(graph.link("crm", 1L, sent));
  }

  @Test
  void linkChecked_checkedByAnotherGraph_throws() {
    MutableIdentityGraph one = IdentityGraph.builder().build();
    MutableIdentityGraph other = IdentityGraph.builder().build();
    CheckedIdentities checked = one.check(List.of(Identity.of("Email", "a@example.com")));

    assertThatThrownBy(() -> other.link("crm", 1L, checked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("checked must come from this graph's check(), but came from another graph");
  }

  /**
   * The unlocked engine that the profile store's bridge builds and the locked graph that {@code
   * build()} returns, fed the same random operations, report the same outcomes and end in identical
   * graphs.
   */
  @Test
  void unsynchronized_sameScenario_givesTheGraphsOfTheLockedGraph() {
    for (long seed = 1; seed <= SEEDS; seed++) {
      GraphScenario scenario = GraphScenario.random(seed);
      MutableIdentityGraph locked = scenario.newBuilder().build();
      MutableIdentityGraph engine = GraphEngines.unsynchronized(scenario.newBuilder());
      assertThat(engine).isInstanceOf(GraphEngine.class);
      assertThat(locked).isInstanceOf(LockedIdentityGraph.class);
      GraphOracle oracle = scenario.newOracle();
      List<Identity> universe = scenario.universe();
      Random rnd = new Random(seed);
      for (int i = 0; i < 80; i++) {
        GraphStep step = scenario.randomStep(rnd, oracle.solve());
        GraphStep.Outcome expected = step.apply(locked);
        assertThat(step.apply(engine)).as("seed %d: %s", seed, step).isEqualTo(expected);
        step.apply(oracle);
      }
      assertThat(GraphSnapshot.of(engine, universe))
          .as("seed %d", seed)
          .isEqualTo(GraphSnapshot.of(locked, universe));
    }
  }

  @Test
  void unsynchronized_invalidBuilder_failsAsBuildDoes() {
    IdentityGraph.Builder builder = IdentityGraph.builder().graphLimit(50).maxComponentSize(10);

    assertThatThrownBy(() -> GraphEngines.unsynchronized(builder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(catchMessage(builder));
  }

  private static String catchMessage(IdentityGraph.Builder builder) {
    try {
      builder.build();
    } catch (IllegalStateException e) {
      return e.getMessage();
    }
    throw new AssertionError("build() did not fail");
  }
}
