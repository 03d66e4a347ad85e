package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's Java quickstart: each {@code tag::NAME[]} region below is quoted verbatim in
 * README.md, so the snippets there compile and run here, and cannot drift from the API.
 */
class ReadmeQuickstartTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "rtprofile", "cli", "ReadmeQuickstartTest.java");
  private static final String ECID = "12345678901234567890123456789012345678";

  @Test
  void quickstart_runsAsTheReadmeSays() throws IOException {
    // tag::strategy[]
    // A custom merge strategy: the longest of the candidate values wins.
    AttributeStrategy longest =
        (path, candidates) ->
            candidates.stream()
                .map(Candidate::value)
                .max(Comparator.comparingInt(value -> value.toString().length()))
                .orElse(null);
    // end::strategy[]

    // tag::build[]
    ProfileStore store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .linkingRules(
                LinkingRules.builder().unique("CRMID").priority("CRMID", "Email", "ECID").build())
            .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id("crm-first"))
            .mergePolicy(
                MergePolicy.timestampOrdered()
                    .id("longest-name")
                    .override("person.name.firstName", longest))
            .index("loyalty.tier")
            .build();
    // end::build[]

    // tag::ingest[]
    IngestResult result =
        store.ingest(
            Record.builder("crm")
                .primary("CRMID", "c-1")
                .identity("Email", "Jane.Doe@Example.com")
                .attribute("person.name.firstName", "Jane")
                .customTimestamp(Instant.parse("2026-03-01T10:00:00Z"))
                .build());
    store.ingest(
        Record.builder("loyalty")
            .primary("Email", "jane.doe@example.com")
            .attribute("person.name.firstName", "Janey")
            .attribute("loyalty.tier", "gold")
            .attribute("loyalty.points", 1200L)
            .customTimestamp(Instant.parse("2026-04-01T10:00:00Z"))
            .build());
    store.ingest(
        Event.builder("web", "evt-1")
            .timestamp(Instant.parse("2026-04-02T09:00:00Z"))
            .eventType("userAccount.login")
            .identity("ECID", ECID)
            .identity("CRMID", "c-1")
            .build());
    // end::ingest[]
    assertThat(result.status()).isEqualTo(IngestStatus.ACCEPTED);

    // tag::lookup[]
    Profile jane = store.lookup(Identity.of("ECID", ECID)).fetch().orElseThrow();
    jane.getString("person.name.firstName"); // Optional[Janey]: the newest value wins
    jane.identities(); // CRMID:c-1, ECID:1234…, Email:jane.doe@example.com
    // end::lookup[]
    assertThat(jane.getString("person.name.firstName")).hasValue("Janey");
    assertThat(jane.identities()).hasSize(3);

    // tag::search[]
    List<Profile> gold =
        store
            .search()
            .where("loyalty.tier")
            .eq("gold")
            .sortByDescending("loyalty.points")
            .limit(20)
            .fetch();
    // end::search[]
    assertThat(gold).extracting(Profile::profileId).containsExactly(jane.profileId());

    // tag::explain[]
    Explanation why = jane.explain("person.name.firstName").orElseThrow();
    why.rule(); // timestampOrdered
    why.winner(); // "Janey" from loyalty, 2026-04-01T10:00:00Z
    why.losers(); // "Jane" from crm, 2026-03-01T10:00:00Z
    // end::explain[]
    assertThat(why.rule()).isEqualTo("timestampOrdered");
    assertThat(why.winner().dataset()).isEqualTo("loyalty");
    assertThat(why.losers()).extracting(Candidate::value).containsExactly("Jane");

    // tag::policies[]
    Identity email = Identity.of("Email", "JANE.DOE@example.com");
    store.lookup(email).policy("crm-first").fetch(); // firstName "Jane": crm outranks loyalty
    store.lookup(email).policy("longest-name").fetch(); // firstName "Janey": the custom strategy
    // end::policies[]
    assertThat(
            store
                .lookup(email)
                .policy("crm-first")
                .fetch()
                .orElseThrow()
                .get("person.name.firstName"))
        .hasValue("Jane");
    assertThat(
            store
                .lookup(email)
                .policy("longest-name")
                .fetch()
                .orElseThrow()
                .explain("person.name.firstName")
                .orElseThrow()
                .rule())
        .startsWith("override:");

    InputStream ndjson =
        new ByteArrayInputStream(
            ("{\"identityMap\":{\"Email\":[{\"id\":\"sam@example.com\",\"primary\":true}]},"
                    + "\"loyalty\":{\"tier\":\"gold\",\"points\":40}}\n")
                .getBytes(StandardCharsets.UTF_8));
    // tag::json[]
    ProfileJson json = ProfileJson.defaults();
    IngestReport report = json.ingestRecords(store, "loyalty", ndjson); // per-line problems
    String entity = json.writeProfile(jane); // AEP entities-API shape
    // end::json[]
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(entity).startsWith("{\"" + jane.profileId() + "\":{\"entityId\"");
    assertThat(store.search().where("loyalty.tier").eq("gold").count()).isEqualTo(2);
  }

  @Test
  void readme_quotesEveryRegionVerbatim() throws IOException {
    String readme = Files.readString(README);
    Map<String, String> regions = regions(Files.readAllLines(SOURCE));

    assertThat(regions)
        .containsOnlyKeys(
            "strategy", "build", "ingest", "lookup", "search", "explain", "policies", "json");
    regions.forEach((name, code) -> assertThat(readme).as("README region %s", name).contains(code));
  }

  @Test
  void readme_opensWithTheDemoCommandThenTheTestCommand() throws IOException {
    String readme = Files.readString(README);

    assertThat(readme)
        .startsWith(
            "# rtprofile\n\n```sh\nmvn -B -q -pl profile-cli -am package -DskipTests &&"
                + " java -jar profile-cli/target/rtprofile.jar demo\n```\n\n```sh\nmvn -B"
                + " verify\n```\n");
  }

  @Test
  void readme_showsTheDemosConfigurationAsWritten() throws IOException {
    assertThat(Files.readString(README)).contains(DemoData.configuration(true));
  }

  /** The tagged regions of a source file, each without its common indentation. */
  static Map<String, String> regions(List<String> lines) {
    Map<String, String> regions = new LinkedHashMap<>();
    String name = null;
    List<String> body = new ArrayList<>();
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.startsWith("// tag::") && trimmed.endsWith("[]")) {
        name = trimmed.substring("// tag::".length(), trimmed.length() - 2);
        body.clear();
      } else if (trimmed.startsWith("// end::") && name != null) {
        int indent =
            body.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        StringBuilder text = new StringBuilder();
        for (String l : body) {
          text.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        regions.put(name, text.toString());
        name = null;
      } else if (name != null) {
        body.add(line);
      }
    }
    return regions;
  }
}
