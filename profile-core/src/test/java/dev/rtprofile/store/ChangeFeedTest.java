package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The change feed ({@link ProfileStore#subscribe}): which changes each operation publishes, that
 * listeners see the new state, and that a failing listener is isolated (ARCHITECTURE §3, §5; STYLE
 * 11).
 *
 * <p>The store has no unlink; splits come from ingest (the identity optimization algorithm moving a
 * device to its newest authenticated user) and from erasing an identity that held a graph together.
 */
class ChangeFeedTest {
  private static final long T1 = 1_700_000_000_000L;
  private static final long T2 = T1 + 1_000;
  private static final long T3 = T2 + 1_000;
  private static final Identity CRM1 = Identity.of("CRMID", "c-1");
  private static final Identity CRM2 = Identity.of("CRMID", "c-2");
  private static final Identity EMAIL = Identity.of("Email", "jane@example.com");
  private static final Identity ECID =
      Identity.of("ECID", "12345678901234567890123456789012345678");

  private final ProfileStore store =
      ProfileStore.builder()
          .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
          .linkingRules(
              LinkingRules.builder().unique("CRMID").priority("CRMID", "Email", "ECID").build())
          .build();
  private final List<ProfileChange> changes = new CopyOnWriteArrayList<>();

  ChangeFeedTest() {
    store.subscribe(changes::add);
  }

  private String profileId(Identity identity) {
    return store.lookup(identity).fetch().orElseThrow().profileId();
  }

  private static List<ProfileChange.Kind> kinds(List<ProfileChange> changes) {
    return changes.stream().map(ProfileChange::kind).toList();
  }

  @Test
  void ingest_newProfile_publishesCreatedWithItsPaths() {
    store.ingest(
        Record.builder("crm")
            .primary(CRM1)
            .attribute("person.name.first", "Jane")
            .attribute("loyalty.points", 10)
            .timestamp(T1)
            .build());

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.CREATED);
              assertThat(c.after()).containsExactly(profileId(CRM1));
              assertThat(c.changedPaths())
                  .containsExactlyInAnyOrder("person.name.first", "loyalty.points");
            });
  }

  @Test
  void ingest_changedRecord_publishesUpdatedWithTheChangedPathsOnly() {
    store.ingest(
        Record.builder("crm")
            .primary(CRM1)
            .attribute("same", 1)
            .attribute("changed", 1)
            .attribute("dropped", 1)
            .timestamp(T1)
            .build());
    changes.clear();

    store.ingest(
        Record.builder("crm")
            .primary(CRM1)
            .attribute("same", 1)
            .attribute("changed", 2)
            .attribute("added", 1)
            .timestamp(T2)
            .build());

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.UPDATED);
              assertThat(c.before()).containsExactly(profileId(CRM1));
              assertThat(c.after()).containsExactly(profileId(CRM1));
              assertThat(c.changedPaths()).containsExactlyInAnyOrder("changed", "dropped", "added");
            });
  }

  @Test
  void ingest_upsertRemoval_publishesTheRemovedPath() {
    ProfileStore upsert = ProfileStore.builder().updateMode("crm", UpdateMode.UPSERT).build();
    List<ProfileChange> seen = new ArrayList<>();
    upsert.subscribe(seen::add);
    upsert.ingest(
        Record.builder("crm")
            .primary(EMAIL)
            .attribute("a", 1)
            .attribute("b", 1)
            .timestamp(T1)
            .build());
    seen.clear();

    upsert.ingest(Record.builder("crm").primary(EMAIL).remove("b").timestamp(T2).build());

    assertThat(seen)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.UPDATED);
              assertThat(c.changedPaths()).containsExactly("b");
            });
  }

  @Test
  void ingest_secondDatasetForAnExistingProfile_publishesUpdated() {
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());
    changes.clear();

    store.ingest(Record.builder("loyalty").primary(CRM1).attribute("b", 1).timestamp(T2).build());

    assertThat(kinds(changes))
        .as("the profile existed already: its data changed, it was not created")
        .containsExactly(ProfileChange.Kind.UPDATED);
    assertThat(changes.get(0).changedPaths()).containsExactly("b");
  }

  @Test
  void ingest_staleRecord_publishesNothing() {
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 2).timestamp(T2).build());
    changes.clear();

    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());

    assertThat(changes).isEmpty();
  }

  @Test
  void ingest_rejectedRecord_publishesNothing() {
    store.ingest(Record.builder("crm").primary(CRM1).identity(CRM2).timestamp(T1).build());

    assertThat(changes).isEmpty();
  }

  @Test
  void ingest_recordJoiningTwoProfiles_publishesMergedToTheOlderId() {
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());
    store.ingest(Record.builder("mail").primary(EMAIL).attribute("b", 1).timestamp(T2).build());
    String older = profileId(CRM1);
    String newer = profileId(EMAIL);
    changes.clear();

    store.ingest(
        Record.builder("web")
            .primary(ECID)
            .identity(CRM1)
            .identity(EMAIL)
            .attribute("c", 1)
            .timestamp(T3)
            .build());

    assertThat(changes)
        .filteredOn(c -> c.kind() == ProfileChange.Kind.MERGED)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before())
                  .containsExactlyElementsOf(List.of(older, newer).stream().sorted().toList());
              assertThat(c.after()).containsExactly(older);
            });
    assertThat(profileId(EMAIL)).isEqualTo(older);
    assertThat(changes)
        .filteredOn(c -> c.kind() != ProfileChange.Kind.MERGED)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.UPDATED);
              assertThat(c.after()).containsExactly(older);
              assertThat(c.changedPaths()).containsExactly("c");
            });
  }

  @Test
  void ingest_deviceMovesToItsNewestUser_publishesSplit() {
    // CRM c-1 with its email and a cookie; then c-2 logs in on the cookie.
    store.ingest(Record.builder("crm").primary(CRM1).identity(EMAIL).timestamp(T1).build());
    store.ingest(Record.builder("web").primary(ECID).identity(EMAIL).timestamp(T2).build());
    String before = profileId(CRM1);
    changes.clear();

    store.ingest(Record.builder("login").primary(CRM2).identity(ECID).timestamp(T3).build());

    assertThat(store.lookup(EMAIL).fetch().orElseThrow().identities()).containsExactly(CRM1, EMAIL);
    assertThat(store.lookup(ECID).fetch().orElseThrow().identities()).containsExactly(CRM2, ECID);
    assertThat(changes)
        .filteredOn(c -> c.kind() == ProfileChange.Kind.SPLIT)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.before()).containsExactly(before);
              assertThat(c.after())
                  .containsExactlyElementsOf(
                      List.of(profileId(CRM1), profileId(CRM2)).stream().sorted().toList());
            });
  }

  @Test
  void erase_identity_publishesErased() {
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());
    String id = profileId(CRM1);
    changes.clear();

    store.erase(CRM1);

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.ERASED);
              assertThat(c.before()).containsExactly(id);
              assertThat(c.after()).isEmpty();
            });
  }

  @Test
  void erase_identityThatJoinedAGraph_publishesErasedWithBothParts() {
    store.ingest(Record.builder("crm").primary(CRM1).identity(EMAIL).timestamp(T1).build());
    store.ingest(Record.builder("web").primary(ECID).identity(EMAIL).timestamp(T2).build());
    String before = profileId(CRM1);
    changes.clear();

    store.erase(EMAIL);

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.ERASED);
              assertThat(c.before()).containsExactly(before);
              assertThat(c.after())
                  .containsExactlyElementsOf(
                      List.of(profileId(CRM1), profileId(ECID)).stream().sorted().toList());
            });
  }

  @Test
  void erase_unknownIdentity_publishesNothing() {
    store.erase(EMAIL);

    assertThat(changes).isEmpty();
  }

  @Test
  void deleteDataset_removingIdentities_publishesTheChange() {
    store.ingest(Record.builder("crm").primary(CRM1).identity(EMAIL).timestamp(T1).build());
    store.ingest(
        Record.builder("web")
            .primary(ECID)
            .identity(EMAIL)
            .attribute("a", 1)
            .timestamp(T2)
            .build());
    String before = profileId(CRM1);
    changes.clear();

    store.deleteDataset("web");

    assertThat(store.lookup(ECID).fetch()).isEmpty();
    assertThat(profileId(CRM1)).as("the CRM side keeps its profile id").isEqualTo(before);
    assertThat(changes)
        .as("deleting the cookie and its data changed a profile that still exists")
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isIn(ProfileChange.Kind.UPDATED, ProfileChange.Kind.ERASED);
              assertThat(c.before()).containsExactly(before);
              assertThat(c.after())
                  .as("the profile still exists after the deletion")
                  .containsExactly(before);
            });
  }

  @Test
  void deleteDataset_splittingAGraph_publishesSplitWithBothParts() {
    store.ingest(Record.builder("crm").primary(CRM1).identity(EMAIL).timestamp(T1).build());
    store.ingest(
        Record.builder("web")
            .primary(ECID)
            .identity(EMAIL)
            .attribute("a", 1)
            .timestamp(T2)
            .build());
    store.ingest(Record.builder("app").primary(ECID).attribute("b", 1).timestamp(T3).build());
    String before = profileId(CRM1);
    changes.clear();

    store.deleteDataset("web");

    assertThat(store.lookup(ECID).fetch().orElseThrow().identities()).containsExactly(ECID);
    assertThat(store.lookup(CRM1).fetch().orElseThrow().identities()).containsExactly(CRM1, EMAIL);
    assertThat(profileId(CRM1)).isEqualTo(before);
    List<String> parts = List.of(before, profileId(ECID)).stream().sorted().toList();
    assertThat(changes)
        .as("the cookie's link was web's alone: one profile became two, and a change says so")
        .anySatisfy(
            c -> {
              assertThat(c.before()).containsExactly(before);
              assertThat(c.after()).containsExactlyElementsOf(parts);
            });
  }

  @Test
  void ingestEvent_newAndKnownIdentity_publishesCreatedThenUpdated() {
    store.ingest(Event.builder("web", "e-1").primary("ECID", ECID.value()).timestamp(T1).build());
    store.ingest(Event.builder("web", "e-2").primary("ECID", ECID.value()).timestamp(T2).build());
    store.ingest(Event.builder("web", "e-2").primary("ECID", ECID.value()).timestamp(T2).build());

    assertThat(kinds(changes))
        .as("a duplicate event publishes nothing")
        .containsExactly(ProfileChange.Kind.CREATED, ProfileChange.Kind.UPDATED);
    assertThat(changes).allSatisfy(c -> assertThat(c.changedPaths()).isEmpty());
  }

  @Test
  void expireEvents_removingEvents_publishesUpdatedForTheirProfile() {
    MutableClock clock = new MutableClock(Instant.ofEpochMilli(T3));
    ProfileStore retained =
        ProfileStore.builder().clock(clock).eventRetention("web", Duration.ofHours(1)).build();
    List<ProfileChange> seen = new ArrayList<>();
    retained.subscribe(seen::add);
    retained.ingest(
        Event.builder("web", "e-1").primary("ECID", ECID.value()).timestamp(T3).build());
    retained.ingest(
        Event.builder("app", "e-2").primary("ECID", ECID.value()).timestamp(T3).build());
    String id = retained.lookup(ECID).fetch().orElseThrow().profileId();
    seen.clear();
    clock.advance(Duration.ofHours(2));

    assertThat(retained.expireEvents()).isEqualTo(1);

    assertThat(seen)
        .as("like ingesting an event, expiring one changes its profile's events")
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ProfileChange.Kind.UPDATED);
              assertThat(c.after()).containsExactly(id);
            });
  }

  @Test
  void subscribe_throwingListener_isIsolated() {
    List<ProfileChange> later = new ArrayList<>();
    store.subscribe(
        c -> {
          throw new IllegalStateException("listener bug");
        });
    store.subscribe(later::add);

    IngestResult r =
        store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());
    IngestResult r2 =
        store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 2).timestamp(T2).build());

    assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(r2.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(CRM1).fetch().orElseThrow().getLong("a")).hasValue(2L);
    assertThat(kinds(changes))
        .as("a listener subscribed before the failing one")
        .containsExactly(ProfileChange.Kind.CREATED, ProfileChange.Kind.UPDATED);
    assertThat(kinds(later))
        .as("a listener subscribed after the failing one")
        .containsExactly(ProfileChange.Kind.CREATED, ProfileChange.Kind.UPDATED);
  }

  @Test
  void subscribe_listenerLookingUp_seesTheNewState() {
    List<Optional<Long>> seen = new ArrayList<>();
    List<List<Identity>> identities = new ArrayList<>();
    store.subscribe(
        c -> {
          Optional<Profile> p = store.lookup(CRM1).fetch();
          seen.add(p.flatMap(x -> x.getLong("a")));
          identities.add(p.map(Profile::identities).orElse(List.of()));
        });

    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 2).timestamp(T2).build());
    store.ingest(
        Record.builder("mail")
            .primary(EMAIL)
            .identity(CRM1)
            .attribute("b", 1)
            .timestamp(T3)
            .build());

    assertThat(seen).containsExactly(Optional.of(1L), Optional.of(2L), Optional.of(2L));
    assertThat(identities.get(2)).containsExactly(CRM1, EMAIL);
  }

  @Test
  void close_unsubscribes() throws Exception {
    List<ProfileChange> seen = new ArrayList<>();
    AutoCloseable handle = store.subscribe(seen::add);
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());

    handle.close();
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 2).timestamp(T2).build());
    handle.close();

    assertThat(kinds(seen)).containsExactly(ProfileChange.Kind.CREATED);
    assertThat(kinds(changes))
        .as("other listeners stay subscribed")
        .containsExactly(ProfileChange.Kind.CREATED, ProfileChange.Kind.UPDATED);
  }

  @Test
  void subscribe_sameListenerTwice_closingOneHandleLeavesTheOther() throws Exception {
    List<ProfileChange> seen = new ArrayList<>();
    ProfileListener listener = seen::add;
    AutoCloseable first = store.subscribe(listener);
    store.subscribe(listener);

    first.close();
    store.ingest(Record.builder("crm").primary(CRM1).attribute("a", 1).timestamp(T1).build());

    assertThat(kinds(seen)).containsExactly(ProfileChange.Kind.CREATED);
    assertThat(Set.copyOf(kinds(changes))).containsExactly(ProfileChange.Kind.CREATED);
  }
}
