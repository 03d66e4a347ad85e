package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.CRM2;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.STORE_ID;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.builder;
import static dev.rtprofile.store.IngestFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileStore#ingest} with bad data: every {@link IngestProblem} with its {@link
 * IngestStatus}; data problems are results, never exceptions (ARCHITECTURE §1; STYLE 9).
 */
class IngestTest {
  @Test
  void ingest_recordOverMaxRecordSize_rejectedTooLarge() {
    ProfileStore store = builder().maxRecordSize(50).build();

    IngestResult r = store.ingest(crm(CRM1, T1).attribute("note", "x".repeat(100)).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.TOO_LARGE);
    assertThat(r.detail()).contains("maxRecordSize 50");
    assertThat(r.stored()).isFalse();
    assertThat(r.primary()).isEmpty();
    assertThat(store.identityGraph().contains(CRM1))
        .as("a rejected record links nothing")
        .isFalse();
    assertThat(store.lookup(CRM1).fetch()).isEmpty();
  }

  @Test
  void ingest_recordWellUnderMaxRecordSize_accepted() {
    ProfileStore store = builder().maxRecordSize(200).build();

    IngestResult r = store.ingest(crm(CRM1, T1).attribute("note", "x".repeat(20)).build());

    assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
  }

  @Test
  void ingest_doublesNearMaxRecordSize_judgedByTheirPrintedLength() {
    // Ten leaves "aN": 0.25 are 2 + 4 + 4 = 10 bytes each: 100 in all. Counted at the longest
    // a double prints as (24), they would be 300; the guardrail must not reject on that bound.
    Record.Builder small = crm(CRM1, T1);
    Record.Builder large = crm(CRM1, T1);
    for (int i = 0; i < 10; i++) {
      small.attribute("a" + i, 0.25);
      large.attribute("a" + i, 0.1 + i / 3.0);
    }

    IngestResult accepted = builder().maxRecordSize(120).build().ingest(small.build());
    IngestResult rejected = builder().maxRecordSize(120).build().ingest(large.build());

    assertThat(accepted.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(rejected.problems()).containsExactly(IngestProblem.TOO_LARGE);
    long printed = 0;
    for (int i = 0; i < 10; i++) {
      printed += 2 + 4 + Double.toString(0.1 + i / 3.0).length();
    }
    assertThat(rejected.detail()).startsWith("record is about " + printed + " bytes");
  }

  @Test
  void ingest_eventOverMaxEventSize_rejectedTooLarge() {
    ProfileStore store = builder().maxEventSize(50).build();

    IngestResult r =
        store.ingest(
            Event.builder("web", "e-1")
                .primary("ECID", ECID.value())
                .timestamp(T1)
                .attribute("page.url", "https://example.com/" + "p".repeat(100))
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.TOO_LARGE);
    assertThat(r.detail()).contains("maxEventSize 50");
    assertThat(store.events(ECID).fetch().events()).isEmpty();
    assertThat(store.statistics().events()).isZero();
  }

  @Test
  void ingest_twoIdentitiesNoneMarkedNoPriority_rejectedNoPrimaryIdentity() {
    ProfileStore store = builder().build();

    IngestResult r =
        store.ingest(
            Record.builder("crm")
                .identity(CRM1)
                .identity(EMAIL)
                .attribute("a", 1)
                .timestamp(T1)
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
    assertThat(r.primary()).isEmpty();
    assertThat(store.identityGraph().contains(CRM1)).isFalse();
    assertThat(store.identityGraph().contains(EMAIL)).isFalse();
    assertThat(store.statistics().fragments()).isZero();
  }

  @Test
  void ingest_priorityNamesNoneOfTheIdentities_rejectedNoPrimaryIdentity() {
    ProfileStore store =
        builder().linkingRules(LinkingRules.builder().priority("CRMID").build()).build();

    IngestResult r =
        store.ingest(Record.builder("crm").identity(EMAIL).identity(ECID).timestamp(T1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
  }

  @Test
  void ingest_onlyIdentityInvalid_rejectedNoPrimaryIdentityWithTheDroppedIdentity() {
    ProfileStore store = builder().build();
    Identity badEcid = Identity.of("ECID", "123");

    IngestResult r = store.ingest(crm(badEcid, T1).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
    assertThat(r.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(badEcid, IdentityProblem.INVALID_VALUE));
  }

  @Test
  void ingest_onlyIdentityBlocked_rejectedWithTheBlockedReason() {
    ProfileStore store = builder().blockedValue("Email", "test@test.com").build();
    Identity blocked = Identity.of("Email", "test@test.com");

    IngestResult r = store.ingest(crm(blocked, T1).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
    assertThat(r.dropped())
        .as("the dropped identity carries its own reason (BLOCKED), not a generic one")
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(blocked, IdentityProblem.BLOCKED));
  }

  @Test
  void ingest_eventWithoutIdentities_rejectedNoPrimaryIdentity() {
    ProfileStore store = builder().build();

    IngestResult r = store.ingest(Event.builder("web", "e-1").timestamp(T1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
    assertThat(store.statistics().events()).isZero();
  }

  @Test
  void ingest_onlyIdentityNeverLinks_rejectedNoPrimaryIdentity() {
    ProfileStore store = builder().build();

    IngestResult r = store.ingest(crm(STORE_ID, T1).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
  }

  @Test
  void ingest_moreIdentitiesThanAllowed_rejectedTooManyIdentities() {
    ProfileStore store = builder().maxIdentitiesPerRecord(2).build();

    IngestResult r =
        store.ingest(crm(CRM1, T1).identity(EMAIL).identity(ECID).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.TOO_MANY_IDENTITIES);
    assertThat(store.identityGraph().contains(CRM1)).isFalse();
    assertThat(store.lookup(CRM1).fetch()).isEmpty();
  }

  @Test
  void ingest_twoValuesOfAUniqueNamespace_rejectedConflictingUniqueIdentities() {
    ProfileStore store = builder().build();

    IngestResult r = store.ingest(crm(CRM1, T1).identity(CRM2).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(r.problems()).containsExactly(IngestProblem.CONFLICTING_UNIQUE_IDENTITIES);
    assertThat(store.identityGraph().contains(CRM1)).isFalse();
    assertThat(store.identityGraph().contains(CRM2)).isFalse();
    assertThat(store.statistics().fragments()).isZero();
  }

  @Test
  void ingest_blockedSecondaryIdentity_trimmedWithItDropped() {
    ProfileStore store = builder().blockedValue("Email", "test@test.com").build();
    Identity blocked = Identity.of("Email", "test@test.com");

    IngestResult r = store.ingest(crm(CRM1, T1).identity(blocked).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.stored()).isTrue();
    assertThat(r.problems()).containsExactly(IngestProblem.BLOCKED_IDENTITY);
    assertThat(r.primary()).hasValue(CRM1);
    assertThat(r.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(blocked, IdentityProblem.BLOCKED));
    assertThat(store.identityGraph().contains(blocked)).isFalse();
    assertThat(store.lookup(CRM1).fetch().orElseThrow().getLong("a")).hasValue(1L);
  }

  @Test
  void ingest_blockedPatternMatch_trimmedBlockedIdentity() {
    ProfileStore store = builder().blockedPattern("*", "^0+$").build();

    IngestResult r =
        store.ingest(crm(CRM1, T1).identity("Phone", "0000").attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.problems()).containsExactly(IngestProblem.BLOCKED_IDENTITY);
  }

  @Test
  void ingest_invalidSecondaryIdentities_trimmedInvalidIdentityWithEachReason() {
    ProfileStore store = builder().build();
    Identity badEcid = Identity.of("ECID", "not-38-digits");
    Identity reserved = Identity.of("Email", "Anonymous");
    Identity unknown = Identity.of("NoSuchNamespace", "v");
    Identity blank = Identity.of("Phone", "  ");

    IngestResult r =
        store.ingest(
            crm(CRM1, T1)
                .identity(badEcid)
                .identity(reserved)
                .identity(unknown)
                .identity(blank)
                .attribute("a", 1)
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.problems()).containsExactly(IngestProblem.INVALID_IDENTITY);
    assertThat(r.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactlyInAnyOrder(
            tuple(badEcid, IdentityProblem.INVALID_VALUE),
            tuple(reserved, IdentityProblem.RESERVED_VALUE),
            tuple(unknown, IdentityProblem.UNKNOWN_NAMESPACE),
            tuple(blank, IdentityProblem.BLANK));
    assertThat(r.detail()).isEqualTo("4 identities dropped");
  }

  @Test
  void ingest_blockedAndInvalidIdentities_trimmedWithBothProblemsOnce() {
    ProfileStore store = builder().blockedValue("Email", "test@test.com").build();

    IngestResult r =
        store.ingest(
            crm(CRM1, T1)
                .identity("Email", "test@test.com")
                .identity("ECID", "1")
                .identity("ECID", "2")
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.problems())
        .containsExactlyInAnyOrder(IngestProblem.BLOCKED_IDENTITY, IngestProblem.INVALID_IDENTITY);
    assertThat(r.dropped()).hasSize(3);
  }

  @Test
  void ingest_erasedSecondaryIdentity_trimmedErasedIdentity() {
    ProfileStore store = builder().build();
    store.erase(EMAIL);

    IngestResult r = store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("a", 1).build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(r.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(EMAIL, IdentityProblem.ERASED));
    assertThat(store.identityGraph().contains(EMAIL)).isFalse();
  }

  @Test
  void ingest_problems_detailsNeverRepeatIdentityValues() {
    ProfileStore store =
        builder().blockedValue("Email", "blocked@example.com").maxIdentitiesPerRecord(3).build();
    store.erase(Identity.of("Email", "erased@example.com"));
    List<Record> records =
        List.of(
            crm(Identity.of("Email", "blocked@example.com"), T1).identity(CRM1).build(),
            crm(Identity.of("Email", "erased@example.com"), T1).identity(CRM1).build(),
            crm(Identity.of("ECID", "secret-ecid-value"), T1).identity(CRM1).build(),
            crm(Identity.of("Email", "anonymous"), T1).build(),
            crm(Identity.of("Phone", "secret-phone-value"), T1).build(),
            crm(CRM1, T1).identity(CRM2).build(),
            crm(CRM1, T1).identity(EMAIL).identity(ECID).identity("Phone", "+4930123").build(),
            Record.builder("crm").identity(CRM1).identity(EMAIL).timestamp(T1).build());

    for (Record record : records) {
      IngestResult r = store.ingest(record);
      for (IdentityRef ref : record.identities()) {
        String value = ref.identity().value();
        assertThat(r.detail())
            .as("detail of %s for a record with %s", r.status(), ref.identity().namespace())
            .doesNotContain(value);
        for (DroppedIdentity d : r.dropped()) {
          assertThat(d.detail()).as("detail of a dropped %s", d.problem()).doesNotContain(value);
        }
      }
    }
  }

  @Test
  void ingest_olderReplaceRecord_ignoredStaleButItsLinksCount() {
    ProfileStore store = builder().build();
    store.ingest(crm(CRM1, T2).attribute("name", "New").build());

    IngestResult r = store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("name", "Old").build());

    assertThat(r.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(r.problems()).containsExactly(IngestProblem.STALE);
    assertThat(r.stored()).isFalse();
    assertThat(r.primary()).hasValue(CRM1);
    Profile byEmail = store.lookup(EMAIL).fetch().orElseThrow();
    assertThat(byEmail.identities())
        .as("the stale record's link still joins the email")
        .containsExactly(CRM1, EMAIL);
    assertThat(byEmail.getString("name")).hasValue("New");
  }

  @Test
  void ingest_sameRecordTwice_secondIgnoredStale() {
    ProfileStore store = builder().build();
    Record record = crm(CRM1, T1).attribute("name", "Jane").build();
    store.ingest(record);

    IngestResult r = store.ingest(record);

    assertThat(r.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(r.problems()).containsExactly(IngestProblem.STALE);
    assertThat(store.statistics().fragments()).isEqualTo(1);
  }

  @Test
  void ingest_upsertThatChangesNothing_ignoredStale() {
    ProfileStore store = builder().updateMode("crm", UpdateMode.UPSERT).build();
    store.ingest(crm(CRM1, T2).attribute("name", "New").build());

    IngestResult r = store.ingest(crm(CRM1, T1).attribute("name", "Old").build());

    assertThat(r.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(r.problems()).containsExactly(IngestProblem.STALE);
    assertThat(store.lookup(CRM1).fetch().orElseThrow().getString("name")).hasValue("New");
  }

  @Test
  void ingest_eventWithKnownDatasetAndId_theCanonicalGreaterKeptTheOtherReportedDuplicate() {
    ProfileStore store = builder().build();
    Event first = Event.builder("web", "e-1").primary("ECID", ECID.value()).timestamp(T1).build();
    Event again =
        Event.builder("web", "e-1")
            .primary("ECID", ECID.value())
            .identity(EMAIL)
            .timestamp(T2)
            .eventType("other")
            .build();
    Event otherDataset =
        Event.builder("app", "e-1").primary("ECID", ECID.value()).timestamp(T1).build();

    IngestResult r1 = store.ingest(first);
    IngestResult r2 = store.ingest(again);
    IngestResult r3 = store.ingest(otherDataset);

    IngestResult r4 = store.ingest(first);

    assertThat(r1.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r2.status()).as("the later event wins").isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r2.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
    assertThat(r2.detail())
        .isEqualTo(
            "replaced the stored event with this dataset and id, which sorts before this one (by"
                + " timestamp, type, attributes, identities)");
    assertThat(r3.status())
        .as("event ids are unique within a dataset only")
        .isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r4.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(r4.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
    assertThat(r4.detail())
        .isEqualTo(
            "an event with this dataset and id that sorts at or after this one (by timestamp, type,"
                + " attributes, identities) is stored; it is kept");
    assertThat(store.events(ECID).fetch().events())
        .extracting(Event::dataset, Event::eventType)
        .containsExactly(tuple("app", ""), tuple("web", "other"));
    assertThat(store.lookup(EMAIL).fetch().orElseThrow().identities())
        .as("a duplicate event's links still count as evidence")
        .contains(ECID, EMAIL);
  }
}
