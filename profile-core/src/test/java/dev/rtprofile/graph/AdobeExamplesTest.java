package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outcomes Adobe documents for Identity Service (linking rules, graph limit, deletion, profile
 * ids), replayed on {@link IdentityGraph} as ARCHITECTURE §2 fixes them. Timestamps are small
 * numbers in the order the stories tell them; identities are written as {@code NAMESPACE:VALUE}.
 */
class AdobeExamplesTest {
  private static final Namespace CRMID = Namespace.custom("CRMID", IdentityType.CROSS_DEVICE);
  private static final Namespace LOGIN_ID = Namespace.custom("loginID", IdentityType.CROSS_DEVICE);

  /** ECID values are 38 digits; these stand for ARCHITECTURE §2's devices 111 and 222. */
  private static final String ECID_111 = "ECID:" + "1".repeat(38);

  private static final String ECID_222 = "ECID:" + "2".repeat(38);
  private static final String ECID_333 = "ECID:" + "3".repeat(38);

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private static Identity id(String text) {
    return Identity.parse(text);
  }

  private static LinkResult link(MutableIdentityGraph graph, long timestamp, String... identities) {
    return link(graph, "web", timestamp, identities);
  }

  private static LinkResult link(
      MutableIdentityGraph graph, String dataset, long timestamp, String... identities) {
    return graph.link(dataset, timestamp, Arrays.stream(identities).map(Identity::parse).toList());
  }

  /** The members of the graph holding {@code identity}, as text, in canonical order. */
  private static List<String> graphOf(MutableIdentityGraph graph, String identity) {
    return texts(graph.graph(id(identity)).orElseThrow().members());
  }

  private static List<String> texts(List<Identity> identities) {
    return identities.stream().map(Identity::toText).toList();
  }

  /** A link as {@code "FROM - TO STATUS"}, its ends in canonical order. */
  private static String describe(LinkView link) {
    return link.from().toText() + " - " + link.to().toText() + " " + link.status();
  }

  private static List<String> describe(List<LinkView> links) {
    return links.stream().map(AdobeExamplesTest::describe).toList();
  }

  /** The profile id of a graph whose oldest identity is {@code identity}. */
  private static String profileIdOf(String identity) {
    Identity i = id(identity);
    return ProfileIds.of(i.namespace(), i.value());
  }

  private static List<String> sorted(String... ids) {
    List<String> list = new ArrayList<>(List.of(ids));
    Collections.sort(list);
    return list;
  }

  // ---------------------------------------------------------------------------------------------
  // Unique namespaces: the identity optimization algorithm

  @Nested
  class SharedDevice {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(CRMID)
            .namespace(LOGIN_ID)
            .linkingRules(
                LinkingRules.builder().unique("CRMID").priority("CRMID", "loginID", "ECID").build())
            .build();

    /** ARCHITECTURE §2's records t1..t6: Tom on device 111, Summer on device 222. */
    private void tomAndSummerLogIn() {
      link(graph, 1, "CRMID:Tom", "loginID:A");
      link(graph, 2, "CRMID:Tom", "loginID:B");
      link(graph, 3, "loginID:A", ECID_111);
      link(graph, 4, "CRMID:Summer", "loginID:C");
      link(graph, 5, "CRMID:Summer", "loginID:D");
      link(graph, 6, "loginID:C", ECID_222);
    }

    @Test
    void link_summerLogsInOnTomsDevice_deviceFollowsLastAuthenticatedUser() {
      tomAndSummerLogIn();

      LinkResult t7 = link(graph, 7, "loginID:C", ECID_111);

      assertThat(graphOf(graph, "CRMID:Summer"))
          .containsExactly("CRMID:Summer", ECID_111, ECID_222, "loginID:C", "loginID:D");
      assertThat(graphOf(graph, "CRMID:Tom"))
          .containsExactly("CRMID:Tom", "loginID:A", "loginID:B");
      assertThat(describe(t7.removedLinks()))
          .containsExactly(ECID_111 + " - loginID:A REMOVED_UNIQUE_NAMESPACE");
    }

    @Test
    void link_summerLogsInOnTomsDevice_keepsTomsOwnLogin() {
      tomAndSummerLogIn();

      link(graph, 7, "loginID:C", ECID_111);

      GraphView tom = graph.graph(id("CRMID:Tom")).orElseThrow();
      assertThat(describe(tom.links()))
          .containsExactly("CRMID:Tom - loginID:A ACCEPTED", "CRMID:Tom - loginID:B ACCEPTED");
      assertThat(describe(tom.removedLinks()))
          .containsExactly(ECID_111 + " - loginID:A REMOVED_UNIQUE_NAMESPACE");
    }

