package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins what {@link MutableIdentityGraph#link}'s fast paths must not change: the checks that skip
 * work (reserved values by length, values a normalizer kept), the result's identities when they are
 * handed back as sent, the anchors of a new graph, and the paged tables past many pages.
 */
class LinkingFastPathTest {
  private static final Namespace CRMID = Namespace.custom("CRMID", IdentityType.CROSS_DEVICE);

  private static MutableIdentityGraph graph(Namespace... namespaces) {
    IdentityGraph.Builder builder = IdentityGraph.builder().namespace(CRMID);
    for (Namespace namespace : namespaces) {
      builder.namespace(namespace);
    }
    return builder.build();
  }

  @ParameterizedTest
  @ValueSource(strings = {" null", "null ", "\tINVALID\n", "  anonymous  ", " Null\u2003"})
  void link_reservedValueWithSurroundingWhitespace_isDropped(String value) {
    LinkResult result =
        graph().link("crm", 1L, List.of(Identity.of("CRMID", "c-1"), Identity.of("Email", value)));

    assertThat(result.dropped()).hasSize(1);
    assertThat(result.dropped().get(0).problem()).isEqualTo(IdentityProblem.RESERVED_VALUE);
    assertThat(result.identities()).containsExactly(Identity.of("CRMID", "c-1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul", "nulls", "invalids", "anonymou", "null1"})
  void link_valueOfAnotherLengthThanTheReservedOnes_isKept(String value) {
    LinkResult result = graph().link("crm", 1L, List.of(Identity.of("Email", value)));

    assertThat(result.dropped()).isEmpty();
    assertThat(result.identities()).containsExactly(Identity.of("Email", value));
  }

  @Test
  void link_normalizerThatProducesReservedBlankOrLongValue_dropsThem() {
    Namespace reserved =
        Namespace.custom("ToReserved", IdentityType.CROSS_DEVICE).withNormalizer(v -> "Invalid");
    Namespace blank =
        Namespace.custom("ToBlank", IdentityType.CROSS_DEVICE).withNormalizer(v -> "  ");
    Namespace longer =
        Namespace.custom("ToLong", IdentityType.CROSS_DEVICE)
            .withNormalizer(v -> "x".repeat(IdentityChecker.MAX_VALUE_LENGTH + 1));
    MutableIdentityGraph graph = graph(reserved, blank, longer);

    LinkResult result =
        graph.link(
            "crm",
            1L,
            List.of(
                Identity.of("CRMID", "c-1"),
                Identity.of("ToReserved", "fine"),
                Identity.of("ToBlank", "fine"),
                Identity.of("ToLong", "fine")));

    assertThat(result.dropped())
        .extracting(DroppedIdentity::problem)
        .containsExactly(
            IdentityProblem.RESERVED_VALUE, IdentityProblem.BLANK, IdentityProblem.TOO_LONG);
    assertThat(result.identities()).containsExactly(Identity.of("CRMID", "c-1"));
  }

  @Test
  void link_canonicalIdentities_areReportedAsSentInOrder() {
    List<Identity> sent =
        List.of(
            Identity.of("Phone", "+15550001"),
            Identity.of("CRMID", "c-1"),
            Identity.of("Email", "a@example.com"));

    LinkResult result = graph().link("crm", 1L, sent);

    assertThat(result.identities()).isEqualTo(sent);
    assertThat(result.dropped()).isEmpty();
    assertThat(result.removedLinks()).isEmpty();
    assertThat(result.change().afterAnchors()).containsExactly(Identity.of("CRMID", "c-1"));
    assertThat(result.change().beforeAnchors()).isEmpty();
  }

  @Test
  void link_nonCanonicalCodesNormalizedValuesAndDuplicates_areReportedCanonicallyOnce() {
    Namespace email =
        Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase());
    MutableIdentityGraph graph = graph(email);

    LinkResult result =
        graph.link(
            "crm",
            1L,
            List.of(
                Identity.of("email", " A@Example.COM "),
                Identity.of("crmid", "c-1"),
                Identity.of("Email", "a@example.com"),
                Identity.of("CRMID", "c-1")));

    assertThat(result.identities())
        .containsExactly(Identity.of("Email", "a@example.com"), Identity.of("CRMID", "c-1"));
    assertThat(result.dropped()).isEmpty();
    assertThat(result.change().afterAnchors()).containsExactly(Identity.of("CRMID", "c-1"));
    assertThat(graph.graph(Identity.of("Email", "a@example.com")).orElseThrow().links()).hasSize(1);
  }

  @Test
  void link_recordJoiningAnOlderGraph_anchorsOnTheOlderIdentity() {
    MutableIdentityGraph graph = graph();
    graph.link("crm", 1L, List.of(Identity.of("CRMID", "old"), Identity.of("Phone", "+1")));

    LinkResult result =
        graph.link("crm", 2L, List.of(Identity.of("Phone", "+1"), Identity.of("Email", "new")));

    assertThat(result.change().beforeAnchors()).containsExactly(Identity.of("CRMID", "old"));
    assertThat(result.change().afterAnchors()).containsExactly(Identity.of("CRMID", "old"));
    assertThat(result.identities())
        .containsExactly(Identity.of("Phone", "+1"), Identity.of("Email", "new"));
  }

  /**
   * Many pages of every column (identities, links, evidence, forest), with deletions that free ids
   * for reuse: the partition must match a plain union-find over the same records.
   */
  @Test
  void link_manyPagesWithDeletions_matchesPlainUnionFind() {
    MutableIdentityGraph graph = IdentityGraph.builder().namespace(CRMID).graphLimit(1000).build();
    Random random = new Random(7);
    List<List<Identity>> records = new ArrayList<>();
    for (int r = 0; r < 6000; r++) {
      List<Identity> record = new ArrayList<>();
      int person = random.nextInt(2500);
      record.add(Identity.of("CRMID", "c" + person));
      record.add(Identity.of("Email", "e" + r));
      if (random.nextInt(4) == 0) {
        record.add(Identity.of("Phone", "p" + random.nextInt(4000)));
      }
      records.add(record);
    }
    Set<Identity> deleted = new TreeSet<>(Identity.canonicalOrder());
    for (int r = 0; r < records.size(); r++) {
      graph.link("crm", r, records.get(r));
      if (r % 7 == 0) {
        Identity victim = records.get(random.nextInt(r + 1)).get(1);
        graph.delete(victim);
        deleted.add(victim);
      }
    }
    // Deleted emails come back only through later records, so replay the oracle without them.
    Map<Identity, Identity> parent = new HashMap<>();
    for (List<Identity> record : records) {
      Identity first = null;
      for (Identity identity : record) {
        if (deleted.contains(identity)) {
          continue;
        }
        parent.putIfAbsent(identity, identity);
        if (first == null) {
          first = identity;
        } else {
          parent.put(root(parent, identity), root(parent, first));
        }
      }
    }
    assertThat(graph.statistics().identities()).isEqualTo(parent.size()).isGreaterThan(3 * 1024);
    assertThat(graph.statistics().links()).isGreaterThan(3 * 1024);
    Map<Identity, Set<Identity>> expected = new HashMap<>();
    for (Identity identity : parent.keySet()) {
      expected
          .computeIfAbsent(root(parent, identity), k -> new TreeSet<>(Identity.canonicalOrder()))
          .add(identity);
    }
    for (Identity identity : parent.keySet()) {
      assertThat(graph.membership(identity).orElseThrow().identities())
          .as("graph of %s", identity.toText())
          .containsExactlyElementsOf(expected.get(root(parent, identity)));
    }
    for (Identity gone : deleted) {
      assertThat(graph.contains(gone)).isFalse();
    }
  }

  private static Identity root(Map<Identity, Identity> parent, Identity identity) {
    Identity root = identity;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
  }
}
