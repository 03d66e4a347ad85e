package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.CRM2;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.IngestFixtures.crm;
import static dev.rtprofile.store.StoreContract.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ProfileStore#ingest(Record)}: a result per record (accepted, trimmed,
 * ignored or rejected, with machine-readable problems), the primary-identity rules and the two
 * update modes (ARCHITECTURE §1, §3).
 */
interface IngestContract extends StoreContract {

  @Test
  default void ingest_validRecord_acceptedUnderItsPrimaryAndFoundFromEachIdentity() {
    ProfileStore store = open(IngestFixtures.builder());

    IngestResult result =
        store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("person.name", "Jane").build());

    assertThat(result.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(result.stored()).isTrue();
    assertThat(result.problems()).isEmpty();
    assertThat(result.dropped()).isEmpty();
    assertThat(result.detail()).isEmpty();
    assertThat(result.primary()).contains(CRM1);
    store = reopen(store);
    assertThat(profile(store, EMAIL).attributes()).isEqualTo(Map.of("person.name", "Jane"));
  }

  @Test
  default void ingest_blockedSecondaryIdentity_trimmedWithItDroppedAndTheRestStored() {
    Identity junk = Identity.of("Email", "test@test.com");
    ProfileStore store = open(IngestFixtures.builder().blockedValue("Email", junk.value()));

    IngestResult result = store.ingest(crm(CRM1, T1).identity(junk).attribute("a", 1L).build());

    assertThat(result.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(result.stored()).isTrue();
    assertThat(result.problems()).containsExactly(IngestProblem.BLOCKED_IDENTITY);
    assertThat(result.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(junk, IdentityProblem.BLOCKED));
    assertThat(result.detail()).isEqualTo("1 identity dropped");
    assertThat(result.primary()).contains(CRM1);
    store = reopen(store);
    assertThat(profile(store, CRM1).identities()).containsExactly(CRM1);
    assertThat(store.lookup(junk).fetch()).isEmpty();
  }

  @Test
  default void ingest_moreIdentitiesThanAllowed_rejectedTooManyIdentitiesAndNothingStored() {
    ProfileStore store = open(IngestFixtures.builder().maxIdentitiesPerRecord(2));

    IngestResult result =
        store.ingest(crm(CRM1, T1).identity(EMAIL).identity(ECID).attribute("a", 1L).build());

    assertThat(result.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(result.stored()).isFalse();
    assertThat(result.problems()).containsExactly(IngestProblem.TOO_MANY_IDENTITIES);
    assertThat(result.primary()).isEmpty();
    store = reopen(store);
    assertThat(store.lookupAll(List.of(CRM1, EMAIL, ECID)).fetchAll()).isEmpty();
    assertThat(store.statistics().fragments()).isZero();
  }

  @Test
  default void ingest_severalIdentitiesNoneMarkedAndNoPriority_rejectedNoPrimaryIdentity() {
    ProfileStore store = open(IngestFixtures.builder());

    IngestResult result =
        store.ingest(Record.builder("crm").identity(CRM1).identity(EMAIL).timestamp(T1).build());

    assertThat(result.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(result.problems()).containsExactly(IngestProblem.NO_PRIMARY_IDENTITY);
    assertThat(result.detail())
        .isEqualTo(
            "no valid identity is marked primary, the only one, or ranked by namespace priority");
    assertThat(store.lookup(CRM1).fetch()).isEmpty();
  }

  @Test
  default void ingest_primaryRules_markThenOnlyIdentityThenNamespacePriority() {
    ProfileStore store = open(IngestFixtures.prioritized());

    IngestResult marked =
        store.ingest(Record.builder("web").primary(ECID).identity(CRM1).timestamp(T1).build());
    IngestResult only = store.ingest(Record.builder("web").identity(CRM2).timestamp(T1).build());
    IngestResult ranked =
        store.ingest(
            Record.builder("mail")
                .identity(Identity.of("ECID", "9".repeat(38)))
                .identity(EMAIL)
                .timestamp(T1)
                .build());

    assertThat(List.of(marked, only, ranked))
        .extracting(IngestResult::status, IngestResult::primaryIdentity)
        .containsExactly(
            tuple(IngestStatus.ACCEPTED, ECID),
            tuple(IngestStatus.ACCEPTED, CRM2),
            tuple(IngestStatus.ACCEPTED, EMAIL));
  }

  @Test
  default void ingest_twoValuesOfAUniqueNamespace_rejectedConflictingUniqueIdentities() {
    ProfileStore store = open(IngestFixtures.builder());

    IngestResult result = store.ingest(crm(CRM1, T1).identity(CRM2).attribute("a", 1L).build());

    assertThat(result.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(result.problems()).containsExactly(IngestProblem.CONFLICTING_UNIQUE_IDENTITIES);
    store = reopen(store);
    assertThat(store.lookupAll(List.of(CRM1, CRM2)).fetchAll()).isEmpty();
  }

  @Test
  default void ingest_recordOverMaxRecordSize_rejectedTooLarge() {
    ProfileStore store = open(IngestFixtures.builder().maxRecordSize(64));

    IngestResult large = store.ingest(crm(CRM1, T1).attribute("notes", "x".repeat(200)).build());
    IngestResult small = store.ingest(crm(CRM2, T1).attribute("notes", "x").build());

    assertThat(large.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(large.problems()).containsExactly(IngestProblem.TOO_LARGE);
    assertThat(large.detail()).endsWith("bytes, over maxRecordSize 64");
    assertThat(small.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(CRM1).fetch()).isEmpty();
  }

  @Test
  default void ingest_olderRecordOfAReplaceDataset_ignoredStaleButItsLinksCount() {
    ProfileStore store = open(IngestFixtures.builder());
    store.ingest(crm(CRM1, T2).attribute("loyalty.tier", "gold").build());

    IngestResult older =
        store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("loyalty.tier", "silver").build());

    assertThat(older.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(older.stored()).isFalse();
    assertThat(older.problems()).containsExactly(IngestProblem.STALE);
    assertThat(older.primary()).contains(CRM1);
    store = reopen(store);
    Profile profile = profile(store, EMAIL);
    assertThat(profile.identities()).containsExactly(CRM1, EMAIL);
    assertThat(profile.attributes()).isEqualTo(Map.of("loyalty.tier", "gold"));
  }

  @Test
  default void ingest_newerRecordOfAReplaceDataset_replacesTheWholeRecord() {
    ProfileStore store = open(IngestFixtures.builder());
    store.ingest(crm(CRM1, T1).attribute("a", 1L).attribute("b", 2L).build());

    IngestResult newer = store.ingest(crm(CRM1, T2).attribute("a", 3L).build());

    assertThat(newer.status()).isEqualTo(IngestStatus.ACCEPTED);
    store = reopen(store);
    assertThat(profile(store, CRM1).attributes()).isEqualTo(Map.of("a", 3L));
  }

  @Test
  default void ingest_upsertDataset_keepsTheNewestValuePerPathAndTimestampedRemovals() {
    ProfileStore store = open(IngestFixtures.builder().updateMode("crm", UpdateMode.UPSERT));
    store.ingest(crm(CRM1, T2).attribute("points", 10L).attribute("tier", "silver").build());
    store.ingest(crm(CRM1, T2).attribute("city", "Oslo").build());

    IngestResult newer =
        store.ingest(crm(CRM1, T3).attribute("tier", "gold").remove("city").build());
    IngestResult older = store.ingest(crm(CRM1, T1).attribute("points", 5L).build());

    assertThat(newer.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(older.status()).isEqualTo(IngestStatus.IGNORED);
    assertThat(older.problems()).containsExactly(IngestProblem.STALE);
    store = reopen(store);
    assertThat(profile(store, CRM1).attributes()).isEqualTo(Map.of("points", 10L, "tier", "gold"));
  }

  @Test
  default void ingest_null_throwsNamingTheArgument() {
    ProfileStore store = open(IngestFixtures.builder());

    assertThatNullPointerException()
        .isThrownBy(() -> store.ingest((Record) null))
        .withMessage("record");
    assertThatNullPointerException()
        .isThrownBy(() -> store.ingest((Event) null))
        .withMessage("event");
  }
}