    @Test
    void link_summerLogsInOnTomsDevice_eachGraphTakesIdOfItsOldestIdentity() {
      tomAndSummerLogIn();
      assertThat(graph.profileId(id("loginID:D"))).contains(profileIdOf("CRMID:Summer"));

      link(graph, 7, "loginID:C", ECID_111);

      // Device 111 (first seen at t3) is now the oldest identity of Summer's graph (t4 onwards).
      assertThat(graph.profileId(id("loginID:B"))).contains(profileIdOf("CRMID:Tom"));
      assertThat(graph.profileId(id("loginID:D"))).contains(profileIdOf(ECID_111));
      assertThat(graph.resolveProfileId(profileIdOf("CRMID:Summer")))
          .contains(profileIdOf(ECID_111));
    }

    @Test
    void link_sharedDeviceRecordsInReverseOrder_giveTheSameGraphs() {
      link(graph, 7, "loginID:C", ECID_111);
      link(graph, 6, "loginID:C", ECID_222);
      link(graph, 5, "CRMID:Summer", "loginID:D");
      link(graph, 4, "CRMID:Summer", "loginID:C");
      link(graph, 3, "loginID:A", ECID_111);
      link(graph, 2, "CRMID:Tom", "loginID:B");
      link(graph, 1, "CRMID:Tom", "loginID:A");

      assertThat(graphOf(graph, "CRMID:Summer"))
          .containsExactly("CRMID:Summer", ECID_111, ECID_222, "loginID:C", "loginID:D");
      assertThat(graphOf(graph, "CRMID:Tom"))
          .containsExactly("CRMID:Tom", "loginID:A", "loginID:B");
      assertThat(describe(graph.graph(id("CRMID:Tom")).orElseThrow().removedLinks()))
          .containsExactly(ECID_111 + " - loginID:A REMOVED_UNIQUE_NAMESPACE");
    }
  }

  @Nested
  class BadEmailSharedByTwoCrmIds {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(CRMID)
            .linkingRules(LinkingRules.builder().unique("CRMID").build())
            .build();

    @Test
    void link_secondCrmIdWithSameEmail_removesOlderLinkAndEmailGoesWithNewer() {
      link(graph, 1, "CRMID:1", "Email:family@example.com");

      LinkResult t2 = link(graph, 2, "CRMID:2", "Email:family@example.com");

      assertThat(describe(t2.removedLinks()))
          .containsExactly("CRMID:1 - Email:family@example.com REMOVED_UNIQUE_NAMESPACE");
      assertThat(graphOf(graph, "Email:family@example.com"))
          .containsExactly("CRMID:2", "Email:family@example.com");
      assertThat(graphOf(graph, "CRMID:1")).containsExactly("CRMID:1");
    }

    @Test
    void link_secondCrmIdWithSameEmail_splitPartsTakeIdsOfTheirOldestIdentity() {
      link(graph, 1, "CRMID:1", "Email:family@example.com");

      link(graph, 2, "CRMID:2", "Email:family@example.com");

      assertThat(graph.profileId(id("CRMID:1"))).contains(profileIdOf("CRMID:1"));
      assertThat(graph.profileId(id("CRMID:2"))).contains(profileIdOf("Email:family@example.com"));
    }

