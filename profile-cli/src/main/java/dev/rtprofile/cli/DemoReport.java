package dev.rtprofile.cli;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventQuery;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import dev.rtprofile.store.StoreStatistics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo's findings, section by section: each goes into one JSON document and, for the human
 * formats, is printed as it is found.
 */
final class DemoReport {
  private static final String FIRST_NAME = "person.name.firstName";

  private final DemoData data;
  private final ProfileStore store;
  private final @Nullable PrintStream out;
  private final @Nullable Path dir;
  private final ObjectNode json = CliJson.object();
  private final ObjectNode timing;
  private @Nullable StorageReport storage;
  private int section;

  DemoReport(DemoData data, ProfileStore store, @Nullable PrintStream out, @Nullable Path dir) {
    this.data = data;
    this.store = store;
    this.out = out;
    this.dir = dir;
    json.put("seed", data.seed);
    json.put("people", data.people);
    this.timing = json.putObject("timing");
  }

  ObjectNode json() {
    return json;
  }

  void header(long generatedNanos) {
    timing.put("generateSeconds", seconds(generatedNanos));
    ObjectNode files = json.putObject("generated");
    for (String[] file : DemoData.FILES) {
      byte[] bytes = data.bytes(file[0]);
      long lines = 0;
      for (byte b : bytes) {
        lines += b == '\n' ? 1 : 0;
      }
      files.putObject(file[0]).put("file", file[1]).put("lines", lines).put("bytes", bytes.length);
    }
    println(
        "rtprofile demo: "
            + Text.count(data.people)
            + " customers generated from seed "
            + data.seed
            + " in "
            + Text.seconds(generatedNanos)
            + ": a CRM export (CSV), a loyalty feed (XDM records), web events (ECID cookies,"
            + " logins, a shared kiosk, junk sign-ups) and mobile app events (IDFA, GAID).");
  }

  void ingest(List<DatasetReport> reports) {
    section("Ingest, through profile-json: the CSV by a mapping, the rest as XDM NDJSON");
    ObjectNode report = IngestReports.json(reports, store.statistics());
    json.set("ingest", report);
    long nanos = reports.stream().mapToLong(DatasetReport::nanos).sum();
    long lines = report.get("totals").get("lines").asLong();
    double perSecond = lines / Math.max(1e-9, nanos / 1e9);
    timing.put("ingestSeconds", seconds(nanos));
    timing.put("linesPerSecond", Math.round(perSecond));
    if (out != null) {
      IngestReports.text(out, reports, "  ", 2);
      out.printf(
          Locale.ROOT,
          "  %s lines in %s: %,.0f lines per second, each read, validated, linked and stored.%n",
          Text.count(lines),
          Text.seconds(nanos),
          perSecond);
      out.println(
          "  TRIMMED lines carried "
              + DemoData.JUNK_EMAIL
              + ", a blocked value: it was dropped and the rest of the line kept.");
    }
  }

  void store() {
    StoreStatistics stats = store.statistics();
    section(
        "The store: "
            + Text.count(stats.profiles())
            + " profiles from "
            + Text.count(stats.graph().identities())
            + " identities");
    ObjectNode node = StatsCommand.json(store);
    json.set("store", node);
    if (out != null) {
      StatsCommand.text(out, stats, store.profileCountsByNamespace(), "  ");
      out.println(
          "  Two ECIDs in one graph are one person's two browsers; CRMID is unique, so no graph"
              + " holds two.");
    }
  }

  void person() {
    DemoData.Featured f = data.featured;
    section("One person, found by three different identities");
    ObjectNode node = json.putObject("person");
    ArrayNode lookups = node.putArray("lookups");
    String profileId = null;
    for (Identity identity :
        List.of(
            Identity.of("Email", f.email()),
            Identity.of("loyaltyId", f.loyaltyId()),
            Identity.of("ECID", f.ecid()))) {
      String id = store.lookup(identity).fetch().map(Profile::profileId).orElse(null);
      lookups.addObject().put("identity", identity.toText()).put("profileId", id);
      profileId = profileId == null ? id : profileId;
      println(String.format(Locale.ROOT, "  %-44s -> profile %s", identity.toText(), id));
    }
    Profile p = store.lookup(Identity.of("CRMID", f.crmId())).fetch().orElseThrow();
    node.put("profileId", p.profileId());
    node.put("sameProfile", p.profileId().equals(profileId) && allSame(lookups));
    node.set("profile", unwrap(p));
    List<Event> events =
        store.events(Identity.of("CRMID", f.crmId())).limit(EventQuery.MAX_LIMIT).fetch().events();
    Set<String> eventDatasets = new TreeSet<>();
    events.forEach(e -> eventDatasets.add(e.dataset()));
    node.put("events", events.size());
    if (out != null) {
      out.println("  The email is spelled as the loyalty feed sent it; the Email namespace's");
      out.println("  normalizer lower-cases it, so it matches the CRM export's spelling too.");
      ProfileText.profile(out, p, "  ");
      out.println(
          "    events: "
              + events.size()
              + " in "
              + String.join(", ", eventDatasets)
              + " (rtprofile events lists them)");
    }
  }

