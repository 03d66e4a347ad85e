package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.CRM2;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.IngestFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.DeleteOutcome;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityDeletion;
import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of what front ends (the viewer, the command line) need from the store itself:
 * identity delete beside erase, keeping every part of the store consistent, and lookups and graphs
 * by profile id that follow merges (ARCHITECTURE §3).
 */
interface FrontEndContract extends StoreContract {

  private ProfileStore janeAndDevice() {
    ProfileStore store = open(IngestFixtures.builder().index("person.name"));
    store.ingest(crm(CRM1, T1).identity(EMAIL).attribute("person.name", "Jane").build());
    store.ingest(
        Record.builder("web")
            .primary(ECID)
            .identity(EMAIL)
            .timestamp(T2)
            .attribute("x", 1L)
            .build());
    return store;
  }

  @Test
  default void delete_keepsEveryPartOfTheStoreConsistent() {
    // Deleting through the graph once left the profile listing the identity and the caches, the
    // index and the change feed unaware; the store's own delete is the only way now.
    ProfileStore store = janeAndDevice();
    List<ProfileChange> feed = new ArrayList<>();
    store.subscribe(feed::add);
    String before = store.lookup(ECID).fetch().orElseThrow().profileId();

    IdentityDeletion deletion = store.delete(CRM1);

    assertThat(deletion.outcome()).isEqualTo(DeleteOutcome.PARTIAL);
    assertThat(store.lookup(CRM1).fetch()).isEmpty();
    Profile rest = store.lookup(ECID).fetch().orElseThrow();
    assertThat(rest.identities()).containsExactly(ECID, EMAIL);
    assertThat(rest.get("person.name")).as("the deleted identity's fragment").isEmpty();
    assertThat(store.identityGraph().contains(CRM1)).isFalse();
    assertThat(store.search().where("person.name").eq("Jane").count()).isZero();
    assertThat(feed).hasSize(1);
    assertThat(feed.get(0).kind()).isEqualTo(ProfileChange.Kind.ERASED);
    assertThat(feed.get(0).before()).containsExactly(before);
  }

  @Test
  default void delete_isNotAnErasure_laterDataBringsTheIdentityBack() {
    ProfileStore store = janeAndDevice();
    store.delete(CRM1);
    store = reopen(store);

    IngestResult again =
        store.ingest(crm(CRM1, T3).identity(EMAIL).attribute("person.name", "Jane").build());

    assertThat(again.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(ECID).fetch().orElseThrow().identities()).contains(CRM1);
    assertThat(store.delete(Identity.of("CRMID", "nobody")).outcome())
        .isEqualTo(DeleteOutcome.NO_CHANGE);
  }

  @Test
  default void delete_ofALoneIdentity_isAFullRemoval() {
    ProfileStore store = open(IngestFixtures.builder());
    store.ingest(crm(CRM2, T1).attribute("a", 1L).build());

    assertThat(store.delete(CRM2).outcome()).isEqualTo(DeleteOutcome.FULL_REMOVAL);
    assertThat(store.statistics().profiles()).isZero();
    assertThat(store.statistics().fragments()).isZero();
  }

  @Test
  default void lookupByProfileId_followsMergesToTheSurvivor() {
    ProfileStore store = open(IngestFixtures.builder());
    store.ingest(crm(CRM1, T1).attribute("a", 1L).build());
    store.ingest(Record.builder("web").primary(ECID).timestamp(T2).attribute("b", 2L).build());
    String older = store.lookup(CRM1).fetch().orElseThrow().profileId();
    String newer = store.lookup(ECID).fetch().orElseThrow().profileId();

    store.ingest(Record.builder("web").primary(ECID).identity(CRM1).timestamp(T3).build());
    store = reopen(store);

    Profile survivor = store.lookup(ECID).fetch().orElseThrow();
    assertThat(survivor.profileId()).isEqualTo(older);
    Profile redirected = store.lookupByProfileId(newer).fetch().orElseThrow();
    assertThat(redirected.profileId()).isEqualTo(survivor.profileId());
    assertThat(redirected.identities()).isEqualTo(survivor.identities());
    assertThat(redirected.attributes()).isEqualTo(survivor.attributes());
    assertThat(store.lookupByProfileId(older).fields("a").fetch().orElseThrow().get("a"))
        .contains(1L);
    assertThat(store.lookupByProfileId("0".repeat(32)).fetch()).isEmpty();
    GraphView byId = store.graphByProfileId(newer).orElseThrow();
    assertThat(byId).isEqualTo(store.graph(CRM1).orElseThrow());
  }

  @Test
  default void lookupByProfileId_underNoneStitching_takesTheFirstIdentityWithData() {
    ProfileStore store = janeAndDevice();
    String id = store.lookup(EMAIL).fetch().orElseThrow().profileId();

    Profile own = store.lookupByProfileId(id).policy("own").fetch().orElseThrow();

    // CRMID sorts before ECID and Email, and holds the crm fragment.
    assertThat(own.identities()).containsExactly(CRM1);
    assertThat(own.get("person.name")).contains("Jane");
  }
}
