package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Every data command end to end through {@code main}, on files the demo generator wrote: the same
 * data the demo ingests in memory must give the same answers when read back from disk.
 */
class CommandsTest {
  @TempDir static Path dir;

  private static JsonNode demo;
  private static String crmId;
  private static String email;
  private static String loyaltyId;
  private static String ecid;

  @BeforeAll
  static void generate() {
    Cli.Result result =
        Cli.run("demo", "--people", "200", "--format", "json", "--out", dir.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    demo = result.json();
    JsonNode lookups = demo.get("person").get("lookups");
    email = lookups.get(0).get("identity").asString();
    loyaltyId = lookups.get(1).get("identity").asString();
    ecid = lookups.get(2).get("identity").asString();
    crmId =
        "CRMID:"
            + demo.get("conflict")
                .get("candidates")
                .get(1)
                .get("primaryIdentity")
                .get("id")
                .asString();
  }

  /** The command, then the configuration and the four datasets, then {@code more}. */
  static String[] withData(String command, String... more) {
    List<String> args =
        new ArrayList<>(List.of(command, "--config", dir.resolve("config.json").toString()));
    for (String[] file : DemoData.FILES) {
      args.add("--data");
      args.add(file[0] + "=" + dir.resolve(file[1]));
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void ingest_generatedFiles_reportsWhatTheDemoIngested() {
    Cli.Result result = Cli.run(withData("ingest"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode report = result.json();
    assertThat(report.get("totals")).isEqualTo(demo.get("ingest").get("totals"));
    assertThat(report.get("store")).isEqualTo(demo.get("ingest").get("store"));
    JsonNode crm = report.get("datasets").get(0);
    assertThat(crm.get("syntax").asString()).isEqualTo("csv");
    assertThat(crm.get("mapping").asString()).isEqualTo("crm");
    assertThat(crm.get("input").asString()).isEqualTo(dir.resolve("crm.csv").toString());
    assertThat(report.get("datasets").get(2).get("kind").asString()).isEqualTo("events");
    assertThat(crm.get("problems").get(0).get("line").asLong()).isGreaterThan(1);
  }

  @Test
  void ingest_strictWithRejectedLines_printsTheReportAndExits1() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("bad.ndjson"),
            "{\"identityMap\":{\"Email\":[{\"id\":\"a@b.c\",\"primary\":true}]}}\n{\"broken\n");

    Cli.Result lenient = Cli.run("ingest", "--data", "extra=" + bad);
    Cli.Result strict = Cli.run("ingest", "--strict", "--data", "extra=" + bad);

    assertThat(lenient.exitCode()).isZero();
    assertThat(strict.exitCode()).isEqualTo(1);
    JsonNode dataset = strict.json().get("datasets").get(0);
    assertThat(dataset.get("rejected").asLong()).isEqualTo(1);
    assertThat(dataset.get("problems").get(0).get("line").asLong()).isEqualTo(2);
    assertThat(dataset.get("problems").get(0).get("reason").asString()).isEqualTo("MALFORMED_JSON");
    assertThat(strict.stderr())
        .contains("--strict: the store rejected 1 line (")
        .contains(" line 2 MALFORMED_JSON");
  }

  @Test
  void lookup_strictWithRejectedLines_printsNothingAndExits1() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad2.ndjson"), "not json\n");

    Cli.Result result = Cli.run("lookup", "--strict", "--data", "x=" + bad, "Email:a@b.c");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).startsWith("rtprofile lookup: --strict: the store rejected 1 line");
  }

  @Test
  void ingest_table_listsEachDatasetAndTheTotal() {
    Cli.Result result = Cli.run(withData("ingest", "--format", "table"));

    assertThat(result.stdout().lines().toList())
        .hasSize(6)
        .first()
        .asString()
        .startsWith("dataset  input");
    assertThat(result.stdout()).contains("\ntotal ");
  }

  @Test
  void lookup_threeIdentities_giveTheDemosProfile() {
    String profileId = demo.get("person").get("profileId").asString();
    for (String identity : List.of(email, loyaltyId, ecid, crmId)) {
      Cli.Result result = Cli.run(withData("lookup", identity));

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.json().get(profileId).get("entityId").asString()).isEqualTo(profileId);
    }
  }