  void conflict() {
    section("A conflict, explained: the CRM and the loyalty feed disagree on the first name");
    Profile p = store.lookup(Identity.of("CRMID", data.featured.crmId())).fetch().orElseThrow();
    Explanation why = p.explain(FIRST_NAME).orElseThrow();
    json.set("conflict", CliJson.parse(ProfileJson.defaults().writeExplanation(why)));
    if (out != null) {
      ProfileText.explanation(out, why, "  ");
      out.println(
          "  The default policy is timestampOrdered: the newest fragment with a value wins.");
    }
  }

  void policies() {
    section("The same person under two merge policies");
    ArrayNode node = json.putArray("policies");
    Identity crmId = Identity.of("CRMID", data.featured.crmId());
    for (String policy : List.of("newest", "crm-first")) {
      Profile p = store.lookup(crmId).policy(policy).fetch().orElseThrow();
      Object name = p.get(FIRST_NAME).orElse(null);
      ObjectNode entry = node.addObject().put("policy", policy);
      entry.put(FIRST_NAME, String.valueOf(name));
      entry.put("sources", String.join(",", p.datasets()));
      println(
          String.format(
              Locale.ROOT,
              "  %-10s %s = %-12s  (%s)",
              policy,
              FIRST_NAME,
              Text.value(name),
              policy.equals("newest")
                  ? "timestampOrdered: the newest value wins"
                  : "dataSetPrecedence: crm, then loyalty"));
    }
  }

  void kiosk() {
    Identity kiosk = Identity.of("ECID", DemoData.KIOSK_ECID);
    int users = data.kioskUsers.size();
    section(
        "A shared kiosk in the shop (ECID "
            + abbreviate(kiosk.value())
            + "): "
            + users
            + " customers logged in on it");
    ObjectNode node = json.putObject("kiosk");
    node.put("ecid", kiosk.value());
    node.put("customers", users);
    GraphView withRule = store.graph(kiosk).orElseThrow();
    List<Identity> crmIds = crmIds(withRule);
    Set<String> profiles = new TreeSet<>();
    for (String user : data.kioskUsers) {
      store.identityGraph().profileId(Identity.of("CRMID", user)).ifPresent(profiles::add);
    }
    Map<String, Integer> statuses = new TreeMap<>();
    for (LinkView l : withRule.removedLinks()) {
      statuses.merge(l.status().name(), 1, Integer::sum);
    }
    ObjectNode rule = node.putObject("withUniqueCrmId");
    rule.put("graphSize", withRule.size());
    rule.put("crmIds", crmIds.size());
    rule.put("lastUser", crmIds.isEmpty() ? null : crmIds.get(0).value());
    ObjectNode removed = rule.putObject("removedLinks");
    statuses.forEach(removed::put);
    rule.put("customerProfiles", profiles.size());
    GraphView without = withoutUniqueRule().graph(kiosk).orElseThrow();
    ObjectNode noRule = node.putObject("withoutTheRule");
    noRule.put("graphSize", without.size());
    noRule.put("crmIds", crmIds(without).size());
    if (out != null) {
      out.println(
          "  With CRMID unique (the configuration's linking rule), the kiosk's graph holds "
              + withRule.size()
              + " identities and "
              + crmIds.size()
              + " CRMID"
              + (crmIds.isEmpty() ? "" : ", " + crmIds.get(0).value() + ", its last user;"));
      out.println(
          "  the rule removed "
              + withRule.removedLinks().size()
              + " links "
              + statuses.keySet()
              + " and the "
              + users
              + " customers remain "
              + profiles.size()
              + " profiles.");
      out.println(
          "  Without the rule (the same links replayed into a graph without it), the kiosk's"
              + " graph holds "
              + without.size()
              + " identities");
      out.println(
          "  and "
              + crmIds(without).size()
              + " CRMIDs: "
              + users
              + " customers would have been merged into one person.");
    }
  }