    @Test
    void link_firstCrmIdSeenAgainLater_takesTheEmailBack() {
      link(graph, 1, "CRMID:1", "Email:family@example.com");
      link(graph, 2, "CRMID:2", "Email:family@example.com");

      link(graph, 3, "CRMID:1", "Email:family@example.com");

      assertThat(graphOf(graph, "Email:family@example.com"))
          .containsExactly("CRMID:1", "Email:family@example.com");
      assertThat(graphOf(graph, "CRMID:2")).containsExactly("CRMID:2");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Graph limit

  @Nested
  class GraphLimit {
    private final MutableIdentityGraph graph = IdentityGraph.builder().graphLimit(3).build();

    @Test
    void link_graphOverLimit_evictsOldestCookieEvenThoughDeviceIsOlder() {
      link(graph, 1, "Email:a@example.com", "IDFA:device-1");
      link(graph, 2, "Email:a@example.com", ECID_111);

      LinkResult t3 = link(graph, 3, "Email:a@example.com", ECID_222);

      assertThat(graphOf(graph, "Email:a@example.com"))
          .containsExactly(ECID_222, "Email:a@example.com", "IDFA:device-1");
      assertThat(describe(t3.removedLinks()))
          .containsExactly(ECID_111 + " - Email:a@example.com REMOVED_GRAPH_LIMIT");
    }

    @Test
    void link_evictedCookie_staysAloneWithItsRemovedLink() {
      link(graph, 1, "Email:a@example.com", "IDFA:device-1");
      link(graph, 2, "Email:a@example.com", ECID_111);
      link(graph, 3, "Email:a@example.com", ECID_222);

      GraphView evicted = graph.graph(id(ECID_111)).orElseThrow();

      assertThat(evicted.identities())
          .singleElement()
          .satisfies(v -> assertThat(v.type()).isEqualTo(IdentityType.COOKIE));
      assertThat(evicted.links()).isEmpty();
      assertThat(describe(evicted.removedLinks()))
          .containsExactly(ECID_111 + " - Email:a@example.com REMOVED_GRAPH_LIMIT");
      assertThat(graph.statistics().removedLinks()).isEqualTo(1);
    }

    @Test
    void link_graphOverLimitWithoutCookies_evictsDeviceBeforePerson() {
      link(graph, 1, "Email:a@example.com", "IDFA:device-1");
      link(graph, 2, "Email:a@example.com", "Phone:+15550100");

      LinkResult t3 = link(graph, 3, "Email:a@example.com", "Email:b@example.com");

      assertThat(graphOf(graph, "Email:a@example.com"))
          .containsExactly("Email:a@example.com", "Email:b@example.com", "Phone:+15550100");
      assertThat(describe(t3.removedLinks()))
          .containsExactly("Email:a@example.com - IDFA:device-1 REMOVED_GRAPH_LIMIT");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Deleting identities and datasets

  @Nested
  class DeleteIdentity {
    private final MutableIdentityGraph graph = IdentityGraph.builder().build();

    /** Amy and Bob each used a shared kiosk, whose cookie joined them into one graph. */
    private void amyAndBobShareKiosk() {
      link(graph, 1, "Email:amy@example.com", "Phone:+15550111");
      link(graph, 2, "Email:bob@example.com", "Phone:+15550222");
      link(graph, 3, "Email:amy@example.com", ECID_333);
      link(graph, 4, "Email:bob@example.com", ECID_333);
    }

    @Test
    void delete_hubIdentity_isPartialAndSplitsGraph() {
      amyAndBobShareKiosk();
      assertThat(graphOf(graph, ECID_333)).hasSize(5);

      IdentityDeletion deletion = graph.delete(id(ECID_333));

      assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.PARTIAL);
      assertThat(graph.contains(id(ECID_333))).isFalse();
      assertThat(graphOf(graph, "Email:amy@example.com"))
          .containsExactly("Email:amy@example.com", "Phone:+15550111");
      assertThat(graphOf(graph, "Email:bob@example.com"))
          .containsExactly("Email:bob@example.com", "Phone:+15550222");
    }

    @Test
    void delete_hubIdentity_eachPartTakesIdOfItsOwnOldestIdentity() {
      amyAndBobShareKiosk();
      assertThat(graph.profileId(id("Email:bob@example.com")))
          .contains(profileIdOf("Email:amy@example.com"));

      IdentityDeletion deletion = graph.delete(id(ECID_333));

      assertThat(graph.profileId(id("Phone:+15550111")))
          .contains(profileIdOf("Email:amy@example.com"));
      assertThat(graph.profileId(id("Phone:+15550222")))
          .contains(profileIdOf("Email:bob@example.com"));
      assertThat(deletion.change().before()).containsExactly(profileIdOf("Email:amy@example.com"));
      assertThat(deletion.change().after())
          .isEqualTo(
              sorted(profileIdOf("Email:amy@example.com"), profileIdOf("Email:bob@example.com")));
    }

    @Test
    void delete_identityAloneInItsGraph_isFullRemoval() {
      link(graph, 1, "Email:solo@example.com");

      IdentityDeletion deletion = graph.delete(id("Email:solo@example.com"));

      assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.FULL_REMOVAL);
      assertThat(deletion.change().before()).containsExactly(profileIdOf("Email:solo@example.com"));
      assertThat(deletion.change().after()).isEmpty();
      assertThat(graph.contains(id("Email:solo@example.com"))).isFalse();
      assertThat(graph.statistics().graphs()).isZero();
    }

    @Test
    void delete_unknownIdentity_isNoChange() {
      amyAndBobShareKiosk();

      IdentityDeletion deletion = graph.delete(id("Email:nobody@example.com"));

      assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.NO_CHANGE);
      assertThat(deletion.change().changed()).isFalse();
      assertThat(graphOf(graph, ECID_333)).hasSize(5);
    }

    @Test
    void delete_identityOfUnknownNamespace_isNoChange() {
      assertThat(graph.delete(id("Loyalty:42")).outcome()).isEqualTo(DeleteOutcome.NO_CHANGE);
    }

    @Test
    void delete_deletedIdentitySeenAgain_comesBack() {
      amyAndBobShareKiosk();
      graph.delete(id(ECID_333));

      LinkResult again = link(graph, 5, "Email:amy@example.com", ECID_333);

      assertThat(again.dropped()).isEmpty();
      assertThat(graphOf(graph, ECID_333))
          .containsExactly(ECID_333, "Email:amy@example.com", "Phone:+15550111");
    }
  }

  @Nested
  class DeleteDataset {
    private final MutableIdentityGraph graph = IdentityGraph.builder().namespace(CRMID).build();

    /** The CRM asserts Email–Phone alone; CRM and web both assert Email–CRMID. */
    private void crmAndWebData() {
      link(graph, "crm", 1, "Email:a@example.com", "Phone:+15550100");
      link(graph, "web", 5, "Email:a@example.com", "CRMID:1");
      link(graph, "crm", 6, "Email:a@example.com", "CRMID:1");
    }

