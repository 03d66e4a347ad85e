package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.STORE_ID;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.builder;
import static dev.rtprofile.store.IngestFixtures.crm;
import static dev.rtprofile.store.IngestFixtures.prioritized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import org.junit.jupiter.api.Test;

/**
 * Which identity a record or event is stored under (ARCHITECTURE §1 "Primary identity"): the
 * explicit primary; else the only valid identity; else the highest-priority namespace; for events
 * the priority beats the mark.
 */
class PrimaryIdentityTest {
  @Test
  void ingest_explicitPrimary_storedUnderItEvenAgainstThePriority() {
    ProfileStore store = prioritized().build();

    IngestResult r = store.ingest(crm(EMAIL, T1).identity(CRM1).attribute("a", 1).build());

    assertThat(r.primary()).hasValue(EMAIL);
    assertThat(store.lookup(EMAIL).policy("own").fetch()).isPresent();
    assertThat(store.lookup(CRM1).policy("own").fetch())
        .as("the fragment lives under the primary identity only")
        .isEmpty();
  }

  @Test
  void ingest_onlyIdentityNotMarked_isThePrimary() {
    ProfileStore store = builder().build();

    IngestResult r =
        store.ingest(Record.builder("crm").identity(EMAIL).attribute("a", 1).timestamp(T1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r.primary()).hasValue(EMAIL);
  }

  @Test
  void ingest_onlyValidIdentityAfterDrops_isThePrimary() {
    ProfileStore store = builder().build();

    IngestResult r =
        store.ingest(
            Record.builder("crm")
                .identity("ECID", "bad")
                .identity(EMAIL)
                .identity(STORE_ID)
                .timestamp(T1)
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.primary())
        .as("invalid and never-linking identities cannot be primary")
        .hasValue(EMAIL);
  }

  @Test
  void ingest_markedIdentityNeverLinks_fallsBackToTheOnlyLinkableOne() {
    ProfileStore store = builder().build();

    IngestResult r =
        store.ingest(Record.builder("crm").primary(STORE_ID).identity(EMAIL).timestamp(T1).build());

    assertThat(r.stored()).isTrue();
    assertThat(r.primary()).hasValue(EMAIL);
  }

  @Test
  void ingest_noMarkSeveralIdentities_highestPriorityNamespaceIsPrimary() {
    ProfileStore store = prioritized().build();

    IngestResult r =
        store.ingest(
            Record.builder("crm")
                .identity(ECID)
                .identity(EMAIL)
                .identity(CRM1)
                .attribute("a", 1)
                .timestamp(T1)
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r.primary()).hasValue(CRM1);
    assertThat(store.lookup(CRM1).policy("own").fetch()).isPresent();
  }

  @Test
  void ingest_namespaceCodeInOtherCase_primaryIsCanonical() {
    ProfileStore store = prioritized().build();

    IngestResult r =
        store.ingest(Record.builder("crm").primary("crmid", "c-1").timestamp(T1).build());

    assertThat(r.primary()).hasValue(CRM1);
  }

  @Test
  void lookup_namespaceCodeInOtherCase_findsTheProfile() {
    ProfileStore store = builder().build();
    store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("a", 1).build());

    assertThat(store.lookup(Identity.of("crmid", "c-1")).fetch())
        .hasValueSatisfying(p -> assertThat(p.identities()).containsExactly(CRM1, EMAIL));
    assertThat(store.lookup(Identity.of("EMAIL", EMAIL.value())).policy("own").fetch())
        .as("the email has no fragment of its own")
        .isEmpty();
  }

  @Test
  void ingestEvent_priorityConfigured_beatsThePrimaryMark() {
    ProfileStore store = prioritized().build();

    IngestResult r =
        store.ingest(
            Event.builder("web", "e-1")
                .primary("ECID", ECID.value())
                .identity(EMAIL)
                .timestamp(T1)
                .build());

    assertThat(r.primary()).hasValue(EMAIL);
    assertThat(store.events(EMAIL).policy("own").fetch().events())
        .extracting(Event::id)
        .containsExactly("e-1");
    assertThat(store.events(ECID).policy("own").fetch().events()).isEmpty();
  }

  @Test
  void ingestEvent_noPriority_theMarkDecides() {
    ProfileStore store = builder().build();

    IngestResult r =
        store.ingest(
            Event.builder("web", "e-1")
                .primary("ECID", ECID.value())
                .identity(EMAIL)
                .timestamp(T1)
                .build());

    assertThat(r.primary()).hasValue(ECID);
  }

  @Test
  void ingestRecord_priorityConfigured_theMarkStillDecides() {
    ProfileStore store = prioritized().build();

    IngestResult r = store.ingest(crm(ECID, T1).identity(EMAIL).build());

    assertThat(r.primary()).as("for records the mark beats the priority").hasValue(ECID);
  }
}