  void erase() {
    DemoData.Featured f = data.featured;
    Identity email = Identity.of("Email", f.email());
    Identity crmId = Identity.of("CRMID", f.crmId());
    Identity loyaltyId = Identity.of("loyaltyId", f.loyaltyId());
    section("A privacy request: erase " + email.toText());
    Profile before = store.lookup(crmId).fetch().orElseThrow();
    store.erase(email);
    Profile after = store.lookup(crmId).fetch().orElseThrow();
    String emailFinds = store.lookup(email).fetch().map(Profile::profileId).orElse(null);
    String loyaltyProfile = store.lookup(loyaltyId).fetch().map(Profile::profileId).orElse(null);
    IngestResult replay =
        store.ingest(
            Record.builder("loyalty")
                .primary(loyaltyId)
                .identity(email)
                .customTimestamp(DemoData.NOW)
                .build());
    ObjectNode node = json.putObject("erase");
    node.put("identity", email.toText());
    node.putObject("before")
        .put("profileId", before.profileId())
        .put("identities", before.identities().size());
    ObjectNode a = node.putObject("after");
    a.put("lookupByErased", emailFinds);
    a.put("profileId", after.profileId());
    a.put("identities", after.identities().size());
    a.put("loyaltyIdProfile", loyaltyProfile);
    ObjectNode r = node.putObject("replay");
    r.put("status", replay.status().name());
    ArrayNode problems = r.putArray("problems");
    replay.problems().forEach(p -> problems.add(p.name()));
    if (out != null) {
      out.println(
          "  before: profile "
              + before.profileId()
              + " holds "
              + before.identities().size()
              + " identities");
      out.println(
          "  after:  the email finds "
              + (emailFinds == null ? "nothing" : "profile " + emailFinds)
              + "; profile "
              + after.profileId()
              + " holds "
              + after.identities().size()
              + " identities");
      if (loyaltyProfile != null && !loyaltyProfile.equals(after.profileId())) {
        out.println(
            "          "
                + loyaltyId.toText()
                + " is now profile "
                + loyaltyProfile
                + " on its own: the email was its only link to the CRM side.");
      }
      out.println(
          "  replaying a loyalty record that carries the email: "
              + replay.status()
              + " "
              + replay.problems()
              + "; the deny list (a salted hash, never the value) keeps it out.");
    }
  }

  /**
   * Records the durable store {@code demo --out DIR} left in {@code DIR/store}: {@code
   * "durableStore": {"directory", "durableLines"}}; the footer names it.
   */
  void durableStore(StorageReport storage) {
    this.storage = storage;
    json.putObject("durableStore")
        .put("directory", storage.directory().toString())
        .put("durableLines", storage.durableLines());
  }

  void footer() {
    if (dir != null) {
      json.put("out", dir.toString());
    } else {
      json.putNull("out");
    }
    if (out == null) {
      return;
    }
    out.println();
    String at = dir == null ? "DIR" : dir.toString();
    String store = storage == null ? at + "/store" : storage.directory().toString();
    if (dir == null) {
      out.println(
          "Run 'rtprofile demo --out DIR' to keep the files and a durable store of them, then try"
              + " for example:");
    } else {
      out.println(
          "The files and config.json are in "
              + at
              + ", and a durable store of the same data in "
              + store
              + (storage == null ? "" : " (" + Text.count(storage.durableLines()) + " lines)")
              + "; try for example:");
    }
    out.println(
        "  rtprofile lookup --store "
            + store
            + " CRMID:"
            + this.data.featured.crmId()
            + " --pretty");
    out.println(
        "  rtprofile search --store "
            + store
            + " --where loyalty.tier=gold --sort loyalty.points:desc --format table");
    out.println(
        "  rtprofile view --store " + store + "   # the profile viewer, http://127.0.0.1:8080/");
    out.println(
        "  rtprofile ingest --store " + store + " --data web=" + at + "/web.ndjson   # appends");
    String data =
        "--config "
            + at
            + "/config.json --data crm="
            + at
            + "/crm.csv --data loyalty="
            + at
            + "/loyalty.ndjson --data web="
            + at
            + "/web.ndjson --data mobile="
            + at
            + "/mobile.ndjson";
    out.println("or, reading the files again for each command:");
    out.println(
        "  rtprofile lookup " + data + " CRMID:" + this.data.featured.crmId() + " --pretty");
  }

  // ---------------------------------------------------------------------------------------------

  /** The same namespaces and links as the demo store, without the unique-CRMID rule. */
  private IdentityGraph withoutUniqueRule() {
    MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("loyaltyId", IdentityType.CROSS_DEVICE))
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .linkingRules(
                LinkingRules.builder()
                    .priority("CRMID", "loyaltyId", "Email", "Phone", "IDFA", "GAID", "ECID")
                    .build())
            .blockedValue("Email", DemoData.JUNK_EMAIL)
            .build();
    for (DemoData.Sighting s : data.sightings) {
      graph.link(s.dataset(), s.timestamp(), s.identities());
    }
    return graph;
  }

  private static List<Identity> crmIds(GraphView graph) {
    return graph.members().stream().filter(i -> i.namespace().equals("CRMID")).toList();
  }

  private static boolean allSame(ArrayNode lookups) {
    String first = lookups.get(0).get("profileId").asString();
    for (int i = 1; i < lookups.size(); i++) {
      if (!first.equals(lookups.get(i).get("profileId").asString())) {
        return false;
      }
    }
    return true;
  }

  private static tools.jackson.databind.JsonNode unwrap(Profile p) {
    return CliJson.parse(ProfileJson.defaults().writeProfile(p)).get(p.profileId());
  }

  private static String abbreviate(String value) {
    return value.length() > 12
        ? value.substring(0, 4) + "…" + value.substring(value.length() - 4)
        : value;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1e3;
  }

  private void section(String title) {
    if (out != null) {
      out.println();
      out.println(++section + ". " + title);
    }
  }

  private void println(String line) {
    if (out != null) {
      out.println(line);
    }
  }
}
