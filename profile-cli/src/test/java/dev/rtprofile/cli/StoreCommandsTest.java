package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The store workflow end to end through {@code main}: {@code demo --out} leaves a durable store,
 * the commands that answer read it without any data file (the demo's files are moved away before
 * every test, so an answer cannot come from a re-ingest), {@code ingest --store} appends and keeps
 * the configuration, and {@code erase} purges a value from every file of the directory.
 */
class StoreCommandsTest {
  @TempDir static Path demoDir;
  @TempDir static Path files;

  private static Path store;
  private static JsonNode demo;
  private static String email;
  private static String crmId;

  @BeforeAll
  static void demoThenMoveTheFilesAway() throws IOException {
    Cli.Result result =
        Cli.run("demo", "--people", "200", "--format", "json", "--out", demoDir.toString());
    assertThat(result.exitCode()).as(result.toString()).isZero();
    demo = result.json();
    store = demoDir.resolve("store");
    for (String[] file : DemoData.FILES) {
      Files.move(demoDir.resolve(file[1]), files.resolve(file[1]));
    }
    Files.move(demoDir.resolve("config.json"), files.resolve("config.json"));
    email = demo.get("person").get("lookups").get(0).get("identity").asString();
    crmId =
        "CRMID:"
            + demo.get("conflict")
                .get("candidates")
                .get(1)
                .get("primaryIdentity")
                .get("id")
                .asString();
  }

