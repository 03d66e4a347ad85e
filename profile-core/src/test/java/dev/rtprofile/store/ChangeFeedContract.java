package dev.rtprofile.store;

import static dev.rtprofile.store.ContractFixtures.JANE;
import static dev.rtprofile.store.ContractFixtures.ingestJane;
import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.CRM2;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.StoreContract.profile;
import static dev.rtprofile.store.StoreContract.profileId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileChange.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract of the change feed (CREATED, UPDATED, MERGED, SPLIT, ERASED with the profile ids
 * involved, listeners isolated, handles that unsubscribe), of statistics and of dry runs
 * (ARCHITECTURE §3). A store's subscriptions need not survive {@link #reopen}, so these tests never
 * reopen.
 */
interface ChangeFeedContract extends StoreContract {

  @Test
  default void subscribe_ingests_seeCreatedThenUpdatedWithTheProfileIdAndPaths() {
    ProfileStore store = open(ContractFixtures.builder());
    List<ProfileChange> changes = listen(store);

    store.ingest(IngestFixtures.crm(CRM1, T1).attribute("a", 1L).build());
    store.ingest(IngestFixtures.crm(CRM1, T2).attribute("a", 1L).attribute("b", 2L).build());
    store.ingest(IngestFixtures.crm(CRM1, T1).attribute("a", 0L).build()); // stale: no change

    String id = profileId(store, CRM1);
    assertThat(changes)
        .extracting(ProfileChange::kind, ProfileChange::before, ProfileChange::after)
        .containsExactly(
            tuple(Kind.CREATED, List.of(), List.of(id)),
            tuple(Kind.UPDATED, List.of(id), List.of(id)));
    assertThat(changes)
        .extracting(ProfileChange::changedPaths)
        .containsExactly(Set.of("a"), Set.of("b"));
  }