  @Test
  void lookup_policyAndFields_shapeTheProfile() {
    Cli.Result newest = Cli.run(withData("lookup", crmId, "--fields", "person.name"));
    Cli.Result crmFirst =
        Cli.run(withData("lookup", crmId, "--policy", "crm-first", "--fields", "person.name"));

    JsonNode entity = newest.json().values().iterator().next().get("entity");
    assertThat(entity.get("person").get("name").get("firstName").asString()).isEqualTo("Jenny");
    assertThat(entity.has("loyalty")).isFalse();
    JsonNode crmEntity = crmFirst.json().values().iterator().next().get("entity");
    assertThat(crmEntity.get("person").get("name").get("firstName").asString())
        .isEqualTo("Jennifer");
  }

  @Test
  void lookup_policyWithoutStitching_showsOnlyTheIdentitysOwnData() {
    Cli.Result whole = Cli.run(withData("lookup", loyaltyId));
    Cli.Result own = Cli.run(withData("lookup", loyaltyId, "--policy", "own-data"));

    JsonNode wholeProfile = whole.json().values().iterator().next();
    JsonNode ownProfile = own.json().values().iterator().next();
    assertThat(wholeProfile.get("sources").toString()).isEqualTo("[\"crm\",\"loyalty\"]");
    assertThat(wholeProfile.get("entity").has("homeAddress")).isTrue();
    assertThat(ownProfile.get("sources").toString()).isEqualTo("[\"loyalty\"]");
    assertThat(ownProfile.get("entity").has("homeAddress")).isFalse();
    assertThat(ownProfile.get("entity").get("loyalty").get("tier").isString()).isTrue();
  }

  @Test
  void lookup_explain_printsTheExplanation() {
    Cli.Result result = Cli.run(withData("lookup", crmId, "--explain", "person.name.firstName"));

    assertThat(result.json()).isEqualTo(demo.get("conflict"));
  }

  @Test
  void lookup_explainText_namesWinnerAndLoser() {
    Cli.Result result =
        Cli.run(
            withData("lookup", crmId, "--explain", "person.name.firstName", "--format", "text"));

    assertThat(result.stdout())
        .startsWith("person.name.firstName = \"Jenny\"  (by timestampOrdered)\n")
        .contains("  won:  \"Jenny\" from loyalty (" + loyaltyId + ", ")
        .contains("  lost: \"Jennifer\" from crm (" + crmId + ", ");
  }