  /**
   * {@code command}, the configuration and the four datasets from the moved files, {@code more}.
   */
  private static String[] withData(String command, String... more) {
    List<String> args =
        new ArrayList<>(List.of(command, "--config", files.resolve("config.json").toString()));
    args.addAll(StoreFiles.dataArgs(files));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] concat(List<String> first, String... more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void demo_out_leavesADurableStoreOfItsDataWithItsConfiguration() throws IOException {
    JsonNode totals = demo.get("ingest").get("totals");

    assertThat(StoreDirectory.holdsStore(store)).isTrue();
    assertThat(store.resolve("config.json")).hasSameBinaryContentAs(files.resolve("config.json"));
    assertThat(demo.get("durableStore").get("directory").asString()).isEqualTo(store.toString());
    assertThat(demo.get("durableStore").get("durableLines").asLong())
        .isEqualTo(totals.get("lines").asLong() - totals.get("rejected").asLong());
    assertThat(demoDir.resolve("store.new")).doesNotExist();
  }

  @Test
  void demo_text_namesTheStoreAndLeadsWithStoreCommands(@TempDir Path out) {
    Cli.Result result = Cli.run("demo", "--people", "20", "--out", out.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("a durable store of the same data in " + out.resolve("store"))
        .contains("  rtprofile lookup --store " + out.resolve("store") + " CRMID:");
  }

  @Test
  void demo_outAgain_replacesTheStore(@TempDir Path out) {
    assertThat(Cli.run("demo", "--people", "20", "--out", out.toString()).exitCode()).isZero();
    Cli.Result first = Cli.run("stats", "--store", out.resolve("store").toString());
    assertThat(Cli.run("demo", "--people", "30", "--out", out.toString()).exitCode()).isZero();
    Cli.Result second = Cli.run("stats", "--store", out.resolve("store").toString());

    assertThat(first.json().get("identitiesByNamespace").get("CRMID").asInt()).isEqualTo(20);
    assertThat(second.json().get("identitiesByNamespace").get("CRMID").asInt()).isEqualTo(30);
  }

  @Test
  void lookup_store_answersWithoutTheDataFiles() {
    String profileId = demo.get("person").get("profileId").asString();
    for (JsonNode lookup : demo.get("person").get("lookups")) {
      Cli.Result result =
          Cli.run("lookup", "--store", store.toString(), lookup.get("identity").asString());

      assertThat(result.exitCode()).as(result.toString()).isZero();
      assertThat(result.json().get(profileId).get("entityId").asString()).isEqualTo(profileId);
    }
    assertThat(Files.exists(demoDir.resolve("crm.csv"))).isFalse();
  }

  @Test
  void lookup_store_givesWhatLookupOverTheFilesGives() {
    Cli.Result fromStore =
        Cli.run("lookup", "--store", store.toString(), crmId, "--explain", "person.name.firstName");
    Cli.Result fromFiles = Cli.run(withData("lookup", crmId, "--explain", "person.name.firstName"));

    assertThat(fromStore.stdout()).isEqualTo(fromFiles.stdout());
    assertThat(fromStore.json()).isEqualTo(demo.get("conflict"));
    assertThat(
            Cli.run("lookup", "--store", store.toString(), crmId, "--policy", "crm-first").stdout())
        .isEqualTo(Cli.run(withData("lookup", crmId, "--policy", "crm-first")).stdout());
  }

  @Test
  void otherReadCommands_store_giveWhatTheyGiveOverTheFiles() {
    String kiosk = "ECID:" + DemoData.KIOSK_ECID;
    List<List<String>> commands =
        List.of(
            List.of("stats"),
            List.of("graph", kiosk),
            List.of("events", crmId, "--limit", "3", "--newest-first"),
            List.of("search", "--where", "loyalty.tier=gold", "--sort", "loyalty.points:desc"));
    for (List<String> command : commands) {
      Cli.Result fromStore =
          Cli.run(concat(List.of(command.get(0), "--store", store.toString()), rest(command)));
      Cli.Result fromFiles = Cli.run(withData(command.get(0), rest(command)));

      assertThat(fromStore.exitCode()).as(fromStore.toString()).isZero();
      assertThat(fromStore.stdout()).as(command.toString()).isEqualTo(fromFiles.stdout());
    }
    assertThat(Cli.run("stats", "--store", store.toString()).json()).isEqualTo(demo.get("store"));
  }

  private static String[] rest(List<String> command) {
    return command.subList(1, command.size()).toArray(String[]::new);
  }

  @Test
  void readCommands_storeWithData_isBadUsageNamingIngest() {
    for (String command : List.of("lookup", "events", "graph")) {
      Cli.Result result =
          Cli.run(
              command,
              "--store",
              store.toString(),
              "--data",
              "web=" + files.resolve("web.ndjson"),
              crmId);

      assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr())
          .startsWith("rtprofile " + command + ": --data cannot be combined with --store here")
          .contains("'rtprofile ingest --store " + store + " --data NAME=PATH'");
    }
    for (String command : List.of("search", "stats")) {
      Cli.Result result =
          Cli.run(
              command, "--store", store.toString(), "--data", "web=" + files.resolve("web.ndjson"));

      assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(result.stdout()).isEmpty();
      assertThat(result.stderr()).contains("add data to it with 'rtprofile ingest --store ");
    }
  }

  @Test
  void readCommands_noStoreThere_sayHowToMakeOne(@TempDir Path empty) {
    Path missing = empty.resolve("missing");

    Cli.Result none = Cli.run("lookup", "--store", missing.toString(), crmId);
    Cli.Result emptyDir = Cli.run("stats", "--store", empty.toString());
    Cli.Result parent = Cli.run("stats", "--store", demoDir.toString());

    assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(none.stdout()).isEmpty();
    assertThat(none.stderr())
        .isEqualTo(
            "rtprofile lookup: --store "
                + missing
                + ": there is no store there (no such directory); make one with 'rtprofile ingest"
                + " --store "
                + missing
                + " --config FILE --data NAME=PATH' (or 'rtprofile demo --out DIR', which leaves"
                + " one in DIR/store)\n");
    assertThat(missing).doesNotExist();
    assertThat(emptyDir.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(emptyDir.stderr())
        .contains("there is no store there (the directory holds no store)");
    assertThat(parent.stderr()).contains("did you mean --store " + store + "?");
  }

  @Test
  void readCommands_whileAnotherWriterHoldsTheDirectory_answerAndWritersAreRefused(
      @TempDir Path copyDir) throws IOException {
    Path copy = StoreFiles.copy(store, copyDir.resolve("store"));
    ProfileStore writer =
        ProfileJson.defaults()
            .readStoreConfiguration(Files.readString(files.resolve("config.json")))
            .storeBuilder()
            .storage(copy)
            .build();
    try (writer) {
      Cli.Result lookup = Cli.run("lookup", "--store", copy.toString(), email);
      Cli.Result ingest =
          Cli.run(
              "ingest", "--store", copy.toString(), "--data", "web=" + files.resolve("web.ndjson"));
      Cli.Result erase = Cli.run("erase", "--store", copy.toString(), email);

      assertThat(lookup.exitCode()).as(lookup.toString()).isZero();
      assertThat(lookup.json().has(demo.get("person").get("profileId").asString())).isTrue();
      for (Cli.Result refused : List.of(ingest, erase)) {
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr())
            .contains("--store " + copy + ": cannot open the storage directory")
            .contains("is open for writing by process " + ProcessHandle.current().pid())
            .doesNotContain("\tat ");
      }
    }
  }

  @Test
  void ingest_store_twice_leavesTheStoreAsOneRunDoes(@TempDir Path dir) {
    Path target = dir.resolve("s");
    Cli.Result first = Cli.run(withData("ingest", "--store", target.toString()));
    String once = StoreFiles.dump(target, files.resolve("config.json"));
    Cli.Result second = Cli.run(withData("ingest", "--store", target.toString()));

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    JsonNode totals = first.json().get("totals");
    JsonNode storage = first.json().get("storage");
    assertThat(storage.get("directory").asString()).isEqualTo(target.toString());
    assertThat(storage.get("durability").asString()).isEqualTo("every");
    assertThat(storage.get("durableLines").asLong())
        .isEqualTo(totals.get("lines").asLong() - totals.get("rejected").asLong());
    assertThat(storage.get("configWritten").asBoolean()).isTrue();
    assertThat(second.json().get("storage").get("configWritten").asBoolean()).isFalse();
    assertThat(second.json().get("totals").get("accepted").asLong()).isZero();
    assertThat(second.json().get("store")).isEqualTo(first.json().get("store"));
    assertThat(StoreFiles.dump(target, files.resolve("config.json"))).isEqualTo(once);
    assertThat(once).isEqualTo(StoreFiles.dump(store, files.resolve("config.json")));
  }

  @Test
  void ingest_store_withoutConfig_readsThroughTheKeptConfiguration(@TempDir Path dir) {
    Path target = dir.resolve("s");
    Cli.Result crm =
        Cli.run(
            "ingest",
            "--store",
            target.toString(),
            "--config",
            files.resolve("config.json").toString(),
            "--data",
            "crm=" + files.resolve("crm.csv"));
    Cli.Result rest =
        Cli.run(
            concat(
                List.of("ingest", "--store", target.toString()),
                StoreFiles.dataArgs(files).subList(2, 8).toArray(String[]::new)));
    Cli.Result lookup =
        Cli.run("lookup", "--store", target.toString(), crmId, "--policy", "crm-first");

    assertThat(crm.exitCode()).as(crm.toString()).isZero();
    assertThat(rest.exitCode()).as(rest.toString()).isZero();
    assertThat(lookup.exitCode()).as(lookup.toString()).isZero();
    assertThat(lookup.stdout())
        .isEqualTo(Cli.run(withData("lookup", crmId, "--policy", "crm-first")).stdout());
  }

  @Test
  void ingest_store_otherConfig_reDerivesAndKeepsTheNewConfiguration(@TempDir Path dir)
      throws IOException {
    Path target = dir.resolve("s");
    assertThat(Cli.run(withData("ingest", "--store", target.toString())).exitCode()).isZero();
    Path other =
        Files.writeString(
            dir.resolve("other.json"),
            Files.readString(files.resolve("config.json"))
                .replace("\"unique\" : [ \"CRMID\" ],", "\"unique\" : [ ],"));
    assertThat(Files.readString(other))
        .isNotEqualTo(Files.readString(files.resolve("config.json")));

    Cli.Result again =
        Cli.run(
            "ingest",
            "--store",
            target.toString(),
            "--config",
            other.toString(),
            "--data",
            "web=" + files.resolve("web.ndjson"));
    Cli.Result kiosk =
        Cli.run("graph", "--store", target.toString(), "ECID:" + DemoData.KIOSK_ECID);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().get("storage").get("configWritten").asBoolean()).isTrue();
    assertThat(target.resolve("config.json")).hasSameBinaryContentAs(other);
    assertThat(kiosk.json().get("removedLinks")).isEmpty();
  }

