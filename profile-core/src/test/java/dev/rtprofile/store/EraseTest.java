package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rtprofile.graph.DatasetDeletion;
import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityView;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ProfileStore#erase}, {@link ProfileStore#eraseProfile} and {@link
 * ProfileStore#deleteDataset}: after a privacy erase nothing the store answers mentions the
 * identity or its data, and replayed data cannot bring it back (ARCHITECTURE §2 "Deletion and
 * un-merge", §4).
 */
class EraseTest {
  private static final long T1 = 1_700_000_000_000L;
  private static final long T2 = T1 + 1_000;
  private static final long T3 = T2 + 1_000;
  private static final String JANE_VALUE = "jane@example.com";
  private static final Identity JANE = Identity.of("Email", JANE_VALUE);
  private static final Identity CRM1 = Identity.of("CRMID", "c-1");
  private static final Identity ECID =
      Identity.of("ECID", "12345678901234567890123456789012345678");
  private static final List<String> POLICIES = List.of("timestampOrdered", "own");

  private ProfileStore store;
  private final List<ProfileChange> changes = new ArrayList<>();

  /**
   * One person: Jane's email (first seen, so the profile id derives from it) with a newsletter
   * fragment and a mail event under it, a CRM record linking it to CRMID c-1, a web record and
   * event linking it to a cookie.
   */
  @BeforeEach
  void ingestJane() {
    store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
            .build();
    store.subscribe(changes::add);
    ingestAll(store);
    // Lookups fill the cache, which the erase must not leave behind.
    for (Identity identity : List.of(JANE, CRM1, ECID)) {
      for (String policy : POLICIES) {
        store.lookup(identity).policy(policy).fetch();
      }
    }
  }

  private static void ingestAll(ProfileStore store) {
    assertThat(
            List.of(
                store.ingest(
                    Record.builder("newsletter")
                        .primary(JANE)
                        .attribute("newsletter.optIn", true)
                        .timestamp(T1)
                        .build()),
                store.ingest(
                    Record.builder("crm")
                        .primary(CRM1)
                        .identity(JANE)
                        .attribute("person.name", "Jane")
                        .timestamp(T2)
                        .build()),
                store.ingest(
                    Record.builder("web")
                        .primary(ECID)
                        .identity(JANE)
                        .attribute("web.lastPage", "/home")
                        .timestamp(T3)
                        .build()),
                store.ingest(
                    Event.builder("web", "e-web")
                        .primary("ECID", ECID.value())
                        .identity(JANE)
                        .timestamp(T3)
                        .build()),
                store.ingest(
                    Event.builder("mail", "e-mail")
                        .primary("Email", JANE_VALUE)
                        .timestamp(T2)
                        .build())))
        .extracting(IngestResult::status)
        .containsOnly(IngestStatus.ACCEPTED);
  }

  /** Everywhere the store's answers about {@code probes} mention {@code value}. */
  private List<String> mentions(List<Identity> probes, String value) {
    List<String> out = new ArrayList<>();
    for (Identity probe : probes) {
      for (String policy : POLICIES) {
        String where = "lookup(" + probe.namespace() + ", " + policy + ")";
        store
            .lookup(probe)
            .policy(policy)
            .fetch()
            .ifPresent(
                p -> {
                  if (p.identities().stream().anyMatch(i -> i.value().equals(value))) {
                    out.add(where + ".identities");
                  }
                  if (p.primaryIdentity().value().equals(value)) {
                    out.add(where + ".primaryIdentity");
                  }
                  if (p.attributes().values().stream()
                      .anyMatch(v -> v.toString().contains(value))) {
                    out.add(where + ".attributes");
                  }
                  for (String path : p.attributes().keySet()) {
                    for (Candidate c : p.explain(path).orElseThrow().candidates()) {
                      if (c.primary().value().equals(value)) {
                        out.add(where + ".explain(" + path + ")");
                      }
                    }
                  }
                });
        for (Event e : store.events(probe).policy(policy).limit(10_000).fetch().events()) {
          if (e.identities().stream().anyMatch(r -> r.identity().value().equals(value))) {
            out.add("events(" + probe.namespace() + ", " + policy + ") " + e.id() + ".identities");
          }
        }
      }
      store
          .graph(probe)
          .ifPresent(
              g -> {
                for (IdentityView v : g.identities()) {
                  if (v.identity().value().equals(value)) {
                    out.add("graph(" + probe.namespace() + ").identities");
                  }
                }
                List<LinkView> links = new ArrayList<>(g.links());
                links.addAll(g.removedLinks());
                for (LinkView l : links) {
                  if (l.from().value().equals(value) || l.to().value().equals(value)) {
                    out.add("graph(" + probe.namespace() + ").links");
                  }
                }
              });
    }
    return out;
  }

  @Test
  void erase_identity_nothingTheStoreAnswersMentionsIt() {
    store.erase(JANE);

    assertThat(mentions(List.of(JANE, CRM1, ECID), JANE_VALUE)).isEmpty();
  }

  @Test
  void erase_identity_lookupsByItAreEmptyAndTheOthersLoseItsData() {
    String janesProfileId = store.lookup(CRM1).fetch().orElseThrow().profileId();

    store.erase(JANE);

    assertThat(store.lookup(JANE).fetch()).isEmpty();
    assertThat(store.lookup(JANE).policy("own").fetch()).isEmpty();
    assertThat(store.lookupAll(List.of(JANE, CRM1)).fetchAll()).containsOnlyKeys(CRM1);
    Profile crm = store.lookup(CRM1).fetch().orElseThrow();
    assertThat(crm.identities())
        .as("the email linked CRM and cookie; both stand alone now")
        .containsExactly(CRM1);
    assertThat(crm.attributes())
        .as("the newsletter fragment stored under the email is gone")
        .containsOnlyKeys("person.name");
    assertThat(crm.profileId())
        .as("no profile keeps the id derived from the erased identity")
        .isNotEqualTo(janesProfileId);
    assertThat(store.lookup(ECID).fetch().orElseThrow().profileId()).isNotEqualTo(janesProfileId);
  }

  @Test
  void erase_identity_eventsStoredUnderItAreGone() {
    store.erase(JANE);

    assertThat(store.events(JANE).fetch().events()).isEmpty();
    assertThat(store.events(CRM1).fetch().events()).isEmpty();
    assertThat(store.events(ECID).fetch().events()).extracting(Event::id).containsExactly("e-web");
    assertThat(store.statistics().events()).isEqualTo(1);
  }

  @Test
  void erase_identity_graphAndStatisticsForgetIt() {
    store.erase(JANE);

    assertThat(store.graph(JANE)).isEmpty();
    assertThat(store.identityGraph().contains(JANE)).isFalse();
    assertThat(store.identityGraph().canonical(JANE)).isEmpty();
    GraphView crm = store.graph(CRM1).orElseThrow();
    assertThat(crm.members()).containsExactly(CRM1);
    assertThat(crm.links()).isEmpty();
    assertThat(crm.removedLinks()).isEmpty();
    StoreStatistics stats = store.statistics();
    assertThat(stats.graph().identitiesByNamespace().getOrDefault("Email", 0)).isZero();
    assertThat(stats.graph().identitiesByNamespace())
        .containsExactlyInAnyOrderEntriesOf(Map.of("CRMID", 1, "ECID", 1));
    assertThat(stats.profiles()).isEqualTo(2);
    assertThat(stats.fragments()).as("crm and web remain, newsletter is gone").isEqualTo(2);
    assertThat(stats.graph().links()).isZero();
  }

  @Test
  void erase_identity_changeFeedCarriesProfileIdsOnly() {
    String janesProfileId = store.lookup(CRM1).fetch().orElseThrow().profileId();
    changes.clear();

    store.erase(JANE);

    assertThat(changes).extracting(ProfileChange::kind).containsExactly(ProfileChange.Kind.ERASED);
    ProfileChange erased = changes.get(0);
    assertThat(erased.before()).containsExactly(janesProfileId);
    assertThat(erased.after())
        .containsExactlyInAnyOrder(
            store.lookup(CRM1).fetch().orElseThrow().profileId(),
            store.lookup(ECID).fetch().orElseThrow().profileId());
    assertThat(erased.changedPaths()).isEmpty();
    assertThat(erased.toString()).doesNotContain(JANE_VALUE);
  }

  @Test
  void erase_thenReplayTheSameData_identityStaysOut() {
    store.erase(JANE);
    changes.clear();

    IngestResult crm =
        store.ingest(
            Record.builder("crm")
                .primary(CRM1)
                .identity(JANE)
                .attribute("person.name", "Jane")
                .timestamp(T3)
                .build());

    assertThat(crm.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(crm.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(crm.dropped())
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(JANE, IdentityProblem.ERASED));
    assertThat(store.identityGraph().contains(JANE)).isFalse();
    assertThat(store.lookup(JANE).fetch()).isEmpty();
    assertThat(store.lookup(CRM1).fetch().orElseThrow().identities()).containsExactly(CRM1);
    assertThat(store.graph(CRM1).orElseThrow().members()).containsExactly(CRM1);
    assertThat(store.graph(CRM1).orElseThrow().removedLinks()).isEmpty();
    assertThat(changes).extracting(ProfileChange::kind).containsExactly(ProfileChange.Kind.UPDATED);
  }

  @Test
  void erase_thenReplayAnEventCarryingIt_storedEventDoesNotKeepIt() {
    store.erase(JANE);

    IngestResult r =
        store.ingest(
            Event.builder("web", "e-web-2")
                .primary("ECID", ECID.value())
                .identity(JANE)
                .timestamp(T3 + 1)
                .build());

    assertThat(r.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(r.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(store.events(ECID).fetch().events()).extracting(Event::id).contains("e-web-2");
    assertThat(mentions(List.of(JANE, CRM1, ECID), JANE_VALUE))
        .as("the erased value is dropped from the event before it is stored")
        .isEmpty();
  }

  @Test
  void erase_thenRecordWithOnlyTheErasedIdentity_rejectedWithTheErasedReason() {
    store.erase(JANE);

    IngestResult record =
        store.ingest(
            Record.builder("newsletter")
                .primary(JANE)
                .attribute("newsletter.optIn", true)
                .timestamp(T3)
                .build());
    IngestResult event =
        store.ingest(
            Event.builder("mail", "e-mail-2").primary("Email", JANE_VALUE).timestamp(T3).build());

    assertThat(record.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(event.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(store.lookup(JANE).fetch()).isEmpty();
    assertThat(store.events(JANE).fetch().events()).isEmpty();
    assertThat(record.dropped())
        .as("the dropped identity carries its own reason (ERASED)")
        .extracting(DroppedIdentity::identity, DroppedIdentity::problem)
        .containsExactly(tuple(JANE, IdentityProblem.ERASED));
  }

  @Test
  void erase_unknownIdentity_laterDataCarryingItDropsIt() {
    Identity never = Identity.of("Email", "never@example.com");
    store.erase(never);

    IngestResult r =
        store.ingest(Record.builder("crm").primary(CRM1).identity(never).timestamp(T3).build());

    assertThat(r.problems()).containsExactly(IngestProblem.ERASED_IDENTITY);
    assertThat(store.identityGraph().contains(never)).isFalse();
  }

  @Test
  void erase_valueInAnotherSpelling_erasesTheNormalizedIdentity() {
    ProfileStore normalized =
        ProfileStore.builder()
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .build();
    normalized.ingest(Record.builder("crm").primary(JANE).attribute("a", 1).timestamp(T1).build());

    normalized.erase(Identity.of("email", "  JANE@Example.com "));

    assertThat(normalized.lookup(JANE).fetch()).isEmpty();
    assertThat(normalized.statistics().fragments()).isZero();
    assertThat(
            normalized
                .ingest(
                    Record.builder("crm")
                        .primary("Email", "Jane@example.com")
                        .timestamp(T2)
                        .build())
                .status())
        .isEqualTo(IngestStatus.REJECTED);
  }

  @Test
  void erase_normalizedNamespace_scrubsEveryStoredSpellingFromEvents() {
    ProfileStore normalized =
        ProfileStore.builder()
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .build();
    normalized.ingest(
        Event.builder("web", "e-1")
            .primary("ECID", ECID.value())
            .identity("Email", " Jane@EXAMPLE.com")
            .timestamp(T1)
            .build());

    normalized.erase(JANE);

    assertThat(normalized.events(ECID).fetch().events())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.identities())
                    .extracting(r -> r.identity().namespace())
                    .as("the email, in whatever spelling it was sent, is gone from the event")
                    .containsExactly("ECID"));
  }

  @Test
  void eraseProfile_removesEveryIdentityAndAllTheirData() {
    changes.clear();

    store.eraseProfile(ECID);

    StoreStatistics stats = store.statistics();
    assertThat(stats.profiles()).isZero();
    assertThat(stats.fragments()).isZero();
    assertThat(stats.events()).isZero();
    assertThat(stats.graph().identities()).isZero();
    assertThat(stats.graph().identitiesByNamespace()).isEmpty();
    for (Identity identity : List.of(JANE, CRM1, ECID)) {
      for (String policy : POLICIES) {
        assertThat(store.lookup(identity).policy(policy).fetch())
            .as("lookup of %s under %s", identity.namespace(), policy)
            .isEmpty();
        assertThat(store.events(identity).policy(policy).fetch().events())
            .as("events of %s under %s", identity.namespace(), policy)
            .isEmpty();
      }
      assertThat(store.graph(identity)).isEmpty();
    }
    assertThat(changes).isNotEmpty().allMatch(c -> c.kind() == ProfileChange.Kind.ERASED);
  }

  @Test
  void eraseProfile_thenReplayEverything_nothingComesBack() {
    store.eraseProfile(CRM1);
    changes.clear();

    List<IngestResult> results = new ArrayList<>();
    results.add(
        store.ingest(
            Record.builder("crm")
                .primary(CRM1)
                .identity(JANE)
                .attribute("person.name", "Jane")
                .timestamp(T3)
                .build()));
    results.add(
        store.ingest(
            Event.builder("web", "e-web-2")
                .primary("ECID", ECID.value())
                .identity(JANE)
                .timestamp(T3)
                .build()));

    assertThat(results).extracting(IngestResult::status).containsOnly(IngestStatus.REJECTED);
    assertThat(store.statistics().graph().identities()).isZero();
    assertThat(changes).isEmpty();
  }

  @Test
  void deleteDataset_removesItsFragmentsEventsAndOnlyItsLinks() {
    // The CRM link is asserted by crm and web; the cookie link by web alone.
    store.ingest(
        Record.builder("web")
            .primary(CRM1)
            .identity(JANE)
            .attribute("web.visits", 3)
            .timestamp(T3)
            .build());

    DatasetDeletion deletion = store.deleteDataset("web");

    assertThat(deletion.linksRemoved()).as("only the cookie link was web's alone").isEqualTo(1);
    assertThat(deletion.identitiesRemoved())
        .as("only the cookie was seen by web alone")
        .isEqualTo(1);
    Profile p = store.lookup(CRM1).fetch().orElseThrow();
    assertThat(p.identities()).containsExactly(CRM1, JANE);
    assertThat(p.datasets()).containsExactly("crm", "newsletter");
    assertThat(p.attributes()).containsOnlyKeys("newsletter.optIn", "person.name");
    assertThat(store.graph(CRM1).orElseThrow().links())
        .extracting(LinkView::from, LinkView::to, LinkView::datasets)
        .containsExactly(tuple(CRM1, JANE, List.of("crm")));
    assertThat(store.graph(ECID)).isEmpty();
    assertThat(store.lookup(ECID).fetch()).isEmpty();
    assertThat(store.events(JANE).fetch().events()).extracting(Event::id).containsExactly("e-mail");
    StoreStatistics stats = store.statistics();
    assertThat(stats.events()).isEqualTo(1);
    assertThat(stats.fragments()).isEqualTo(2);
    assertThat(stats.graph().identitiesByNamespace())
        .containsExactlyInAnyOrderEntriesOf(Map.of("CRMID", 1, "Email", 1));
  }

  @Test
  void deleteDataset_thenIngestItAgain_isAccepted() {
    store.deleteDataset("web");

    IngestResult r =
        store.ingest(
            Record.builder("web")
                .primary(ECID)
                .identity(JANE)
                .attribute("web.lastPage", "/again")
                .timestamp(T3 + 1)
                .build());

    assertThat(r.status())
        .as("a dataset deletion is not a privacy erase")
        .isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(CRM1).fetch().orElseThrow().getString("web.lastPage"))
        .hasValue("/again");
  }

  @Test
  void deleteDataset_unknownDataset_changesNothing() {
    StoreStatistics before = store.statistics();

    DatasetDeletion deletion = store.deleteDataset("nope");

    assertThat(deletion).isEqualTo(new DatasetDeletion(0, 0));
    assertThat(store.statistics()).isEqualTo(before);
  }

  @Test
  void ingestAgainIntoAFreshStore_sameDataGivesTheSameProfile() {
    // Guards the fixture: a second store fed the same data agrees before anything is erased.
    ProfileStore twin =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
            .build();
    ingestAll(twin);

    assertThat(ProfileState.of(twin.lookup(ECID).fetch().orElseThrow()))
        .isEqualTo(ProfileState.of(store.lookup(ECID).fetch().orElseThrow()));
  }
}