    private LinkView onlyLink(String identity) {
      return graph.graph(id(identity)).orElseThrow().links().get(0);
    }

    @Test
    void deleteDataset_linkOnlyThatDatasetAsserted_isRemovedWithItsIdentity() {
      crmAndWebData();

      DatasetDeletion deletion = graph.deleteDataset("crm");

      assertThat(deletion).isEqualTo(new DatasetDeletion(1, 1));
      assertThat(graph.contains(id("Phone:+15550100"))).isFalse();
      assertThat(graphOf(graph, "Email:a@example.com"))
          .containsExactly("CRMID:1", "Email:a@example.com");
    }

    @Test
    void deleteDataset_linkAnotherDatasetAlsoAsserted_keepsOnlyThatDatasetsEvidence() {
      crmAndWebData();
      LinkView before = onlyLinkBetweenCrmIdAndEmail();
      assertThat(before.datasets()).containsExactly("crm", "web");
      assertThat(before.lastSeen()).isEqualTo(6);

      graph.deleteDataset("crm");

      LinkView after = onlyLink("CRMID:1");
      assertThat(describe(after)).isEqualTo("CRMID:1 - Email:a@example.com ACCEPTED");
      assertThat(after.datasets()).containsExactly("web");
      assertThat(after.firstSeen()).isEqualTo(5);
      assertThat(after.lastSeen()).isEqualTo(5);
    }

    @Test
    void deleteDataset_identitySeenByBoth_keepsOnlyRemainingEvidence() {
      crmAndWebData();

      graph.deleteDataset("crm");

      IdentityView email =
          graph.graph(id("Email:a@example.com")).orElseThrow().identities().stream()
              .filter(v -> v.identity().equals(id("Email:a@example.com")))
              .findFirst()
              .orElseThrow();
      assertThat(email.datasets()).containsExactly("web");
      assertThat(email.firstSeen()).isEqualTo(5);
      assertThat(email.lastSeen()).isEqualTo(5);
    }

    @Test
    void deleteDataset_oldestIdentityGone_profileIdFollowsRemainingEvidence() {
      crmAndWebData();
      assertThat(graph.profileId(id("CRMID:1"))).contains(profileIdOf("Email:a@example.com"));

      graph.deleteDataset("crm");

      assertThat(graph.profileId(id("CRMID:1"))).contains(profileIdOf("CRMID:1"));
    }

    @Test
    void deleteDataset_unknownDataset_removesNothing() {
      crmAndWebData();

      assertThat(graph.deleteDataset("loyalty")).isEqualTo(new DatasetDeletion(0, 0));
      assertThat(graphOf(graph, "CRMID:1")).hasSize(3);
    }

    private LinkView onlyLinkBetweenCrmIdAndEmail() {
      return graph.graph(id("CRMID:1")).orElseThrow().links().stream()
          .filter(l -> l.from().equals(id("CRMID:1")))
          .findFirst()
          .orElseThrow();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Un-merge, do-not-link, hub guard

  @Nested
  class Unlink {
    private final MutableIdentityGraph graph = IdentityGraph.builder().namespace(CRMID).build();

    @Test
    void unlink_bridgeLink_splitsGraph() {
      link(graph, 1, "Email:a@example.com", "CRMID:1");
      link(graph, 2, "Email:a@example.com", "Phone:+15550100");

      GraphChange change =
          graph.unlink(id("Email:a@example.com"), id("Phone:+15550100")).orElseThrow();

      assertThat(graphOf(graph, "CRMID:1")).containsExactly("CRMID:1", "Email:a@example.com");
      assertThat(graphOf(graph, "Phone:+15550100")).containsExactly("Phone:+15550100");
      assertThat(change.before()).containsExactly(profileIdOf("CRMID:1"));
      assertThat(change.after())
          .isEqualTo(sorted(profileIdOf("CRMID:1"), profileIdOf("Phone:+15550100")));
    }

    @Test
    void unlink_noSuchLink_isEmpty() {
      link(graph, 1, "Email:a@example.com", "CRMID:1");
      link(graph, 2, "Email:a@example.com", "Phone:+15550100");

      assertThat(graph.unlink(id("CRMID:1"), id("Phone:+15550100"))).isEmpty();
      assertThat(graph.unlink(id("CRMID:1"), id("Email:nobody@example.com"))).isEmpty();
      assertThat(graphOf(graph, "CRMID:1")).hasSize(3);
    }

    @Test
    void unlink_linkAssertedAgainLater_linksAgain() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550100");
      graph.unlink(id("Email:a@example.com"), id("Phone:+15550100"));

      link(graph, 2, "Email:a@example.com", "Phone:+15550100");

      assertThat(graphOf(graph, "Phone:+15550100"))
          .containsExactly("Email:a@example.com", "Phone:+15550100");
    }
  }

  @Nested
  class NeverLink {
    private final MutableIdentityGraph graph = IdentityGraph.builder().build();