  @Test
  void ingest_store_otherConfigAfterAnErasure_failsAndKeepsTheConfiguration(@TempDir Path dir)
      throws IOException {
    Path target = StoreFiles.copy(store, dir.resolve("s"));
    assertThat(Cli.run("erase", "--store", target.toString(), "CRMID:nobody").exitCode()).isZero();
    Path other =
        Files.writeString(
            dir.resolve("other.json"),
            Files.readString(files.resolve("config.json"))
                .replace("\"unique\" : [ \"CRMID\" ],", "\"unique\" : [ ],"));

    Cli.Result result =
        Cli.run(
            "ingest",
            "--store",
            target.toString(),
            "--config",
            other.toString(),
            "--data",
            "web=" + files.resolve("web.ndjson"));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .startsWith("rtprofile ingest: --store " + target + ": cannot open the store in ")
        .contains("cannot be re-derived")
        .doesNotContain("\tat ");
    assertThat(target.resolve("config.json")).hasSameBinaryContentAs(files.resolve("config.json"));
  }

  @Test
  void ingest_store_formatsAndDurabilities_reportTheStore(@TempDir Path dir) {
    for (String durability : List.of("every", "interval:50", "os")) {
      Path target = dir.resolve(durability.replace(':', '-'));
      Cli.Result table =
          Cli.run(
              "ingest",
              "--store",
              target.toString(),
              "--durability",
              durability,
              "--data",
              "web=" + files.resolve("web.ndjson"),
              "--format",
              "table");

      assertThat(table.exitCode()).as(table.toString()).isZero();
      assertThat(table.stdout().lines().toList())
          .last()
          .asString()
          .matches(
              "store "
                  + java.util.regex.Pattern.quote(target.toString())
                  + ": [0-9,]+ lines durable \\(--durability "
                  + durability
                  + "\\)");
      assertThat(Cli.run("stats", "--store", target.toString()).json().get("events").asLong())
          .isPositive();
    }
  }

