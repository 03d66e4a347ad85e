package dev.rtprofile.store;

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

import dev.rtprofile.graph.DatasetDeletion;
import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The contract of privacy erasure and dataset deletion: after {@code erase} no answer shows the
 * identity or the data stored under it and replayed data cannot bring it back; {@code eraseProfile}
 * does that for a whole person; {@code deleteDataset} removes a dataset's fragments, events and the
 * links only it asserted (ARCHITECTURE §2, §8).
 */
interface EraseContract extends StoreContract {

  /** Jane, her mail event under her email and her web event under her cookie, and Tom (CRM2). */
  private ProfileStore janeAndTom() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store.ingest(Event.builder("mail", "m1").primary("Email", EMAIL.value()).timestamp(T2).build());
    store.ingest(
        Event.builder("web", "w1")
            .primary("ECID", ECID.value())
            .identity(EMAIL)
            .timestamp(T3)
            .build());
    store.ingest(IngestFixtures.crm(CRM2, T1).attribute("person.name.firstName", "Tom").build());
    // Lookups fill whatever cache the store keeps; the erase must not leave it behind.
    for (String policy : List.of("timestampOrdered", OWN)) {
      store.lookupAll(JANE).policy(policy).fetchAll();
    }
    return store;
  }

  @Test
  default void erase_identity_noLookupShowsItOrTheDataStoredUnderIt() {
    ProfileStore store = janeAndTom();

    store.erase(EMAIL);
    store = reopen(store);

    assertThat(store.lookup(EMAIL).fetch()).isEmpty();
    assertThat(store.lookup(EMAIL).policy(OWN).fetch()).isEmpty();
    assertThat(store.lookupAll(JANE).fetchAll()).containsOnlyKeys(CRM1, ECID);
    Profile crm = profile(store, CRM1);
    assertThat(crm.identities()).as("the email joined CRMID and cookie").containsExactly(CRM1);
    assertThat(crm.attributes())
        .as("Kate and her points were stored under the email")
        .isEqualTo(Map.of("person.name.firstName", "Katherine", "person.name.lastName", "Smith"));
    assertThat(profile(store, ECID).identities()).containsExactly(ECID);
    assertThat(store.events(EMAIL).fetch().events()).isEmpty();
    assertThat(store.events(ECID).fetch().events())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.identities()).extracting(IdentityRef::identity).containsExactly(ECID));
    assertThat(store.graph(EMAIL)).isEmpty();
    assertThat(profile(store, CRM2).getString("person.name.firstName")).contains("Tom");
  }

  @Test
  default void erase_thenTheSameDataAgain_erasedPrimaryRejectedOtherwiseDroppedAsErased() {
    ProfileStore store = janeAndTom();
    store.erase(EMAIL);
    store = reopen(store);

    List<Record> jane = ContractFixtures.janeRecords();
    IngestResult ownRecord = store.ingest(jane.get(1)); // loyalty, under the email alone
    IngestResult linking = store.ingest(jane.get(2)); // web, the cookie with the email

    assertThat(ownRecord.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(ownRecord.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(ownRecord.detail())
        .isEqualTo(
            "the primary identity was erased for a privacy request: nothing of this data is kept");
    assertThat(ownRecord.dropped())
        .extracting(DroppedIdentity::problem)
        .containsExactly(IdentityProblem.ERASED);
    assertThat(linking.dropped())
        .extracting(DroppedIdentity::problem)
        .containsExactly(IdentityProblem.ERASED);
    assertThat(store.lookup(EMAIL).fetch()).isEmpty();
    assertThat(profile(store, ECID).identities()).containsExactly(ECID);
    assertThat(profile(store, CRM1).get("loyalty.points")).isEmpty();
  }

  @Test
  default void erase_thenReplayEverything_givesTheStateOfTheEraseAlone() {
    ProfileStore store = janeAndTom();
    store.erase(EMAIL);
    store = reopen(store);
    Map<String, ProfileState> erased = states(store);
    StoreStatistics statistics = store.statistics();

    ContractFixtures.janeRecords().forEach(store::ingest);
    store.ingest(Event.builder("mail", "m1").primary("Email", EMAIL.value()).timestamp(T2).build());
    store = reopen(store);

    assertThat(states(store)).isEqualTo(erased);
    assertThat(store.statistics()).isEqualTo(statistics);
  }

  /** What a lookup of each of Jane's and Tom's identities answers, under both policies. */
  private static Map<String, ProfileState> states(ProfileStore store) {
    Map<String, ProfileState> out = new TreeMap<>();
    List<Identity> all = new ArrayList<>(JANE);
    all.add(CRM2);
    for (String policy : List.of("timestampOrdered", OWN)) {
      store
          .lookupAll(all)
          .policy(policy)
          .fetchAll()
          .forEach((i, p) -> out.put(policy + " " + i.toText(), ProfileState.of(p)));
    }
    return out;
  }

  /** The address as Jane's CRM record and events copy it into attributes. */
  String ADDRESS = EMAIL.value();

  /**
   * Issue 14 item 2: a CRM record with Jane's email as an identity and in {@code
   * personalEmail.address}; a web event under the email (Email outranks ECID) copying it into a
   * form field; an app event under the cookie alone with it in {@code contact}; a CRM event under
   * CRMID carrying the email and copying it; and Tom, whose referral names Jane's address.
   */
  private static List<Object> copies() {
    return List.of(
        IngestFixtures.crm(CRM1, T1)
            .identity(EMAIL)
            .attribute("person.name.firstName", "Jane")
            .attribute("personalEmail.address", ADDRESS)
            .attribute("tags", List.of("vip", ADDRESS))
            .build(),
        Event.builder("web", "w1")
            .identity(ECID)
            .identity(EMAIL)
            .attribute("form.email", ADDRESS)
            .attribute("form.page", "/signup")
            .timestamp(T2)
            .build(),
        Event.builder("app", "a1")
            .primary("ECID", ECID.value())
            .attribute("contact", ADDRESS)
            .attribute("screen", "home")
            .timestamp(T2)
            .build(),
        Event.builder("crm-events", "c1")
            .primary("CRMID", CRM1.value())
            .identity(EMAIL)
            .attribute("mail.to", ADDRESS)
            .timestamp(T3)
            .build(),
        IngestFixtures.crm(CRM2, T1).attribute("person.name.firstName", "Tom").build());
  }

  private static void ingestAll(ProfileStore store, List<Object> data) {
    for (Object d : data) {
      if (d instanceof Record r) {
        store.ingest(r);
      } else {
        store.ingest((Event) d);
      }
    }
  }

  @Test
  default void erase_valueCopiedIntoOtherDataAttributes_noSearchLookupExplainOrEventShowsIt() {
    ProfileStore store = open(IngestFixtures.prioritized());
    ingestAll(store, copies());
    assertThat(store.search().where("personalEmail.address").eq(ADDRESS).count()).isEqualTo(1);

    store.erase(EMAIL);
    store = reopen(store);

    assertThat(store.search().where("personalEmail.address").eq(ADDRESS).count()).isZero();
    Profile crm = profile(store, CRM1);
    assertThat(crm.attributes())
        .isEqualTo(Map.of("person.name.firstName", "Jane", "tags", List.of("vip")));
    assertThat(crm.explain("personalEmail.address")).isEmpty();
    assertThat(store.events(CRM1).fetch().events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.identities()).extracting(IdentityRef::identity).containsExactly(CRM1);
              assertThat(e.attributes()).isEmpty();
            });
    assertThat(store.events(ECID).fetch().events())
        .as("the web event was stored under the email; the app event loses the copy")
        .singleElement()
        .satisfies(e -> assertThat(e.attributes()).isEqualTo(Map.of("screen", "home")));
  }

  @Test
  default void erase_thenTheSameDataWithCopiesAgain_givesTheStateOfTheEraseAlone() {
    ProfileStore store = open(IngestFixtures.prioritized());
    ingestAll(store, copies());
    store.erase(EMAIL);
    store = reopen(store);
    String erased = everything(store);

    Event web = (Event) copies().get(1);
    IngestResult again = store.ingest(web);
    ingestAll(store, copies());
    store = reopen(store);

    assertThat(again.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(again.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(store.lookup(ECID).fetch().orElseThrow().identities()).containsExactly(ECID);
    assertThat(everything(store)).isEqualTo(erased);
  }

  @Test
  default void erase_laterDataCopyingTheValueUnderAnotherIdentity_dropsTheCopy() {
    ProfileStore store = open(IngestFixtures.prioritized());
    store.erase(Identity.of("Email", "  " + ADDRESS));
    store.erase(EMAIL);

    store.ingest(
        IngestFixtures.crm(CRM2, T1)
            .attribute("referral.email", ADDRESS)
            .attribute("referral.name", "Jane")
            .build());

    assertThat(profile(store, CRM2).attributes()).isEqualTo(Map.of("referral.name", "Jane"));
  }

  /** Every profile, event and search answer about Jane's and Tom's identities, as text. */
  private static String everything(ProfileStore store) {
    StringBuilder out = new StringBuilder();
    for (Identity identity : List.of(CRM1, CRM2, ECID, EMAIL)) {
      for (String policy : List.of("timestampOrdered", OWN)) {
        out.append(identity.toText()).append(' ').append(policy).append(": ");
        out.append(store.lookup(identity).policy(policy).fetch().map(ProfileState::of));
        out.append('\n');
      }
      for (Event e : store.events(identity).fetch().events()) {
        out.append("  event ").append(e.dataset()).append('/').append(e.id());
        out.append(' ').append(e.identities()).append(' ').append(e.attributes()).append('\n');
      }
    }
    out.append("statistics ").append(store.statistics()).append('\n');
    out.append("search ").append(store.search().where("personalEmail.address").eq(ADDRESS).count());
    return out.toString();
  }

  @Test
  default void erase_identityWithNoData_laterRecordsCarryingItAreTrimmedErased() {
    ProfileStore store = open(ContractFixtures.builder());

    store.erase(EMAIL);
    IngestResult result =
        store.ingest(IngestFixtures.crm(CRM1, T1).identity(EMAIL).attribute("a", 1L).build());

    assertThat(result.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(result.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(profile(store, CRM1).identities()).containsExactly(CRM1);
  }

  @Test
  default void eraseProfile_removesEveryIdentityOfThePersonWithAllTheirData() {
    ProfileStore store = janeAndTom();

    store.eraseProfile(ECID);
    store = reopen(store);

    assertThat(store.lookupAll(JANE).fetchAll()).isEmpty();
    assertThat(store.lookupAll(JANE).policy(OWN).fetchAll()).isEmpty();
    assertThat(store.events(EMAIL).fetch().events()).isEmpty();
    assertThat(store.statistics().fragments()).as("Tom's").isEqualTo(1);
    assertThat(store.statistics().events()).isZero();
    assertThat(profile(store, CRM2).getString("person.name.firstName")).contains("Tom");
    for (Record record : ContractFixtures.janeRecords()) {
      assertThat(store.ingest(record).stored()).as("replayed %s", record).isFalse();
    }
    assertThat(store.lookupAll(JANE).fetchAll()).isEmpty();
  }

  @Test
  default void deleteDataset_removesItsFragmentsEventsAndTheLinksOnlyItAsserted() {
    ProfileStore store = janeAndTom();
    // The loyalty dataset asserts the CRMID-email link too; web alone asserts email-cookie.
    store.ingest(
        Record.builder("loyalty")
            .primary(EMAIL)
            .identity(CRM1)
            .attribute("loyalty.points", 100L)
            .attribute("person.name.firstName", "Kate")
            .timestamp(T2)
            .build());

    DatasetDeletion web = store.deleteDataset("web");
    DatasetDeletion crm = store.deleteDataset("crm");
    store = reopen(store);

    assertThat(web.linksRemoved()).isEqualTo(1);
    assertThat(web.identitiesRemoved()).as("the cookie only web saw").isEqualTo(1);
    assertThat(crm.linksRemoved()).as("loyalty asserted CRMID-email too").isZero();
    assertThat(store.lookup(ECID).fetch()).isEmpty();
    Profile jane = profile(store, CRM1);
    assertThat(jane.identities()).containsExactly(CRM1, EMAIL);
    assertThat(jane.datasets()).containsExactly("loyalty");
    assertThat(jane.attributes())
        .isEqualTo(Map.of("person.name.firstName", "Kate", "loyalty.points", 100L));
    assertThat(store.events(CRM1).fetch().events()).extracting(Event::id).containsExactly("m1");
    assertThat(store.deleteDataset("web")).isEqualTo(new DatasetDeletion(0, 0));
  }
}
