package dev.rtprofile.store;

import static dev.rtprofile.store.ContractFixtures.JANE;
import static dev.rtprofile.store.ContractFixtures.ingestJane;
import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.StoreContract.profile;
import static dev.rtprofile.store.StoreContract.profileId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.graph.LinkView;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of the identity graph as the store shows it: records merge people, the unique
 * namespace rule keeps people apart, profile ids are stable, {@code unlink} and {@code neverLink}
 * un-merge, and the outcome never depends on the order records arrive in (ARCHITECTURE §2).
 */
interface GraphContract extends StoreContract {

  @Test
  default void ingest_recordJoiningTwoPeople_mergesThemUnderTheOlderProfileId() {
    ProfileStore store = open(ContractFixtures.builder());
    ContractFixtures.ingestApart(store);
    String older = profileId(store, CRM1);
    assertThat(profileId(store, EMAIL)).isNotEqualTo(older);

    store.ingest(
        Record.builder("web")
            .primary(ECID)
            .identity(CRM1)
            .identity(EMAIL)
            .attribute("c", 3L)
            .timestamp(T3)
            .build());
    store = reopen(store);

    for (Identity identity : JANE) {
      Profile p = profile(store, identity);
      assertThat(p.profileId()).as("profile id by %s", identity.toText()).isEqualTo(older);
      assertThat(p.identities()).containsExactlyElementsOf(JANE);
      assertThat(p.attributes()).isEqualTo(Map.of("a", 1L, "b", 1L, "c", 3L));
    }
  }

  @Test
  default void ingest_sharedDevice_followsItsLastAuthenticatedUserInAnyOrder() {
    // ARCHITECTURE §2: CRMID unique, priority CRMID, loginID, ECID; Summer logs in on Tom's device.
    Identity tom = Identity.of("CRMID", "Tom");
    Identity summer = Identity.of("CRMID", "Summer");
    Identity a = Identity.of("loginID", "A");
    Identity b = Identity.of("loginID", "B");
    Identity c = Identity.of("loginID", "C");
    Identity d = Identity.of("loginID", "D");
    Identity device111 = Identity.of("ECID", "1".repeat(38));
    Identity device222 = Identity.of("ECID", "2".repeat(38));
    List<Record> records = new ArrayList<>();
    List<List<Identity>> pairs =
        List.of(
            List.of(tom, a),
            List.of(tom, b),
            List.of(a, device111),
            List.of(summer, c),
            List.of(summer, d),
            List.of(c, device222),
            List.of(c, device111));
    for (int t = 0; t < pairs.size(); t++) {
      records.add(
          Record.builder("login")
              .primary(pairs.get(t).get(0))
              .identity(pairs.get(t).get(1))
              .timestamp(T1 + t)
              .build());
    }
    List<Record> reversed = new ArrayList<>(records);
    Collections.reverse(reversed);

    for (List<Record> order : List.of(records, reversed)) {
      ProfileStore store =
          open(
              ContractFixtures.builder()
                  .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
                  .linkingRules(
                      LinkingRules.builder()
                          .unique("CRMID")
                          .priority("CRMID", "loginID", "ECID")
                          .build()));
      order.forEach(store::ingest);
      store = reopen(store);

      assertThat(profile(store, device111).identities())
          .containsExactlyInAnyOrder(summer, c, d, device222, device111);
      assertThat(profile(store, a).identities()).containsExactlyInAnyOrder(tom, a, b);
      assertThat(profileId(store, device111)).isEqualTo(profileId(store, summer));
      assertThat(profileId(store, a)).isEqualTo(profileId(store, tom));
      assertThat(store.graph(a).orElseThrow().removedLinks())
          .extracting(LinkView::from, LinkView::to)
          .containsExactly(tuple(device111, a));
    }
  }

  @Test
  default void unlink_splitsAProfileAndEachPartIsFoundByItsIdentitiesWithItsOwnId() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    String before = profileId(store, ECID);

    assertThat(store.unlink(EMAIL, ECID)).isTrue();
    store = reopen(store);

    Profile person = profile(store, EMAIL);
    Profile cookie = profile(store, ECID);
    assertThat(person.identities()).containsExactly(CRM1, EMAIL);
    assertThat(person.profileId())
        .as("the part holding the oldest identity keeps the id")
        .isEqualTo(before)
        .isEqualTo(profileId(store, CRM1));
    assertThat(person.get("web.lastPage")).isEmpty();
    assertThat(cookie.identities()).containsExactly(ECID);
    assertThat(cookie.profileId()).isNotEqualTo(before);
    assertThat(cookie.attributes()).isEqualTo(Map.of("web.lastPage", "/home"));
    assertThat(store.unlink(EMAIL, ECID)).as("the link is gone").isFalse();
  }

  @Test
  default void neverLink_linkedPair_splitsThemAndLaterRecordsCannotJoinThem() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);

    store.neverLink(CRM1, ECID);
    store.ingest(
        Record.builder("kiosk")
            .primary(ECID)
            .identity(CRM1)
            .attribute("k", 1L)
            .timestamp(T3 + 1)
            .build());
    store = reopen(store);

    assertThat(profileId(store, CRM1)).isNotEqualTo(profileId(store, ECID));
    assertThat(profile(store, CRM1).identities()).doesNotContain(ECID);
    assertThat(profile(store, ECID).identities()).doesNotContain(CRM1);
  }

  @Test
  default void ingest_sameRecordsInShuffledOrders_identicalLookupsForEveryIdentity() {
    // Seeded random scenarios whose default policy stitches the whole graph, so that every
    // configuration (indexes included) can open them.
    StoreScenario.Options options = new StoreScenario.Options(true, true, false, 25);
    int compared = 0;
    for (long seed = 0; compared < 6; seed++) {
      StoreScenario scenario = StoreScenario.random(seed, options);
      if (scenario.defaultPolicy.stitching() != IdentityStitching.PRIVATE_GRAPH) {
        continue;
      }
      Random rnd = new Random(seed);
      List<String> renderings = new ArrayList<>();
      for (int order = 0; order < 2; order++) {
        List<StoreScenario.Input> inputs = new ArrayList<>(scenario.inputs);
        Collections.shuffle(inputs, rnd);
        ProfileStore store = open(scenario.newBuilder());
        for (StoreScenario.Input input : inputs) {
          if (input.isRecord()) {
            store.ingest(input.record());
          } else {
            store.ingest(input.event());
          }
        }
        renderings.add(StoreSnapshot.render(scenario, reopen(store)));
      }
      assertThat(StoreSnapshot.firstDifference(renderings.get(0), renderings.get(1)))
          .as("seed %s, scenario %s", seed, scenario.dump())
          .isEmpty();
      compared++;
    }
  }
}