    @Test
    void neverLink_identitiesInOneGraph_splitsThemApart() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550100");
      link(graph, 2, "Email:b@example.com", "Phone:+15550100");
      assertThat(graphOf(graph, "Email:a@example.com")).hasSize(3);

      graph.neverLink(id("Email:a@example.com"), id("Email:b@example.com"));

      assertThat(graphOf(graph, "Email:b@example.com"))
          .containsExactly("Email:b@example.com", "Phone:+15550100");
      assertThat(graphOf(graph, "Email:a@example.com")).containsExactly("Email:a@example.com");
      assertThat(describe(graph.graph(id("Email:a@example.com")).orElseThrow().removedLinks()))
          .containsExactly("Email:a@example.com - Phone:+15550100 REMOVED_DO_NOT_LINK");
    }

    @Test
    void neverLink_beforeData_keepsLaterRecordsApart() {
      graph.neverLink(id("Email:a@example.com"), id("Email:b@example.com"));

      LinkResult result = link(graph, 1, "Email:a@example.com", "Email:b@example.com");

      assertThat(describe(result.removedLinks()))
          .containsExactly("Email:a@example.com - Email:b@example.com REMOVED_DO_NOT_LINK");
      assertThat(graphOf(graph, "Email:a@example.com")).containsExactly("Email:a@example.com");
      assertThat(graphOf(graph, "Email:b@example.com")).containsExactly("Email:b@example.com");
    }

    @Test
    void neverLink_newestLinkBetweenThem_isStillRemoved() {
      graph.neverLink(id("Email:a@example.com"), id("Email:b@example.com"));
      link(graph, 1, "Email:a@example.com", "Phone:+15550100");
      link(graph, 2, "Email:b@example.com", "Phone:+15550100");

      link(graph, 3, "Email:a@example.com", "Email:b@example.com");

      assertThat(graphOf(graph, "Email:a@example.com")).containsExactly("Email:a@example.com");
      assertThat(graphOf(graph, "Email:b@example.com"))
          .containsExactly("Email:b@example.com", "Phone:+15550100");
    }
  }

  @Nested
  class HubGuard {

    /** Links a junk email to three phones, first seen at t1, t2, t3, in the given arrival order. */
    private MutableIdentityGraph junkEmailLinkedInOrder(String order) {
      MutableIdentityGraph graph = IdentityGraph.builder().hubLimit(2).build();
      for (String t : order.split(",")) {
        link(graph, Long.parseLong(t), "Email:test@test.com", "Phone:+1555000" + t);
      }
      return graph;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,2,3", "3,1,2", "2,3,1", "3,2,1"})
    void link_hubIdentity_takesOnlyItsEarliestLinksRegardlessOfArrivalOrder(String order) {
      MutableIdentityGraph graph = junkEmailLinkedInOrder(order);

      assertThat(graphOf(graph, "Email:test@test.com"))
          .containsExactly("Email:test@test.com", "Phone:+15550001", "Phone:+15550002");
      assertThat(graphOf(graph, "Phone:+15550003")).containsExactly("Phone:+15550003");
      assertThat(describe(graph.graph(id("Phone:+15550003")).orElseThrow().removedLinks()))
          .containsExactly("Email:test@test.com - Phone:+15550003 REFUSED_HUB");
    }

    @Test
    void link_linkBeyondHubLimit_isReportedAsRefused() {
      MutableIdentityGraph graph = junkEmailLinkedInOrder("1,2");

      LinkResult t3 = link(graph, 3, "Email:test@test.com", "Phone:+15550003");

      assertThat(describe(t3.removedLinks()))
          .containsExactly("Email:test@test.com - Phone:+15550003 REFUSED_HUB");
    }

    @Test
    void link_earlierLinkArrivingLate_displacesTheLatestAndReportsIt() {
      MutableIdentityGraph graph = junkEmailLinkedInOrder("2,3");

      LinkResult t1 = link(graph, 1, "Email:test@test.com", "Phone:+15550001");

      assertThat(describe(t1.removedLinks()))
          .containsExactly("Email:test@test.com - Phone:+15550003 REFUSED_HUB");
      assertThat(graph.contains(id("Phone:+15550003"))).isTrue();
    }

    @Test
    void dryRun_linkRefusedByHubGuard_predictsNewIdentityStaysOutOfHubsGraph() {
      MutableIdentityGraph graph = junkEmailLinkedInOrder("1,2");
      List<Identity> record = List.of(id("Email:test@test.com"), id("Phone:+15550003"));

      DryRun dryRun = graph.dryRun("web", 3, record);
      graph.link("web", 3, record);

      assertThat(describe(dryRun.removedLinks()))
          .containsExactly("Email:test@test.com - Phone:+15550003 REFUSED_HUB");
      assertThat(graphOf(graph, "Phone:+15550003")).containsExactly("Phone:+15550003");
      assertThat(dryRun.graphsAfter().stream().map(AdobeExamplesTest::texts))
          .containsExactly(
              List.of("Email:test@test.com", "Phone:+15550001", "Phone:+15550002"),
              List.of("Phone:+15550003"));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Profile ids

  @Nested
  class ProfileIdStability {
    private final MutableIdentityGraph graph = IdentityGraph.builder().build();

    @Test
    void link_mergingTwoGraphs_olderIdSurvives() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");
      link(graph, 2, "Email:b@example.com", "Phone:+15550002");

      LinkResult merge = link(graph, 3, "Email:a@example.com", "Email:b@example.com");

      String older = profileIdOf("Email:a@example.com");
      String newer = profileIdOf("Email:b@example.com");
      assertThat(graph.profileId(id("Phone:+15550002"))).contains(older);
      assertThat(merge.change().before()).isEqualTo(sorted(older, newer));
      assertThat(merge.change().after()).containsExactly(older);
    }

    @Test
    void link_olderGraphArrivingLast_stillGivesTheMergedId() {
      link(graph, 2, "Email:b@example.com", "Phone:+15550002");
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");

      link(graph, 3, "Email:b@example.com", "Email:a@example.com");

      assertThat(graph.profileId(id("Email:b@example.com")))
          .contains(profileIdOf("Email:a@example.com"));
    }

    @Test
    void resolveProfileId_mergedAwayId_redirectsToSurvivor() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");
      link(graph, 2, "Email:b@example.com", "Phone:+15550002");
      String older = profileIdOf("Email:a@example.com");
      String newer = profileIdOf("Email:b@example.com");
      assertThat(graph.resolveProfileId(newer)).contains(newer);

      link(graph, 3, "Email:a@example.com", "Email:b@example.com");

      assertThat(graph.resolveProfileId(newer)).contains(older);
      assertThat(graph.resolveProfileId(older)).contains(older);
      assertThat(texts(graph.graphByProfileId(newer).orElseThrow().members()))
          .containsExactly(
              "Email:a@example.com", "Email:b@example.com", "Phone:+15550001", "Phone:+15550002");
    }

    @Test
    void resolveProfileId_unknownOrMalformedId_isEmpty() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");

      assertThat(graph.resolveProfileId(profileIdOf("Email:nobody@example.com"))).isEmpty();
      assertThat(graph.resolveProfileId("not a profile id")).isEmpty();
      assertThat(graph.graphByProfileId("")).isEmpty();
    }