  @Test
  void lookup_unknownIdentity_printsAnEmptyObject() {
    Cli.Result result = Cli.run(withData("lookup", "CRMID:nobody"));

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).isEqualTo("{}\n");
    assertThat(result.stderr()).contains("no profile holds CRMID:nobody");
  }

  @Test
  void lookup_explainOfAPathWithoutValue_exits2() {
    Cli.Result result = Cli.run(withData("lookup", crmId, "--explain", "person.nickname"));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("--explain person.nickname: the profile has no value");
  }

  @Test
  void events_pages_chainByCursorNewestFirst() {
    Cli.Result first = Cli.run(withData("events", crmId, "--limit", "2", "--newest-first"));
    String cursor = first.json().get("_page").get("next").asString();
    Cli.Result second =
        Cli.run(withData("events", crmId, "--limit", "2", "--newest-first", "--after", cursor));

    List<Long> times = new ArrayList<>();
    for (Cli.Result page : List.of(first, second)) {
      assertThat(page.exitCode()).as(page.toString()).isZero();
      assertThat(page.json().get("children")).hasSize(2);
      page.json().get("children").forEach(c -> times.add(c.get("timestamp").asLong()));
    }
    assertThat(times).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
  }

  @Test
  void events_typeAndWindow_filter() {
    Cli.Result logins = Cli.run(withData("events", crmId, "--type", "userAccount.login"));
    Cli.Result none =
        Cli.run(withData("events", crmId, "--from", "2020-01-01", "--to", "2020-02-01"));

    assertThat(logins.json().get("children")).isNotEmpty();
    assertThat(logins.json().get("children").findValuesAsString("eventType"))
        .containsOnly("userAccount.login");
    assertThat(none.json().get("children")).isEmpty();
  }

  @Test
  void search_goldSortedByPoints_matchesAndOrders() {
    Cli.Result result =
        Cli.run(
            withData(
                "search",
                "--where",
                "loyalty.tier=gold",
                "--sort",
                "loyalty.points:desc",
                "--limit",
                "5"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode profiles = result.json().get("profiles");
    assertThat(result.json().get("total").asLong()).isPositive();
    assertThat(profiles.size()).isBetween(1, 5);
    List<Long> points = new ArrayList<>();
    for (JsonNode p : profiles) {
      assertThat(p.get("entity").get("loyalty").get("tier").asString()).isEqualTo("gold");
      points.add(p.get("entity").get("loyalty").get("points").asLong());
    }
    assertThat(points).isSortedAccordingTo((a, b) -> Long.compare(b, a));
  }

  @Test
  void search_numericAndPrefixConditions_combine() {
    Cli.Result all = Cli.run(withData("search", "--where", "loyalty.points>=10000"));
    Cli.Result both =
        Cli.run(
            withData(
                "search",
                "--where",
                "loyalty.points>=10000",
                "--where",
                "person.name.firstName^=D"));

    long total = all.json().get("total").asLong();
    long narrowed = both.json().get("total").asLong();
    assertThat(total).isPositive();
    assertThat(narrowed).isLessThan(total);
    both.json()
        .get("profiles")
        .forEach(
            p ->
                assertThat(p.get("entity").get("person").get("name").get("firstName").asString())
                    .startsWith("D"));
  }

  @Test
  void search_table_showsTheConditionAndSortColumns() {
    Cli.Result result =
        Cli.run(
            withData(
                "search",
                "--where",
                "loyalty.tier=gold",
                "--sort",
                "loyalty.points:desc",
                "--limit",
                "2",
                "--format",
                "table"));

    List<String> lines = result.stdout().lines().toList();
    assertThat(lines.get(0)).matches("profileId +primaryIdentity +loyalty.tier +loyalty.points");
    assertThat(lines.get(1)).contains("loyaltyId:L-").contains("\"gold\"");
    assertThat(lines.get(3)).matches("[0-9,]+ profiles match; next page: --after \\S+");
  }

  @Test
  void graph_kiosk_holdsOneCrmIdAndReportsTheRemovedLinks() {
    Cli.Result result = Cli.run(withData("graph", "ECID:" + DemoData.KIOSK_ECID));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    JsonNode graph = result.json();
    long crmIds = 0;
    for (JsonNode identity : graph.get("identities")) {
      crmIds += identity.get("namespace").get("code").asString().equals("CRMID") ? 1 : 0;
    }
    assertThat(crmIds).isEqualTo(1);
    assertThat(graph.get("removedLinks")).hasSize(5);
    assertThat(graph.get("removedLinks").findValuesAsString("status"))
        .containsOnly("REMOVED_UNIQUE_NAMESPACE");
  }

  @Test
  void graph_text_drawsLinksAndRemovedLinks() {
    Cli.Result result =
        Cli.run(withData("graph", "ECID:" + DemoData.KIOSK_ECID, "--format", "text"));

    assertThat(result.stdout())
        .startsWith("graph ")
        .contains("  link     ")
        .contains("  removed  ")
        .contains("[REMOVED_UNIQUE_NAMESPACE]");
  }

  @Test
  void stats_generatedFiles_matchTheDemosStore() {
    Cli.Result result = Cli.run(withData("stats"));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.json()).isEqualTo(demo.get("store"));
  }

  @Test
  void stats_text_summarisesAndDrawsTheHistogram() {
    Cli.Result result = Cli.run(withData("stats", "--format", "text"));

    JsonNode store = demo.get("store");
    assertThat(result.stdout())
        .startsWith(
            store.get("profiles").asInt()
                + " profiles, "
                + store.get("fragments").asInt()
                + " fragments, ")
        .contains("graph sizes (identities per profile):")
        .contains("\n  CRMID             200       200\n");
  }

  @Test
  void stats_pretty_indentsTheSameDocument() {
    Cli.Result compact = Cli.run(withData("stats"));
    Cli.Result pretty = Cli.run(withData("stats", "--pretty"));

    assertThat(pretty.stdout()).contains("\n  \"profiles\" : ");
    assertThat(pretty.json()).isEqualTo(compact.json());
  }

  @Test
  void events_emptyType_isBadUsage() {
    Cli.Result result = Cli.run(withData("events", crmId, "--type", "userAccount.login,,web.x"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("--type");
  }

  @Test
  void output_thatCannotBeWritten_exits3() {
    PrintStream broken =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) throws IOException {
                throw new IOException("no space left on device");
              }
            },
            true,
            StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            withData("stats"),
            new ByteArrayInputStream(new byte[0]),
            broken,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);

    assertThat(code).isEqualTo(ExitCode.INTERNAL);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not write the output");
  }
}