  @Test
  void ingest_durabilityMisused_isBadUsage() {
    Cli.Result noStore =
        Cli.run("ingest", "--durability", "os", "--data", "web=" + files.resolve("web.ndjson"));
    Cli.Result badValue =
        Cli.run(
            "ingest",
            "--store",
            files.resolve("never").toString(),
            "--durability",
            "sometimes",
            "--data",
            "web=" + files.resolve("web.ndjson"));
    Cli.Result badInterval =
        Cli.run(
            "ingest",
            "--store",
            files.resolve("never").toString(),
            "--durability",
            "interval:0",
            "--data",
            "web=" + files.resolve("web.ndjson"));

    assertThat(noStore.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noStore.stderr())
        .contains("--durability applies to a durable store: add --store DIR");
    assertThat(badValue.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badValue.stderr())
        .contains("'--durability'")
        .contains("must be every, interval:MILLIS or os, but was 'sometimes'");
    assertThat(badInterval.stderr()).contains("interval must be between 1 ms and 1 hour");
    assertThat(files.resolve("never")).doesNotExist();
  }

  @Test
  void erase_purgesTheValueFromEveryFileAndIngestDoesNotBringItBack(@TempDir Path dir)
      throws IOException {
    Path target = StoreFiles.copy(store, dir.resolve("s"));
    String raw = email.substring(email.indexOf(':') + 1);
    String normalized = raw.toLowerCase(Locale.ROOT);
    assertThat(raw).isNotEqualTo(normalized);
    assertThat(StoreFiles.filesHolding(target, normalized)).isNotEmpty();

    Cli.Result erase = Cli.run("erase", "--store", target.toString(), email, "CRMID:nobody");

    assertThat(erase.exitCode()).as(erase.toString()).isZero();
    assertThat(erase.stdout())
        .isEqualTo("{\"erased\":2,\"held\":1,\"directory\":\"" + target + "\"}\n");
    assertThat(erase.stdout() + erase.stderr())
        .doesNotContainIgnoringCase(raw)
        .doesNotContain("nobody");
    assertThat(StoreFiles.filesHolding(target, raw)).isEmpty();
    assertThat(StoreFiles.filesHolding(target, normalized)).isEmpty();
    Cli.Result lookup = Cli.run("lookup", "--store", target.toString(), email);
    assertThat(lookup.exitCode()).as(lookup.toString()).isZero();
    assertThat(lookup.stdout()).isEqualTo("{}\n");

    Cli.Result ingest =
        Cli.run(
            concat(
                List.of("ingest", "--store", target.toString()),
                StoreFiles.dataArgs(files).toArray(String[]::new)));

    assertThat(ingest.exitCode()).as(ingest.toString()).isZero();
    assertThat(Cli.run("lookup", "--store", target.toString(), email).stdout()).isEqualTo("{}\n");
    assertThat(StoreFiles.filesHolding(target, raw)).isEmpty();
    assertThat(StoreFiles.filesHolding(target, normalized)).isEmpty();
    assertThat(Cli.run("lookup", "--store", target.toString(), crmId).json().toString())
        .doesNotContainIgnoringCase(normalized);
  }

