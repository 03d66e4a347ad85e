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
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What the store's face answers for front ends: the read-only graph, lookups and graphs by profile
 * id, identity delete beside erase, the scan executor.
 */
class StoreFaceTest {
  private static final Set<String> GRAPH_WRITES =
      Set.of("link", "unlink", "delete", "erase", "deleteDataset", "neverLink", "dryRun", "check");

  private static ProfileStore janeAndDevice() {
    ProfileStore store = IngestFixtures.builder().index("person.name").build();
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
  void identityGraph_isReadOnly() {
    IdentityGraph graph = janeAndDevice().identityGraph();

    assertThat(graph).isNotInstanceOf(MutableIdentityGraph.class);
    List<String> writes =
        Arrays.stream(IdentityGraph.class.getMethods())
            .map(Method::getName)
            .filter(GRAPH_WRITES::contains)
            .toList();
    assertThat(writes).as("write methods on the read-only face").isEmpty();
  }

  @Test
  void delete_keepsEveryPartOfTheStoreConsistent() {
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
  void delete_isNotAnErasure_laterDataBringsTheIdentityBack() {
    ProfileStore store = janeAndDevice();
    store.delete(CRM1);

    IngestResult again =
        store.ingest(crm(CRM1, T3).identity(EMAIL).attribute("person.name", "Jane").build());

    assertThat(again.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(ECID).fetch().orElseThrow().identities()).contains(CRM1);
    assertThat(store.delete(Identity.of("CRMID", "nobody")).outcome())
        .isEqualTo(DeleteOutcome.NO_CHANGE);
  }

  @Test
  void delete_ofALoneIdentity_isAFullRemoval() {
    ProfileStore store = IngestFixtures.builder().build();
    store.ingest(crm(CRM2, T1).attribute("a", 1L).build());

    assertThat(store.delete(CRM2).outcome()).isEqualTo(DeleteOutcome.FULL_REMOVAL);
    assertThat(store.statistics().profiles()).isZero();
    assertThat(store.statistics().fragments()).isZero();
  }

  @Test
  void lookupByProfileId_followsMergesToTheSurvivor() {
    ProfileStore store = IngestFixtures.builder().build();
    store.ingest(crm(CRM1, T1).attribute("a", 1L).build());
    store.ingest(Record.builder("web").primary(ECID).timestamp(T2).attribute("b", 2L).build());
    String older = store.lookup(CRM1).fetch().orElseThrow().profileId();
    String newer = store.lookup(ECID).fetch().orElseThrow().profileId();

    store.ingest(Record.builder("web").primary(ECID).identity(CRM1).timestamp(T3).build());

    Profile survivor = store.lookup(ECID).fetch().orElseThrow();
    assertThat(survivor.profileId()).isEqualTo(older);
    assertThat(store.lookupByProfileId(newer).fetch()).contains(survivor);
    assertThat(store.lookupByProfileId(older).fields("a").fetch().orElseThrow().get("a"))
        .contains(1L);
    assertThat(store.lookupByProfileId("0".repeat(32)).fetch()).isEmpty();
    GraphView byId = store.graphByProfileId(newer).orElseThrow();
    assertThat(byId).isEqualTo(store.graph(CRM1).orElseThrow());
  }

  @Test
  void lookupByProfileId_underNoneStitching_takesTheFirstIdentityWithData() {
    ProfileStore store = janeAndDevice();
    String id = store.lookup(EMAIL).fetch().orElseThrow().profileId();

    Profile own = store.lookupByProfileId(id).policy("own").fetch().orElseThrow();

    // CRMID sorts before ECID and Email, and holds the crm fragment.
    assertThat(own.identities()).containsExactly(CRM1);
    assertThat(own.get("person.name")).contains("Jane");
  }

  @Test
  void executor_runsLargeScansOnTheGivenPool() {
    AtomicInteger threads = new AtomicInteger();
    ForkJoinPool pool =
        new ForkJoinPool(
            1,
            p -> {
              threads.incrementAndGet();
              return ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            },
            null,
            false);
    try {
      ProfileStore store = ProfileStore.builder().executor(pool).build();
      int people = SearchEngine.PARALLEL_THRESHOLD + 10;
      for (int i = 0; i < people; i++) {
        store.ingest(
            Record.builder("crm")
                .primary(Identity.of("Email", "p" + i + "@example.com"))
                .timestamp(T1)
                .attribute("n", (long) (i % 7))
                .build());
      }

      long count = store.search().where("n").eq(3L).count();

      assertThat(count).isEqualTo(people / 7 + (people % 7 > 3 ? 1 : 0));
      assertThat(threads.get()).as("worker threads the pool started").isPositive();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void executor_rejectsNull() {
    org.assertj.core.api.Assertions.assertThatNullPointerException()
        .isThrownBy(() -> ProfileStore.builder().executor(null))
        .withMessage("executor");
  }
}
