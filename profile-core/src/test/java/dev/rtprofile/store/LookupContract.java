package dev.rtprofile.store;

import static dev.rtprofile.store.ContractFixtures.CRM_FIRST;
import static dev.rtprofile.store.ContractFixtures.JANE;
import static dev.rtprofile.store.ContractFixtures.OWN;
import static dev.rtprofile.store.ContractFixtures.ingestJane;
import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.CRM2;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.StoreContract.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.Candidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of lookups: one profile from every identity of a person, batch lookups, projection,
 * the merge policies (timestamp-ordered, dataset precedence, no stitching) and explanations
 * (ARCHITECTURE §1, §3).
 */
interface LookupContract extends StoreContract {

  @Test
  default void lookup_everyIdentityOfAPerson_returnsTheSameProfile() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store.ingest(IngestFixtures.crm(CRM2, T1).attribute("person.name.firstName", "Tom").build());
    store = reopen(store);

    ProfileState byCrm = ProfileState.of(profile(store, CRM1));
    for (Identity identity : List.of(ECID, EMAIL, Identity.of("crmid", CRM1.value()))) {
      assertThat(ProfileState.of(profile(store, identity)))
          .as("looked up by %s", identity.toText())
          .isEqualTo(byCrm);
    }
    Profile jane = profile(store, EMAIL);
    assertThat(jane.identities()).containsExactlyElementsOf(JANE);
    assertThat(jane.attributes())
        .isEqualTo(
            Map.of(
                "person.name.firstName", "Kate",
                "person.name.lastName", "Smith",
                "loyalty.points", 100L,
                "web.lastPage", "/home"));
    assertThat(jane.datasets()).containsExactly("crm", "loyalty", "web");
    assertThat(profile(store, CRM2).profileId()).isNotEqualTo(jane.profileId());
    assertThat(store.lookup(Identity.of("Email", "nobody@example.com")).fetch()).isEmpty();
  }

  @Test
  default void lookupAll_answersPerIdentityInTheOrderAskedAndSkipsUnknownOnes() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store.ingest(IngestFixtures.crm(CRM2, T1).attribute("person.name.firstName", "Tom").build());
    ProfileStore reopened = reopen(store);
    Identity unknown = Identity.of("Email", "nobody@example.com");

    Map<Identity, Profile> answers =
        reopened.lookupAll(List.of(ECID, unknown, CRM2, CRM1)).fetchAll();

    assertThat(answers).containsOnlyKeys(ECID, CRM2, CRM1);
    assertThat(answers.keySet()).containsExactly(ECID, CRM2, CRM1);
    answers.forEach(
        (identity, profile) ->
            assertThat(ProfileState.of(profile))
                .as("batch answer for %s", identity.toText())
                .isEqualTo(ProfileState.of(profile(reopened, identity))));
  }

  @Test
  default void fields_keepsOnlyThePathsAskedAndThoseBelowThem() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store = reopen(store);

    Profile projected =
        store.lookup(ECID).fields("person.name", "web.lastPage").fetch().orElseThrow();

    assertThat(projected.attributes())
        .isEqualTo(
            Map.of(
                "person.name.firstName", "Kate",
                "person.name.lastName", "Smith",
                "web.lastPage", "/home"));
    assertThat(projected.profileId()).isEqualTo(profile(store, ECID).profileId());
    assertThat(projected.identities()).containsExactlyElementsOf(JANE);
    assertThat(projected.get("loyalty.points")).isEmpty();
  }

  @Test
  default void lookup_timestampOrdered_newestFragmentWinsAndExplainNamesTheLoser() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store = reopen(store);

    Profile jane = profile(store, CRM1);
    Explanation why = jane.explain("person.name.firstName").orElseThrow();

    assertThat(jane.policyId()).isEqualTo("timestampOrdered");
    assertThat(why.value()).isEqualTo("Kate");
    assertThat(why.rule()).isEqualTo("timestampOrdered");
    assertThat(why.winner())
        .extracting(Candidate::dataset, Candidate::primary, Candidate::timestamp)
        .containsExactly("loyalty", EMAIL, T2);
    assertThat(why.losers())
        .extracting(Candidate::dataset, Candidate::value)
        .containsExactly(tuple("crm", "Katherine"));
    assertThat(jane.explain("no.such.path")).isEmpty();
  }

  @Test
  default void lookup_customTimestamp_winsOverTheIngestionTime() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    // Ingested last, but its custom timestamp (the source's own update time) is the oldest.
    store.ingest(
        Record.builder("mobile")
            .primary(EMAIL)
            .attribute("person.name.firstName", "Kat")
            .timestamp(T3 + 1)
            .customTimestamp(T1 - 1)
            .build());
    store = reopen(store);

    assertThat(profile(store, CRM1).getString("person.name.firstName")).contains("Kate");
  }

  @Test
  default void lookup_dataSetPrecedence_firstListedDatasetWinsAndUnlistedOnesContributeNothing() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store = reopen(store);

    Profile jane = store.lookup(ECID).policy(CRM_FIRST).fetch().orElseThrow();

    assertThat(jane.policyId()).isEqualTo(CRM_FIRST);
    assertThat(jane.getString("person.name.firstName")).contains("Katherine");
    assertThat(jane.get("web.lastPage")).as("web is not listed").isEmpty();
    assertThat(jane.datasets()).containsExactly("crm", "loyalty");
    assertThat(jane.identities()).containsExactlyElementsOf(JANE);
    assertThat(jane.explain("person.name.firstName").orElseThrow().rule())
        .isEqualTo("dataSetPrecedence");
  }

  @Test
  default void lookup_noStitching_onlyTheFragmentsStoredUnderTheIdentity() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store = reopen(store);

    Profile email = store.lookup(EMAIL).policy(OWN).fetch().orElseThrow();
    Profile cookie = store.lookup(ECID).policy(OWN).fetch().orElseThrow();

    assertThat(email.identities()).containsExactly(EMAIL);
    assertThat(email.attributes())
        .isEqualTo(Map.of("person.name.firstName", "Kate", "loyalty.points", 100L));
    assertThat(cookie.attributes()).isEqualTo(Map.of("web.lastPage", "/home"));
    assertThat(store.lookup(Identity.of("Email", "nobody@example.com")).policy(OWN).fetch())
        .isEmpty();
  }

  @Test
  default void policy_unknownId_throwsNamingTheRegisteredPolicies() {
    ProfileStore store = open(ContractFixtures.builder());

    assertThatIllegalArgumentException()
        .isThrownBy(() -> store.lookup(CRM1).policy("nope"))
        .withMessage(
            "policy must be the id of a policy registered with mergePolicy(...), one of"
                + " [crm-first, own, timestampOrdered], but was nope");
  }
}
