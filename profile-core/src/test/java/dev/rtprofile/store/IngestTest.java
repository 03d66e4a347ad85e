package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileStore#ingest}: every {@link IngestProblem} with its {@link IngestStatus}, the
 * primary identity rules of DESIGN §1, replace and upsert updates (DESIGN §3), and the programming
 * errors that throw (DESIGN §4, STYLE 7).
 */
class IngestTest {
  private static final long T1 = 1_700_000_000_000L;
  private static final long T2 = T1 + 60_000;
  private static final long T3 = T2 + 60_000;
  private static final Identity CRM1 = Identity.of("CRMID", "c-1");
  private static final Identity CRM2 = Identity.of("CRMID", "c-2");
  private static final Identity EMAIL = Identity.of("Email", "jane@example.com");
  private static final Identity ECID =
      Identity.of("ECID", "12345678901234567890123456789012345678");
  private static final Identity STORE_ID = Identity.of("storeId", "s-9");

  /** CRMID unique, no namespace priority. */
  private static ProfileStore.Builder builder() {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .namespace(Namespace.custom("storeId", IdentityType.NON_PEOPLE))
        .linkingRules(LinkingRules.builder().unique("CRMID").build())
        .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE));
  }

  /** CRMID unique, priority CRMID, then Email, then ECID. */
  private static ProfileStore.Builder prioritized() {
    return builder()
        .linkingRules(
            LinkingRules.builder().unique("CRMID").priority("CRMID", "Email", "ECID").build());
  }

  private static Record.Builder crm(Identity primary, long timestamp) {
    return Record.builder("crm").primary(primary).timestamp(timestamp);
  }

  @Nested
  class Problems {

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
          .containsExactlyInAnyOrder(
              IngestProblem.BLOCKED_IDENTITY, IngestProblem.INVALID_IDENTITY);
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
    void ingest_eventWithKnownDatasetAndId_ignoredDuplicateEvent() {
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

      assertThat(r1.status()).isEqualTo(IngestStatus.ACCEPTED);
      assertThat(r2.status()).isEqualTo(IngestStatus.IGNORED);
      assertThat(r2.problems()).containsExactly(IngestProblem.DUPLICATE_EVENT);
      assertThat(r3.status())
          .as("event ids are unique within a dataset only")
          .isEqualTo(IngestStatus.ACCEPTED);
      assertThat(store.events(ECID).fetch().events())
          .extracting(Event::dataset, Event::eventType)
          .containsExactly(tuple("app", ""), tuple("web", ""));
      assertThat(store.lookup(EMAIL).fetch().orElseThrow().identities())
          .as("a duplicate event's links still count as evidence")
          .contains(ECID, EMAIL);
    }
  }

  @Nested
  class PrimaryIdentity {

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
          store.ingest(
              Record.builder("crm").identity(EMAIL).attribute("a", 1).timestamp(T1).build());

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
          store.ingest(
              Record.builder("crm").primary(STORE_ID).identity(EMAIL).timestamp(T1).build());

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

  @Nested
  class UpdateModes {
    private Map<String, Object> attributesAfter(UpdateMode mode, List<Record> records) {
      ProfileStore store = builder().updateMode("crm", mode).build();
      for (Record r : records) {
        store.ingest(r);
      }
      return store.lookup(CRM1).fetch().map(Profile::attributes).orElse(Map.of());
    }

    /** The attributes after the records in every order; fails if two orders disagree. */
    private Map<String, Object> inEveryOrder(UpdateMode mode, Record... records) {
      List<List<Record>> orders = permutations(List.of(records));
      Map<String, Object> first = attributesAfter(mode, orders.get(0));
      for (List<Record> order : orders) {
        assertThat(attributesAfter(mode, order))
            .as("attributes after the records in order %s", orders.indexOf(order))
            .isEqualTo(first);
      }
      return first;
    }

    @Test
    void replace_newerRecord_replacesTheWholeRecord() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.REPLACE,
              crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
              crm(CRM1, T2).attribute("a", 2).build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 2L));
    }

    @Test
    void replace_customTimestamp_winsOverIngestionTime() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.REPLACE,
              crm(CRM1, T3).customTimestamp(T1).attribute("a", "late-but-old").build(),
              crm(CRM1, T2).attribute("a", "newer").build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("a", "newer"));
    }

    @Test
    void replace_removalInAReplaceDataset_isNotATombstone() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.REPLACE,
              crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
              crm(CRM1, T2).attribute("a", 2).remove("b").build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 2L));
    }

    @Test
    void replace_equalTimestamps_winnerByContentNotArrival() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.REPLACE,
              crm(CRM1, T1).attribute("a", "x").build(),
              crm(CRM1, T1).attribute("a", "y").build(),
              crm(CRM1, T1).attribute("a", "x").attribute("b", 0).build());

      assertThat(attributes).hasSize(1).containsKey("a");
    }

    @Test
    void upsert_newerValuePerPath_keepsTheOtherPaths() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.UPSERT,
              crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
              crm(CRM1, T2).attribute("a", 2).build(),
              crm(CRM1, T3).attribute("c", 3).build());

      assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L, "c", 3L));
    }

    @Test
    void upsert_newerTombstone_removesThePath() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.UPSERT,
              crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
              crm(CRM1, T2).remove("b").build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 1L));
    }

    @Test
    void upsert_olderTombstone_doesNotRemoveANewerValue() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.UPSERT,
              crm(CRM1, T3).attribute("b", 1).build(),
              crm(CRM1, T2).remove("b").build(),
              crm(CRM1, T1).attribute("b", 0).build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("b", 1L));
    }

    @Test
    void upsert_tombstoneThenNewerValue_valueReturns() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.UPSERT,
              crm(CRM1, T1).attribute("b", 1).build(),
              crm(CRM1, T2).remove("b").build(),
              crm(CRM1, T3).attribute("b", 3).build());

      assertThat(attributes).containsExactlyEntriesOf(Map.of("b", 3L));
    }

    @Test
    void upsert_equalTimestamps_winnerByContentNotArrival() {
      Map<String, Object> attributes =
          inEveryOrder(
              UpdateMode.UPSERT,
              crm(CRM1, T1).attribute("a", "x").attribute("b", 1).build(),
              crm(CRM1, T1).attribute("a", "y").remove("b").build(),
              crm(CRM1, T1).attribute("a", 7).attribute("b", 2).build());

      assertThat(attributes.keySet()).containsExactly("a", "b");
    }

    @Test
    void recordBuilder_setAfterRemove_theLaterCallWins() {
      Record viaAttribute = crm(CRM1, T1).remove("a").attribute("a", 1).build();
      Record viaAttributes = crm(CRM1, T1).remove("a").attributes(Map.of("a", 1)).build();
      Record viaNestedValue = crm(CRM1, T1).remove("p.n").attribute("p", Map.of("n", "x")).build();
      Record removeLast = crm(CRM1, T1).attributes(Map.of("a", 1)).remove("a").build();

      assertThat(viaAttribute.removals()).isEmpty();
      assertThat(viaAttributes.removals())
          .as("attributes(Map) after remove(\"a\") sets a, like attribute(\"a\", 1) does")
          .isEmpty();
      assertThat(viaNestedValue.removals())
          .as("attribute(\"p\", {n: x}) after remove(\"p.n\") sets p.n")
          .isEmpty();
      assertThat(removeLast.attributes()).isEmpty();
      assertThat(removeLast.removals()).containsExactly("a");
    }

    @Test
    void upsert_recordSettingAPathItAlsoRemoved_keepsTheValueSetLast() {
      ProfileStore store = builder().updateMode("crm", UpdateMode.UPSERT).build();

      store.ingest(crm(CRM1, T1).remove("a").attributes(Map.of("a", 1, "b", 2)).build());

      assertThat(store.lookup(CRM1).fetch().orElseThrow().attributes())
          .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void upsert_removalOfTheOnlyPath_leavesAnEmptyProfile() {
      ProfileStore store = builder().updateMode("crm", UpdateMode.UPSERT).build();
      store.ingest(crm(CRM1, T1).attribute("a", 1).build());

      IngestResult r = store.ingest(crm(CRM1, T2).remove("a").build());

      assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
      assertThat(store.lookup(CRM1).fetch().orElseThrow().attributes()).isEmpty();
      assertThat(store.lookup(CRM1).fetch().orElseThrow().explain("a")).isEmpty();
    }
  }

  @Nested
  class ProgrammingErrors {
    private final ProfileStore store = builder().build();

    @Test
    void ingest_nullRecord_throwsNamingIt() {
      assertThatThrownBy(() -> store.ingest((Record) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("record");
      assertThatThrownBy(() -> store.ingest((Event) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("event");
    }

    @Test
    void storeMethods_nullArguments_throwNamingThem() {
      assertThatThrownBy(() -> store.lookup(null)).hasMessage("identity");
      assertThatThrownBy(() -> store.lookupAll(null)).hasMessage("identities");
      assertThatThrownBy(() -> store.lookupAll(Arrays.asList(CRM1, null)))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("identity");
      assertThatThrownBy(() -> store.events(null)).hasMessage("identity");
      assertThatThrownBy(() -> store.graph(null)).hasMessage("identity");
      assertThatThrownBy(() -> store.erase(null)).hasMessage("identity");
      assertThatThrownBy(() -> store.eraseProfile(null)).hasMessage("identity");
      assertThatThrownBy(() -> store.deleteDataset(null)).hasMessage("dataset");
      assertThatThrownBy(() -> store.subscribe(null)).hasMessage("listener");
    }

    @Test
    void lookupPolicy_unknownId_throwsNamingTheRegisteredOnes() {
      assertThatThrownBy(() -> store.lookup(CRM1).policy("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "policy must be the id of a policy registered with mergePolicy(...), one of"
                  + " [own, timestampOrdered], but was nope");
    }

    @Test
    void eventsPolicy_unknownId_throwsNamingTheRegisteredOnes() {
      assertThatThrownBy(() -> store.events(CRM1).policy("nope"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "policy must be the id of a policy registered with mergePolicy(...)")
          .hasMessageEndingWith("but was nope");
    }

    @Test
    void recordBuilder_badArguments_throwNamingThem() {
      assertThatThrownBy(() -> Record.builder(" "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("dataset must not be blank, but was ' '");
      assertThatThrownBy(() -> Record.builder(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("dataset");
      assertThatThrownBy(() -> Record.builder("crm").primary(CRM1).primary(EMAIL))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("primary was already set");
      assertThatThrownBy(() -> Record.builder("crm").attribute("a..b", 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("path must be dot-separated non-empty segments, but was 'a..b'");
      assertThatThrownBy(() -> Record.builder("crm").attribute("a", Double.NaN))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("value must be a finite number, but the value at a was NaN");
      assertThatThrownBy(() -> Record.builder("crm").attribute("a", new Object()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "value must be a String, Boolean, Number, Instant, List or Map, but the value at a"
                  + " was a java.lang.Object");
      assertThatThrownBy(() -> Record.builder("crm").remove(".a"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("path must be dot-separated non-empty segments, but was '.a'");
    }

    @Test
    void recordBuilder_nullArguments_throwNamingThem() {
      assertThatThrownBy(() -> Record.builder("crm").attribute(null, 1))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("path");
      assertThatThrownBy(() -> Record.builder("crm").attribute("a", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("value");
      assertThatThrownBy(() -> Record.builder("crm").attributes(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("nested");
    }

    @Test
    void profileQuery_badArguments_throwNamingThem() {
      assertThatThrownBy(() -> store.lookup(CRM1).policy(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("id");
      assertThatThrownBy(() -> store.lookup(CRM1).fields("a..b"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fields must be dot-separated non-empty segments, but was 'a..b'");
    }

    @Test
    void eventBuilder_badArguments_throwNamingThem() {
      assertThatThrownBy(() -> Event.builder("web", " "))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("id must not be blank, but was ' '");
      assertThatThrownBy(() -> Event.builder("web", "e-1").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("timestamp must be set: an event needs to say when");
    }

    @Test
    void eventQuery_badArguments_throwNamingThem() {
      assertThatThrownBy(() -> store.events(CRM1).limit(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("limit must be between 1 and 10000, but was 0");
      assertThatThrownBy(() -> store.events(CRM1).limit(10_001))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("limit must be between 1 and 10000, but was 10001");
      assertThatThrownBy(() -> store.events(CRM1).between(T2, T1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("between must have from <= to, but was " + T2 + " > " + T1);
      assertThatThrownBy(() -> store.events(CRM1).between(null, Instant.EPOCH))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("from");
    }

    @Test
    void eventTypes_null_throwsNamingTheParameter() {
      assertThatThrownBy(() -> store.events(CRM1).eventTypes((String[]) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("types");
      assertThatThrownBy(() -> store.events(CRM1).eventTypes("view", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("types");
    }
  }

  @Nested
  class BuilderValidation {

    @Test
    void sizeSetters_nonPositive_throwNamingTheSetterAndValue() {
      assertThatThrownBy(() -> ProfileStore.builder().maxRecordSize(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxRecordSize must be positive, but was 0");
      assertThatThrownBy(() -> ProfileStore.builder().maxEventSize(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxEventSize must be positive, but was -1");
      assertThatThrownBy(() -> ProfileStore.builder().profileCacheSize(-1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("profileCacheSize must not be negative, but was -1");
    }

    @Test
    void graphSetters_outOfRange_throwNamingTheSetterAndValue() {
      assertThatThrownBy(() -> ProfileStore.builder().graphLimit(1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("graphLimit must be at least 2, but was 1");
      assertThatThrownBy(() -> ProfileStore.builder().hubLimit(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("hubLimit must be at least 1, but was 0");
      assertThatThrownBy(() -> ProfileStore.builder().maxIdentitiesPerRecord(1001))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxIdentitiesPerRecord must be between 1 and 1000, but was 1001");
      assertThatThrownBy(() -> ProfileStore.builder().denyListSalt(new byte[8]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("denyListSalt must be at least 16 bytes, but was 8 bytes");
      assertThatThrownBy(() -> ProfileStore.builder().blockedPattern("*", "("))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("blockedPattern must be a valid regular expression, but was (");
    }

    @Test
    void eventRetention_notPositive_throwsNamingTheValue() {
      assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("eventRetention must be positive, but was PT0S");
      assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", Duration.ofDays(-1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("eventRetention must be positive, but was PT-24H");
    }

    @Test
    void setters_nullArguments_throwNamingTheParameter() {
      assertThatThrownBy(() -> ProfileStore.builder().clock(null)).hasMessage("clock");
      assertThatThrownBy(() -> ProfileStore.builder().mergePolicy(null)).hasMessage("policy");
      assertThatThrownBy(() -> ProfileStore.builder().defaultMergePolicy(null))
          .hasMessage("policy");
      assertThatThrownBy(() -> ProfileStore.builder().updateMode(null, UpdateMode.UPSERT))
          .hasMessage("dataset");
      assertThatThrownBy(() -> ProfileStore.builder().updateMode("crm", null)).hasMessage("mode");
      assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", null))
          .hasMessage("ttl");
      assertThatThrownBy(() -> ProfileStore.builder().linkingRules(null)).hasMessage("rules");
    }

    @Test
    void build_twoPoliciesWithOneId_throwsNamingBothSettings() {
      ProfileStore.Builder b =
          ProfileStore.builder()
              .mergePolicy(MergePolicy.dataSetPrecedence("crm").id("main"))
              .defaultMergePolicy(MergePolicy.timestampOrdered().id("main"));

      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "defaultMergePolicy and mergePolicy both use the id main for different policies;"
                  + " give one of them another id");
    }

    @Test
    void build_maxComponentSizeBelowGraphLimit_throwsNamingBoth() {
      ProfileStore.Builder b = ProfileStore.builder().graphLimit(10).maxComponentSize(5);

      assertThatThrownBy(b::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("maxComponentSize")
          .hasMessageContaining("graphLimit");
    }

    @Test
    void build_calledTwice_givesIndependentStores() {
      ProfileStore.Builder b = builder();
      ProfileStore first = b.build();
      ProfileStore second = b.build();

      first.ingest(crm(CRM1, T1).attribute("a", 1).build());

      assertThat(second.lookup(CRM1).fetch()).isEmpty();
      assertThat(second.mergePolicies().keySet())
          .containsExactlyInAnyOrder("own", "timestampOrdered");
    }
  }

  static <T> List<List<T>> permutations(List<T> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> order = new ArrayList<>();
        order.add(head);
        order.addAll(tail);
        out.add(order);
      }
    }
    return out;
  }
}