    @Test
    void unlink_afterMerge_eachPartTakesIdOfItsOwnOldestIdentity() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");
      link(graph, 2, "Email:b@example.com", "Phone:+15550002");
      link(graph, 3, "Email:a@example.com", "Email:b@example.com");

      graph.unlink(id("Email:a@example.com"), id("Email:b@example.com"));

      String newer = profileIdOf("Email:b@example.com");
      assertThat(graph.profileId(id("Phone:+15550001")))
          .contains(profileIdOf("Email:a@example.com"));
      assertThat(graph.profileId(id("Phone:+15550002"))).contains(newer);
      assertThat(graph.resolveProfileId(newer)).contains(newer);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Privacy erasure

  @Nested
  class Erase {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(CRMID)
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .build();

    @Test
    void erase_identity_isGoneFromGraphStatisticsAndMembers() {
      link(graph, 1, "CRMID:1", "Email:jane@example.com", "Phone:+15550100");

      IdentityDeletion deletion = graph.erase(id("email: JANE@example.com"));

      assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.PARTIAL);
      assertThat(graph.contains(id("Email:jane@example.com"))).isFalse();
      assertThat(graph.graph(id("Email:jane@example.com"))).isEmpty();
      assertThat(graphOf(graph, "CRMID:1")).containsExactly("CRMID:1", "Phone:+15550100");
      assertThat(graph.members(id("CRMID:1"), "Email")).isEmpty();
      assertThat(graph.statistics().identitiesByNamespace())
          .containsExactly(entry("CRMID", 1), entry("Phone", 1));
    }

