package dev.rtprofile.example;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import dev.rtprofile.store.StoreStatistics;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The README's first command: a store fed a deterministic sample of a CRM export, a loyalty feed
 * and web events (with a shared kiosk device and junk emails), then the unified person looked up by
 * three identities, a conflict explained, two merge policies, the kiosk kept apart by the
 * unique-namespace rule, an un-merge and an erasure. Run with {@code mvn -B -q -pl profile-core
 * test-compile exec:java}.
 */
public final class ProfileExample {
  private static final PrintStream OUT = System.out;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final int PEOPLE = 2_000;
  private static final String KIOSK = "9".repeat(38);

  private ProfileExample() {}

  /** Runs the demo. */
  public static void main(String[] args) {
    ProfileStore store = newStore(true);
    long t0 = System.nanoTime();
    int[] counts = ingestSample(store);
    double seconds = (System.nanoTime() - t0) / 1e9;
    StoreStatistics stats = store.statistics();
    OUT.printf(
        "Ingested %d records and %d events in %.2f s (%.0f per second); %d rejected or trimmed.%n",
        counts[0], counts[1], seconds, (counts[0] + counts[1]) / seconds, counts[2]);
    OUT.println(
        stats.profiles()
            + " profiles, "
            + stats.graph().identities()
            + " identities "
            + stats.graph().identitiesByNamespace()
            + ", graph sizes "
            + stats.graph().sizeHistogram());

    Identity crm = Identity.of("CRMID", "c-00042");
    Identity email = Identity.of("Email", "Person42@Example.com");
    Identity loyalty = Identity.of("loyaltyId", "L-00042");
    OUT.println();
    OUT.println("One person, looked up by three identities:");
    for (Identity identity : List.of(crm, email, loyalty)) {
      Profile p = store.lookup(identity).fetch().orElseThrow();
      OUT.println("  " + identity.namespace() + " -> " + p.profileId());
    }
    Profile person = store.lookup(crm).fetch().orElseThrow();
    OUT.println("  identities: " + person.identities().size() + ", attributes:");
    person.attributes().forEach((path, value) -> OUT.println("    " + path + " = " + value));

    OUT.println();
    OUT.println("Why is the first name what it is? (timestampOrdered: newest fragment wins)");
    Explanation why = person.explain("person.name.firstName").orElseThrow();
    OUT.println("  " + why.value() + " from " + describe(why.winner()) + " by " + why.rule());
    for (Candidate loser : why.losers()) {
      OUT.println("  lost: " + loser.value() + " from " + describe(loser));
    }

    OUT.println();
    OUT.println("The same person under other merge policies:");
    for (String policy : List.of("crm-first", "points-summed")) {
      Profile p = store.lookup(crm).policy(policy).fetch().orElseThrow();
      OUT.println(
          "  "
              + policy
              + ": firstName="
              + p.getString("person.name.firstName").orElse("-")
              + ", loyalty.points="
              + p.get("loyalty.points").orElse("-"));
    }

    OUT.println();
    OUT.println("The kiosk device (ECID ...999) was used by several customers to log in.");
    GraphView kiosk = store.graph(Identity.of("ECID", KIOSK)).orElseThrow();
    OUT.println(
        "  its graph holds "
            + kiosk.members().stream().filter(i -> i.namespace().equals("CRMID")).count()
            + " CRMID (unique namespace); links the rule removed: "
            + kiosk.removedLinks().size());
    for (LinkView link :
        kiosk.removedLinks().subList(0, Math.min(3, kiosk.removedLinks().size()))) {
      OUT.println(
          "    removed "
              + link.from().namespace()
              + "-"
              + link.to().namespace()
              + " "
              + link.status());
    }
    ProfileStore withoutRule = newStore(false);
    ingestSample(withoutRule);
    GraphView collapsed = withoutRule.graph(Identity.of("ECID", KIOSK)).orElseThrow();
    OUT.println(
        "  without the unique-CRMID rule the kiosk would pull "
            + collapsed.removedLinks().size()
            + " customers into one graph; only the graph limit of 50 stops that, by evicting"
            + " the device itself ("
            + collapsed.removedLinks().get(0).status()
            + ").");

    OUT.println();
    EventPage events = store.events(crm).newestFirst().limit(3).fetch();
    OUT.println("Newest events of the person: ");
    for (Event e : events.events()) {
      OUT.println("  " + Instant.ofEpochMilli(e.timestamp()) + " " + e.eventType());
    }

    OUT.println();
    OUT.println("Privacy request: erase the person's email.");
    store.erase(email);
    IngestResult replay =
        store.ingest(Record.builder("loyalty").primary(loyalty).identity(email).build());
    OUT.println(
        "  replaying a record that carries it: "
            + replay.status()
            + " "
            + replay.problems()
            + "; lookup by email finds "
            + store.lookup(email).fetch().map(Profile::profileId).orElse("nothing"));
  }

