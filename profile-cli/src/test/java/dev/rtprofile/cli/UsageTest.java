package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad usage: exit code 2, a message naming the problem on stderr, nothing on stdout. */
class UsageTest {
  @TempDir static Path dir;

  private static String config;
  private static String records;
  private static String csv;

  @BeforeAll
  static void files() throws IOException {
    config =
        Files.writeString(dir.resolve("config.json"), DemoData.configuration(false)).toString();
    records =
        Files.writeString(
                dir.resolve("records.ndjson"),
                "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-1\",\"primary\":true}]}}\n")
            .toString();
    csv = Files.writeString(dir.resolve("people.csv"), "customer_id\nc-1\n").toString();
    Files.writeString(dir.resolve("bad-config.json"), "{\"grahpLimit\": 3}");
  }

  static Stream<Arguments> badUsage() {
    String missing = dir.resolve("missing.ndjson").toString();
    return Stream.of(
        bad(
            List.of("frobnicate"),
            "rtprofile: unknown command 'frobnicate'; the commands are demo,"),
        bad(List.of(), "a command is required: demo, ingest, lookup"),
        bad(List.of("lookup", "--bogus", "Email:a@b.c"), "Unknown option: '--bogus'"),
        bad(
            List.of("lookup", "--data", "crm=" + missing, "Email:a@b.c"),
            "rtprofile lookup: --data crm: no such file: " + missing),
        bad(
            List.of("lookup", "--data", "crm=" + dir, "Email:a@b.c"),
            "--data crm: not a regular file: " + dir),
        bad(
            List.of("lookup", "--data", "crm", "Email:a@b.c"),
            "--data must look like NAME=PATH, but was 'crm'"),
        bad(
            List.of("lookup", "--data", "crm:rows=" + records, "Email:a@b.c"),
            "the kind after NAME: must be events or records, but was 'rows'"),
        bad(
            List.of("lookup", "--config", missing, "Email:a@b.c"),
            "--config: no such file: " + missing),
        bad(
            List.of("lookup", "--config", dir.resolve("bad-config.json").toString(), "Email:a@b.c"),
            "store configuration fields must be among"),
        bad(
            List.of("lookup", "nocolon"),
            "Invalid value for positional parameter at index 0 (NS:VALUE): must look like NAMESPACE:VALUE"),
        bad(
            List.of("lookup", "Email:"),
            "(NS:VALUE): must look like NAMESPACE:VALUE, such as Email:jane@example.com, but was 'Email:'"),
        bad(List.of("graph", ":value"), "(NS:VALUE): must look like NAMESPACE:VALUE"),
        bad(List.of("lookup", "Robot:r2d2"), "NS:VALUE Robot:r2d2: unknown namespace 'Robot'"),
        bad(
            List.of("events", "ECID:123"),
            "NS:VALUE ECID:123: not a valid identity: INVALID_VALUE"),
        bad(
            List.of("lookup", "--config", config, "--policy", "nope", "CRMID:c-1"),
            "--policy: unknown merge policy 'nope'; the store has [crm-first, newest, own-data]"),
        bad(
            List.of("events", "--policy", "nope", "Email:a@b.c"),
            "--policy: unknown merge policy 'nope'"),
        bad(List.of("search", "--policy", "nope"), "--policy: unknown merge policy 'nope'"),
        bad(
            List.of("search", "--where", "loyalty.tier"),
            "rtprofile search: --where: no operator in 'loyalty.tier'; write PATH OP VALUE"),
        bad(
            List.of("search", "--where", "=gold"),
            "--where: no attribute path before '=' in '=gold'"),
        bad(
            List.of("search", "--where", "vip<true"),
            "--where: '<' needs a value that can be ordered (a number, string or instant), but"
                + " true in 'vip<true' is a boolean"),
        bad(
            List.of("search", "--where", "name~D"),
            "--where: unknown operator '~' in 'name~D'; use one of =, !=, <, <=, >, >=, ^= (starts"
                + " with), ~= (array contains)"),
        bad(List.of("search", "--sort", "a..b"), "--sort: "),
        bad(
            List.of("search", "--limit", "0"),
            "--limit: limit must be between 1 and 10000, but was 0"),
        bad(
            List.of("events", "--limit", "0", "Email:a@b.c"),
            "--limit: limit must be between 1 and 10000"),
        bad(
            List.of("events", "--from", "yesterday", "Email:a@b.c"),
            "Invalid value for option '--from': must be an ISO-8601 time"),
        bad(
            List.of("events", "--to", "+300000000-01-01T00:00:00Z", "Email:a@b.c"),
            "Invalid value for option '--to': must be between -292275055-05-16T16:47:04.192Z and"
                + " +292278994-08-17T07:12:55.807Z, but was '+300000000-01-01T00:00:00Z'"),
        bad(
            List.of("events", "--from", "-300000000-01-01", "Email:a@b.c"),
            "Invalid value for option '--from': must be between"),
        bad(
            List.of("events", "--from", "2026-02-01", "--to", "2026-01-01", "Email:a@b.c"),
            "--from/--to: "),
        bad(List.of("events", "--after", "garbage!", "Email:a@b.c"), "--after: "),
        bad(
            List.of("lookup", "--format", "yaml", "Email:a@b.c"),
            "Invalid value for option '--format'"),
        bad(List.of("ingest"), "--data is required"),
        bad(
            List.of("ingest", "--data", "crm=" + csv),
            "CSV is read through a mapping; add mappings.crm to the --config file or pass --mapping crm=MAPPING"),
        bad(
            List.of(
                "ingest",
                "--config",
                config,
                "--data",
                "people=" + csv,
                "--mapping",
                "people=nope"),
            "--mapping people=nope: the configuration has no mapping 'nope'; it has [crm]"),
        bad(
            List.of("ingest", "--data", "people=" + records, "--mapping", "people=crm"),
            "mappings come from a --config file, and none was given"),
        bad(
            List.of("ingest", "--data", "a=" + records, "--mapping", "b=crm"),
            "--mapping names dataset 'b', which no --data option gives"),
        bad(
            List.of(
                "lookup",
                "--config",
                config,
                "--data",
                "crm=" + records,
                "--fields",
                "a..b",
                "CRMID:c-1"),
            "--fields: "),
        bad(
            List.of("simulate", "--namespace", "loginID=ROBOT"),
            "Invalid value for option '--namespace'"),
        bad(
            List.of("simulate", "--namespace", "Email=COOKIE"),
            "--namespace Email=COOKIE: Email is a standard namespace of type EMAIL"),
        bad(
            List.of("simulate", "--limit", "1"),
            "--limit: graphLimit must be at least 2, but was 1"),
        bad(List.of("demo", "--people", "lots"), "Invalid value for option '--people'"));
  }