  @Test
  void erase_text_printsCountsOnly(@TempDir Path dir) throws IOException {
    Path target = StoreFiles.copy(store, dir.resolve("s"));

    Cli.Result result = Cli.run("erase", "--store", target.toString(), crmId, "--format", "text");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "erased 1 identity (1 held by the store) from "
                + target
                + "; no file there holds their values, and the deny list keeps them out\n");
  }

  @Test
  void erase_badArguments_areNamedByPositionWithoutTheirValues() {
    Cli.Result unknown = Cli.run("erase", "--store", store.toString(), crmId, "Robot:secret-r2d2");
    Cli.Result malformed = Cli.run("erase", "--store", store.toString(), "secret-value");
    Cli.Result invalid = Cli.run("erase", "--store", store.toString(), "ECID:secret123");
    Cli.Result noStore = Cli.run("erase", "--store", files.resolve("none").toString(), crmId);
    Cli.Result noIdentity = Cli.run("erase", "--store", store.toString());

    assertThat(unknown.stderr())
        .isEqualTo(
            "rtprofile erase: NS:VALUE argument 2: unknown namespace 'Robot'; register custom"
                + " namespaces in the configuration's namespaces\n");
    assertThat(malformed.stderr())
        .isEqualTo(
            "rtprofile erase: NS:VALUE argument 1 must look like NAMESPACE:VALUE, such as"
                + " Email:jane@example.com\n");
    assertThat(invalid.stderr())
        .startsWith("rtprofile erase: NS:VALUE argument 1: not a valid ECID");
    assertThat(noStore.stderr()).contains("there is no store there");
    assertThat(noIdentity.stderr()).contains("NS:VALUE");
    for (Cli.Result r : List.of(unknown, malformed, invalid, noStore, noIdentity)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).doesNotContain("secret");
    }
    assertThat(Cli.run("lookup", "--store", store.toString(), crmId).stdout()).isNotEqualTo("{}\n");
  }

  @Test
  void storeErrors_unwritableDamagedOrNotADirectory_exit2WithoutAStackTrace(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path salt = StoreFiles.copy(store, dir.resolve("salt"));
    Files.write(salt.resolve("deny-list.salt"), new byte[] {1, 2, 3});
    Path config = StoreFiles.copy(store, dir.resolve("config"));
    Files.writeString(config.resolve("config.json"), "{\"namespaces\": [");
    String web = "web=" + files.resolve("web.ndjson");

    Cli.Result underAFile =
        Cli.run("ingest", "--store", file.resolve("s").toString(), "--data", web);
    Cli.Result isAFile = Cli.run("ingest", "--store", file.toString(), "--data", web);
    Cli.Result damagedSalt = Cli.run("stats", "--store", salt.toString());
    Cli.Result damagedConfig = Cli.run("lookup", "--store", config.toString(), crmId);

    assertThat(underAFile.stderr())
        .startsWith(
            "rtprofile ingest: --store "
                + file.resolve("s")
                + ": cannot open the storage directory "
                + file.resolve("s")
                + ": ");
    assertThat(isAFile.stderr())
        .isEqualTo("rtprofile ingest: --store " + file + ": not a directory\n");
    assertThat(damagedSalt.stderr())
        .isEqualTo(
            "rtprofile stats: --store "
                + salt
                + ": the deny-list salt file "
                + salt.resolve("deny-list.salt")
                + " is damaged: 3 bytes\n");
    assertThat(damagedConfig.stderr())
        .startsWith(
            "rtprofile lookup: --store "
                + config
                + ": its configuration "
                + config.resolve("config.json")
                + ": ");
    for (Cli.Result r : List.of(underAFile, isAFile, damagedSalt, damagedConfig)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.USAGE);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).doesNotContain("\tat ").doesNotContainIgnoringCase("jennifer");
    }
  }

  @Test
  void readCommand_damagedSnapshot_answersFromTheJournalWithAWarning(@TempDir Path dir)
      throws IOException {
    Path copy = StoreFiles.copy(store, dir.resolve("s"));
    Path snapshot;
    try (var list = Files.list(copy)) {
      snapshot =
          list.filter(p -> p.getFileName().toString().endsWith(".snap")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(snapshot);
    bytes[bytes.length / 2] ^= (byte) 0xff;
    Files.write(snapshot, bytes);

    Cli.Result stats = Cli.run("stats", "--store", copy.toString());

    assertThat(stats.exitCode()).as(stats.toString()).isZero();
    assertThat(stats.json()).isEqualTo(demo.get("store"));
  }
}