  private static ProfileStore newStore(boolean uniqueCrmId) {
    LinkingRules.Builder rules =
        LinkingRules.builder().priority("CRMID", "loyaltyId", "Email", "ECID");
    if (uniqueCrmId) {
      rules.unique("CRMID");
    }
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .namespace(Namespace.custom("loyaltyId", IdentityType.CROSS_DEVICE))
        .namespace(Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
        .linkingRules(rules.build())
        .blockedValue("Email", "test@test.com")
        .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id("crm-first"))
        .mergePolicy(
            MergePolicy.timestampOrdered()
                .id("points-summed")
                .override("loyalty.points", AttributeStrategy.sum()))
        .build();
  }

  private static String describe(Candidate c) {
    return c == null
        ? "a strategy"
        : c.dataset()
            + " ("
            + c.primary().namespace()
            + ", "
            + Instant.ofEpochMilli(c.timestamp())
            + ")";
  }

  /** Ingests the sample; returns records, events and rejected-or-trimmed counts. */
  private static int[] ingestSample(ProfileStore store) {
    Random random = new Random(7);
    int records = 0;
    int eventCount = 0;
    int problems = 0;
    String[] first = {"Ann", "Ben", "Cleo", "Dan", "Eva", "Finn", "Gus", "Hana"};
    String[] cities = {"Lisbon", "Oslo", "Porto", "Turin", "Lyon", "Graz"};
    String[] tiers = {"bronze", "silver", "gold"};
    for (int i = 0; i < PEOPLE; i++) {
      String n = String.format("%05d", i);
      Instant crmTime = START.plusSeconds(i * 60L);
      Map<String, Object> crm = new TreeMap<>();
      crm.put("person.name.firstName", first[i % first.length]);
      crm.put("person.name.lastName", "Family" + (i % 97));
      crm.put("homeAddress.city", cities[random.nextInt(cities.length)]);
      IngestResult r =
          store.ingest(
              Record.builder("crm")
                  .primary("CRMID", "c-" + n)
                  .identity("Email", i % 50 == 0 ? "test@test.com" : "person" + i + "@example.com")
                  .identity("Phone", "+3519" + n + "000")
                  .attributes(crm)
                  .timestamp(crmTime)
                  .build());
      records++;
      problems += r.status() == IngestStatus.ACCEPTED ? 0 : 1;
      if (random.nextInt(3) > 0 || i == 42) {
        r =
            store.ingest(
                Record.builder("loyalty")
                    .primary("loyaltyId", "L-" + n)
                    .identity("Email", "Person" + i + "@Example.com ")
                    .attribute("person.name.firstName", first[(i + 1) % first.length] + "ie")
                    .attribute("loyalty.tier", tiers[random.nextInt(tiers.length)])
                    .attribute("loyalty.points", (long) random.nextInt(5000))
                    .timestamp(crmTime.plusSeconds(86_400L * (1 + random.nextInt(30))))
                    .build());
        records++;
        problems += r.status() == IngestStatus.ACCEPTED ? 0 : 1;
      }
      String ecid = String.format("%038d", 1_000_000L + i);
      for (int e = 0; e < 3; e++) {
        boolean login = e == 2;
        boolean atKiosk = login && i % 40 == 0;
        Event.Builder event =
            Event.builder("web", "w-" + n + "-" + e)
                .timestamp(crmTime.plusSeconds(3600L * (e + 1)))
                .eventType(login ? "web.login" : "web.pageView")
                .identity("ECID", atKiosk ? KIOSK : ecid);
        if (login) {
          event.identity("CRMID", "c-" + n);
        }
        r = store.ingest(event.attribute("web.page", login ? "/login" : "/p/" + e).build());
        eventCount++;
        problems += r.status() == IngestStatus.ACCEPTED ? 0 : 1;
      }
    }
    return new int[] {records, eventCount, problems};
  }
}