  private static Arguments bad(List<String> args, String message) {
    return Arguments.of(args, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badUsage")
  void run_badUsage_exits2WithAMessageAndNoOutput(List<String> args, String message) {
    Cli.Result result = Cli.run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).as(result.toString()).isEmpty();
    assertThat(result.stderr()).as(result.toString()).contains(message);
  }

  @Test
  void run_unreadableFile_exits2NamingIt() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.ndjson"), "{}\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(secret), "the file stays readable to this user (root)");

    Cli.Result result = Cli.run("ingest", "--data", "crm=" + secret);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("--data crm: cannot read " + secret + " (permission denied)");
  }

  @Test
  void run_fileThatFailsToRead_exits2NamingIt() {
    // Reading /proc/self/mem from its start fails with an I/O error, for every user.
    Path mem = Path.of("/proc/self/mem");
    assumeTrue(Files.isRegularFile(mem), "needs Linux procfs");

    Cli.Result result = Cli.run("ingest", "--data", "crm=" + mem);

    assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("rtprofile ingest: --data crm: reading /proc/self/mem failed");
  }

  @Test
  void run_help_printsUsageOnStdoutAndExits0() {
    Cli.Result result = Cli.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("Usage: rtprofile").contains("demo").contains("simulate");
  }

  @Test
  void run_commandHelp_listsItsOptions() {
    Cli.Result result = Cli.run("search", "--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("--where=CONDITION").contains("--sort=PATH[:asc|:desc]");
  }
}