    @Test
    void erase_thenRelinked_isDroppedAsErasedAndRestOfRecordLinks() {
      link(graph, 1, "CRMID:1", "Email:jane@example.com", "Phone:+15550100");
      graph.erase(id("Email:jane@example.com"));

      LinkResult replay = link(graph, 2, "CRMID:1", "Email:Jane@Example.com", "Phone:+15550199");

      assertThat(replay.rejected()).isFalse();
      assertThat(replay.dropped())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.identity()).isEqualTo(id("Email:Jane@Example.com"));
                assertThat(d.problem()).isEqualTo(IdentityProblem.ERASED);
              });
      assertThat(texts(replay.identities())).containsExactly("CRMID:1", "Phone:+15550199");
      assertThat(graphOf(graph, "CRMID:1"))
          .containsExactly("CRMID:1", "Phone:+15550100", "Phone:+15550199");
    }

    @Test
    void erase_identityNeverSeen_isNoChangeButStillDenied() {
      IdentityDeletion deletion = graph.erase(id("Email:jane@example.com"));

      LinkResult later = link(graph, 1, "CRMID:1", "Email:jane@example.com");

      assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.NO_CHANGE);
      assertThat(later.dropped())
          .extracting(DroppedIdentity::problem)
          .containsExactly(IdentityProblem.ERASED);
      assertThat(graphOf(graph, "CRMID:1")).containsExactly("CRMID:1");
    }

    @Test
    void erase_identityAloneInItsGraph_isFullRemoval() {
      link(graph, 1, "Email:jane@example.com");

      assertThat(graph.erase(id("Email:jane@example.com")).outcome())
          .isEqualTo(DeleteOutcome.FULL_REMOVAL);
      assertThat(graph.statistics().identities()).isZero();
    }

    @Test
    void canonical_erasedIdentity_isEmpty() {
      // canonical()'s Javadoc: "empty if the identity is invalid, blocked or erased".
      link(graph, 1, "CRMID:1", "Email:jane@example.com");
      assertThat(graph.canonical(id("Email:Jane@Example.com")))
          .contains(id("Email:jane@example.com"));

      graph.erase(id("Email:jane@example.com"));

      assertThat(graph.canonical(id("Email:Jane@Example.com"))).isEmpty();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Dry run

  @Nested
  class DryRunOfSharedDevice {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(CRMID)
            .namespace(LOGIN_ID)
            .linkingRules(
                LinkingRules.builder().unique("CRMID").priority("CRMID", "loginID", "ECID").build())
            .build();

    private void tomAndSummerLogIn() {
      link(graph, 1, "CRMID:Tom", "loginID:A");
      link(graph, 2, "CRMID:Tom", "loginID:B");
      link(graph, 3, "loginID:A", ECID_111);
      link(graph, 4, "CRMID:Summer", "loginID:C");
      link(graph, 5, "CRMID:Summer", "loginID:D");
      link(graph, 6, "loginID:C", ECID_222);
    }

    private DryRun summerOnTomsDevice() {
      return graph.dryRun("web", 7, List.of(id("loginID:C"), id(ECID_111), id("Email:null")));
    }

    @Test
    void dryRun_reportsGraphsAfterRemovedLinksAndProfileIdsBefore() {
      tomAndSummerLogIn();

      DryRun dryRun = summerOnTomsDevice();

      assertThat(dryRun.rejection()).isNull();
      assertThat(texts(dryRun.identities())).containsExactly("loginID:C", ECID_111);
      assertThat(dryRun.dropped())
          .extracting(DroppedIdentity::problem)
          .containsExactly(IdentityProblem.RESERVED_VALUE);
      assertThat(dryRun.graphsAfter())
          .singleElement()
          .satisfies(
              g ->
                  assertThat(texts(g))
                      .containsExactly(
                          "CRMID:Summer", ECID_111, ECID_222, "loginID:C", "loginID:D"));
      assertThat(describe(dryRun.removedLinks()))
          .containsExactly(ECID_111 + " - loginID:A REMOVED_UNIQUE_NAMESPACE");
      assertThat(dryRun.profileIdsBefore())
          .isEqualTo(sorted(profileIdOf("CRMID:Tom"), profileIdOf("CRMID:Summer")));
    }

    @Test
    void dryRun_changesNothing() {
      tomAndSummerLogIn();
      GraphStatistics statisticsBefore = graph.statistics();
      GraphView tomBefore = graph.graph(id("CRMID:Tom")).orElseThrow();
      GraphView summerBefore = graph.graph(id("CRMID:Summer")).orElseThrow();

      summerOnTomsDevice();
      graph.dryRun("web", 8, List.of(id("loginID:E"), id(ECID_333)));

      assertThat(graph.statistics()).isEqualTo(statisticsBefore);
      assertThat(graph.graph(id("CRMID:Tom"))).contains(tomBefore);
      assertThat(graph.graph(id("CRMID:Summer"))).contains(summerBefore);
      assertThat(graph.contains(id("loginID:E"))).isFalse();
      assertThat(graph.contains(id(ECID_333))).isFalse();
    }

    @Test
    void dryRun_predictsWhatLinkThenDoes() {
      tomAndSummerLogIn();
      DryRun dryRun = summerOnTomsDevice();

      LinkResult result =
          graph.link("web", 7, List.of(id("loginID:C"), id(ECID_111), id("Email:null")));

      assertThat(result.removedLinks()).isEqualTo(dryRun.removedLinks());
      assertThat(graph.graph(id(ECID_111)).orElseThrow().members())
          .isEqualTo(dryRun.graphsAfter().get(0));
    }

    @Test
    void dryRun_recordAddingToOneGraph_doesNotMerge() {
      tomAndSummerLogIn();

      DryRun dryRun = graph.dryRun("web", 7, List.of(id("loginID:B"), id(ECID_333)));

      assertThat(dryRun.merges()).isFalse();
      assertThat(dryRun.profileIdsBefore()).containsExactly(profileIdOf("CRMID:Tom"));
      assertThat(dryRun.graphsAfter())
          .singleElement()
          .satisfies(
              g ->
                  assertThat(texts(g))
                      .containsExactly("CRMID:Tom", ECID_111, ECID_333, "loginID:A", "loginID:B"));
    }

    @Test
    void dryRun_newIdentityAlone_formsGraphOfItsOwn() {
      DryRun dryRun = graph.dryRun("web", 7, List.of(id("Email:x@example.com")));

      assertThat(dryRun.profileIdsBefore()).isEmpty();
      assertThat(dryRun.graphsAfter()).containsExactly(List.of(id("Email:x@example.com")));
    }

    @Test
    void dryRun_conflictingUniqueIdentities_reportsRejection() {
      tomAndSummerLogIn();

      DryRun dryRun = graph.dryRun("web", 7, List.of(id("CRMID:Tom"), id("CRMID:Summer")));

      assertThat(dryRun.rejection()).isEqualTo(RecordProblem.CONFLICTING_UNIQUE_IDENTITIES);
      assertThat(dryRun.graphsAfter()).isEmpty();
      assertThat(dryRun.removedLinks()).isEmpty();
    }
  }

  @Nested
  class DryRunMerge {
    private final MutableIdentityGraph graph = IdentityGraph.builder().build();

    @Test
    void dryRun_recordJoiningTwoGraphs_merges() {
      link(graph, 1, "Email:a@example.com", "Phone:+15550001");
      link(graph, 2, "Email:b@example.com", "Phone:+15550002");

      DryRun dryRun =
          graph.dryRun("web", 3, List.of(id("Email:a@example.com"), id("Email:b@example.com")));

      assertThat(dryRun.merges()).isTrue();
      assertThat(dryRun.removedLinks()).isEmpty();
      assertThat(dryRun.graphsAfter()).singleElement().satisfies(g -> assertThat(g).hasSize(4));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Statistics

  @Nested
  class Statistics {

    @Test
    void statistics_emptyGraph_isAllZero() {
      GraphStatistics statistics = IdentityGraph.builder().build().statistics();

      assertThat(statistics.graphs()).isZero();
      assertThat(statistics.identities()).isZero();
      assertThat(statistics.links()).isZero();
      assertThat(statistics.identitiesByNamespace()).isEmpty();
      assertThat(statistics.sizeHistogram()).isEmpty();
      assertThat(statistics.graphsWithMultipleValues()).isEmpty();
    }

    @Test
    void statistics_countsGraphsIdentitiesSizesAndMultipleValues() {
      MutableIdentityGraph graph = IdentityGraph.builder().build();
      link(graph, 1, "Email:a@example.com", "Phone:+15550001", "Phone:+15550002");
      link(graph, 2, "Email:b@example.com", "Phone:+15550003");
      link(graph, 3, "Email:c@example.com");

      GraphStatistics statistics = graph.statistics();

      assertThat(statistics.graphs()).isEqualTo(3);
      assertThat(statistics.identities()).isEqualTo(6);
      assertThat(statistics.links()).isEqualTo(4);
      assertThat(statistics.removedLinks()).isZero();
      assertThat(statistics.identitiesByNamespace())
          .containsExactly(entry("Email", 3), entry("Phone", 3));
      assertThat(statistics.sizeHistogram()).containsExactly(entry(1, 1), entry(2, 1), entry(3, 1));
      assertThat(statistics.graphsWithMultipleValues()).containsExactly(entry("Phone", 1));
    }

    @Test
    void graphsWithMultipleValues_listsProfileIdsOfThoseGraphs() {
      MutableIdentityGraph graph = IdentityGraph.builder().build();
      link(graph, 1, "Email:a@example.com", "Phone:+15550001", "Phone:+15550002");
      link(graph, 2, "Email:b@example.com", "Phone:+15550003");

      assertThat(graph.graphsWithMultipleValues("phone"))
          .containsExactly(profileIdOf("Email:a@example.com"));
      assertThat(graph.graphsWithMultipleValues("Email")).isEmpty();
      assertThat(graph.graphsWithMultipleValues("Loyalty")).isEmpty();
    }

    @Test
    void statistics_uniqueNamespaceRule_countsRemovedLinksAndNoMultipleValues() {
      MutableIdentityGraph graph =
          IdentityGraph.builder()
              .namespace(CRMID)
              .linkingRules(LinkingRules.builder().unique("CRMID").build())
              .build();
      link(graph, 1, "CRMID:1", "Email:family@example.com");
      link(graph, 2, "CRMID:2", "Email:family@example.com");

      GraphStatistics statistics = graph.statistics();

      assertThat(statistics.graphs()).isEqualTo(2);
      assertThat(statistics.links()).isEqualTo(2);
      assertThat(statistics.removedLinks()).isEqualTo(1);
      assertThat(statistics.sizeHistogram()).containsExactly(entry(1, 1), entry(2, 1));
      assertThat(statistics.graphsWithMultipleValues()).isEmpty();
      assertThat(graph.graphsWithMultipleValues("CRMID")).isEmpty();
    }
  }
}
