package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AEP's merge-policy tutorial: a loyalty record (Daniel, New York City), then a CRM record for the
 * same person (Danny, Portland).
 */
class AdobeTutorialTest {
  private static final Instant T1 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Identity LOYALTY = Identity.of("loyaltyId", "L-77");
  private static final Identity CRM = Identity.of("CRMID", "c-1");

  private ProfileStore store;

  @BeforeEach
  void ingestTheTwoRecords() {
    store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("loyaltyId", IdentityType.CROSS_DEVICE))
            .linkingRules(LinkingRules.builder().unique("CRMID").build())
            .mergePolicy(MergePolicy.dataSetPrecedence("loyalty", "crm").id("loyalty-first"))
            .mergePolicy(
                MergePolicy.dataSetPrecedence("loyalty")
                    .id("loyalty-only-none")
                    .stitching(IdentityStitching.NONE))
            .build();
    IngestResult loyalty =
        store.ingest(
            Record.builder("loyalty")
                .primary(LOYALTY)
                .identity(CRM)
                .attribute("person.name.firstName", "Daniel")
                .attribute("homeAddress.city", "New York City")
                .timestamp(T1)
                .build());
    IngestResult crm =
        store.ingest(
            Record.builder("crm")
                .primary(CRM)
                .attribute("person.name.firstName", "Danny")
                .attribute("homeAddress.city", "Portland")
                .timestamp(T2)
                .build());
    assertThat(loyalty.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(crm.status()).isEqualTo(IngestStatus.ACCEPTED);
  }

  @Test
  void lookup_timestampOrdered_newestRecordWins() {
    Profile p = store.lookup(LOYALTY).fetch().orElseThrow();

    assertThat(p.getString("person.name.firstName")).hasValue("Danny");
    assertThat(p.getString("homeAddress.city")).hasValue("Portland");
    assertThat(p.identities()).containsExactly(CRM, LOYALTY);
    assertThat(p.datasets()).containsExactly("crm", "loyalty");
    assertThat(p.primaryIdentity()).isEqualTo(CRM);
  }

  @Test
  void lookup_dataSetPrecedenceLoyaltyFirst_loyaltyWins() {
    Profile p = store.lookup(CRM).policy("loyalty-first").fetch().orElseThrow();

    assertThat(p.getString("person.name.firstName")).hasValue("Daniel");
    assertThat(p.getString("homeAddress.city")).hasValue("New York City");
  }

  @Test
  void lookup_noStitchingLoyaltyOnly_findsNothingByTheCrmId() {
    assertThat(store.lookup(CRM).policy("loyalty-only-none").fetch()).isEmpty();
    assertThat(store.lookup(LOYALTY).policy("loyalty-only-none").fetch())
        .hasValueSatisfying(
            p -> assertThat(p.getString("person.name.firstName")).hasValue("Daniel"));
  }

  @Test
  void explain_conflictingFirstName_namesWinnerAndLoser() {
    Explanation e =
        store.lookup(LOYALTY).fetch().orElseThrow().explain("person.name.firstName").orElseThrow();

    assertThat(e.value()).isEqualTo("Danny");
    assertThat(e.rule()).isEqualTo("timestampOrdered");
    assertThat(e.winner()).isNotNull();
    assertThat(e.winner().dataset()).isEqualTo("crm");
    assertThat(e.winner().primary()).isEqualTo(CRM);
    assertThat(e.winner().timestamp()).isEqualTo(T2.toEpochMilli());
    assertThat(e.losers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.value()).isEqualTo("Daniel");
              assertThat(c.dataset()).isEqualTo("loyalty");
            });
  }

  @Test
  void lookup_customTimestampOlderThanIngestion_beatsALaterIngestedRecord() {
    store.ingest(
        Record.builder("loyalty")
            .primary(LOYALTY)
            .identity(CRM)
            .attribute("person.name.firstName", "Dan")
            .timestamp(T2.plusSeconds(3600))
            .customTimestamp(T2.plusSeconds(60))
            .build());
    store.ingest(
        Record.builder("crm")
            .primary(CRM)
            .attribute("person.name.firstName", "Danny B")
            .timestamp(T2.plusSeconds(7200))
            .customTimestamp(T2.plusSeconds(30))
            .build());

    assertThat(store.lookup(CRM).fetch().orElseThrow().getString("person.name.firstName"))
        .hasValue("Dan");
  }
}