  @Test
  default void subscribe_recordJoiningTwoProfiles_seesMergedIntoTheOlderId() {
    ProfileStore store = open(ContractFixtures.builder());
    ContractFixtures.ingestApart(store);
    String older = profileId(store, CRM1);
    String newer = profileId(store, EMAIL);
    List<ProfileChange> changes = listen(store);

    store.ingest(
        Record.builder("web").primary(ECID).identity(CRM1).identity(EMAIL).timestamp(T3).build());

    assertThat(changes)
        .filteredOn(c -> c.kind() == Kind.MERGED)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before()).containsExactlyElementsOf(sorted(older, newer));
              assertThat(c.after()).containsExactly(older);
            });
    assertThat(profileId(store, EMAIL)).isEqualTo(older);
  }

  @Test
  default void subscribe_unlink_seesSplitFromTheFormerIdToBothParts() {
    assertJaneSeparates(ProfileChange.Kind.SPLIT, store -> store.unlink(EMAIL, ECID));
  }

  @Test
  default void subscribe_erase_seesErasedFromTheFormerIdToTheParts() {
    assertJaneSeparates(ProfileChange.Kind.ERASED, store -> store.erase(EMAIL));
  }

  @Test
  default void subscribe_cookieTakenByAnotherUniqueIdentity_seesSplit() {
    assertJaneSeparates(
        ProfileChange.Kind.SPLIT,
        store ->
            store.ingest(
                Record.builder("login").primary(CRM2).identity(ECID).timestamp(T3 + 1).build()));
  }

  /**
   * Runs {@code operation} on Jane's store, which separates her email (with CRMID c-1) from her
   * cookie, and asserts the one change of {@code kind} it publishes: from Jane's profile id to the
   * ids of the two parts.
   */
  private void assertJaneSeparates(ProfileChange.Kind kind, Consumer<ProfileStore> operation) {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    String before = profileId(store, CRM1);
    List<ProfileChange> changes = listen(store);

    operation.accept(store);

    assertThat(profile(store, CRM1).identities()).doesNotContain(ECID);
    assertThat(changes)
        .filteredOn(c -> c.kind() == kind)
        .extracting(ProfileChange::before, ProfileChange::after)
        .containsExactly(
            tuple(List.of(before), sorted(profileId(store, CRM1), profileId(store, ECID))));
  }

  @Test
  default void subscribe_listenerLookingUpOnAMerge_seesTheMergedProfile() {
    ProfileStore store = open(ContractFixtures.builder());
    ContractFixtures.ingestApart(store);
    store.lookupAll(JANE).fetchAll(); // cached, where the store caches, before the merge
    List<List<Identity>> seen = new CopyOnWriteArrayList<>();
    store.subscribe(
        change -> {
          if (change.kind() == Kind.MERGED) {
            seen.add(profile(store, EMAIL).identities());
          }
        });

    store.ingest(
        Record.builder("web").primary(ECID).identity(CRM1).identity(EMAIL).timestamp(T3).build());

    assertThat(seen).containsExactly(JANE);
  }

  @Test
  default void subscribe_eraseProfile_seesErasedToNothing() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    String jane = profileId(store, EMAIL);
    List<ProfileChange> changes = listen(store);

    store.eraseProfile(EMAIL);

    assertThat(changes).isNotEmpty().allMatch(c -> c.kind() == Kind.ERASED);
    assertThat(changes.get(0).before()).containsExactly(jane);
    assertThat(changes.get(changes.size() - 1).after()).isEmpty();
  }

  @Test
  default void subscribe_throwingListener_storeCarriesOnAndOtherListenersStillHear() {
    ProfileStore store = open(ContractFixtures.builder());
    store.subscribe(
        change -> {
          throw new IllegalStateException("listener bug");
        });
    List<ProfileChange> heard = listen(store);

    IngestResult result = store.ingest(IngestFixtures.crm(CRM1, T1).attribute("a", 1L).build());

    assertThat(result.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(heard).extracting(ProfileChange::kind).containsExactly(Kind.CREATED);
    assertThat(profile(store, CRM1).attributes()).isEqualTo(Map.of("a", 1L));
    store.ingest(IngestFixtures.crm(CRM1, T2).attribute("a", 2L).build());
    assertThat(profile(store, CRM1).attributes()).isEqualTo(Map.of("a", 2L));
    assertThat(heard).extracting(ProfileChange::kind).containsExactly(Kind.CREATED, Kind.UPDATED);
  }

  @Test
  default void close_unsubscribes() throws Exception {
    ProfileStore store = open(ContractFixtures.builder());
    List<ProfileChange> heard = new CopyOnWriteArrayList<>();
    AutoCloseable handle = store.subscribe(heard::add);
    store.ingest(IngestFixtures.crm(CRM1, T1).attribute("a", 1L).build());

    handle.close();
    store.ingest(IngestFixtures.crm(CRM2, T1).attribute("a", 1L).build());

    assertThat(heard).extracting(ProfileChange::kind).containsExactly(Kind.CREATED);
  }

  @Test
  default void statistics_countProfilesFragmentsEventsAndIdentitiesByNamespace() {
    ProfileStore store = open(ContractFixtures.builder());
    ingestJane(store);
    store.ingest(IngestFixtures.crm(CRM2, T1).attribute("a", 1L).build());
    store.ingest(Event.builder("web", "e1").primary("ECID", ECID.value()).timestamp(T1).build());
    store = reopen(store);

    StoreStatistics stats = store.statistics();

    assertThat(stats.profiles()).isEqualTo(2);
    assertThat(stats.fragments()).isEqualTo(4);
    assertThat(stats.events()).isEqualTo(1);
    assertThat(stats.graph().identities()).isEqualTo(4);
    assertThat(stats.graph().identitiesByNamespace())
        .isEqualTo(Map.of("CRMID", 2, "ECID", 1, "Email", 1));
    assertThat(stats.graph().sizeHistogram()).isEqualTo(Map.of(1, 1, 3, 1));
    assertThat(store.profileCountsByNamespace())
        .isEqualTo(Map.of("CRMID", 2L, "ECID", 1L, "Email", 1L));
  }

  @Test
  default void dryRun_joiningRecord_reportsTheMergeAndChangesNothing() {
    ProfileStore store = open(ContractFixtures.builder());
    ContractFixtures.ingestApart(store);
    List<ProfileChange> changes = listen(store);
    Map<String, ProfileState> before = states(store);
    StoreStatistics statistics = store.statistics();

    RecordDryRun run =
        store.dryRun(IngestFixtures.crm(CRM1, T3).identity(EMAIL).attribute("c", 1L).build());

    assertThat(run.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(run.graph().merges()).isTrue();
    assertThat(run.graph().profileIdsBefore())
        .containsExactlyElementsOf(
            sorted(before.get(CRM1.toText()).profileId(), before.get(EMAIL.toText()).profileId()));
    assertThat(run.changedPaths()).containsExactlyInAnyOrder("a", "c");
    assertThat(store.dryRun(IngestFixtures.crm(CRM1, T1 - 1).attribute("a", 0L).build()).status())
        .as("older than the stored crm record")
        .isEqualTo(IngestStatus.IGNORED);
    assertThat(states(store)).isEqualTo(before);
    assertThat(store.statistics()).isEqualTo(statistics);
    assertThat(changes).isEmpty();
  }

  /** Subscribes a list to the store's change feed and returns it. */
  private static List<ProfileChange> listen(ProfileStore store) {
    List<ProfileChange> changes = new CopyOnWriteArrayList<>();
    store.subscribe(changes::add);
    return changes;
  }

  private static Map<String, ProfileState> states(ProfileStore store) {
    Map<String, ProfileState> out = new TreeMap<>();
    store.lookupAll(JANE).fetchAll().forEach((i, p) -> out.put(i.toText(), ProfileState.of(p)));
    return out;
  }

  private static List<String> sorted(String... ids) {
    return Stream.of(ids).sorted().toList();
  }
}
