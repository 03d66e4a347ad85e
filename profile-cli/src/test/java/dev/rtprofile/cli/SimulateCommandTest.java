package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity-graph simulator, end to end through {@code main}. */
class SimulateCommandTest {
  /** ARCHITECTURE §2: Summer logs in on Tom's laptop (ECID 111). */
  private static final String SHARED_DEVICE =
      String.join(
          "\n",
          "t1: CRMID:Tom, loginID:A",
          "t2: CRMID:Tom, loginID:B",
          "t3: loginID:A, ECID:111",
          "t4: CRMID:Summer, loginID:C",
          "t5: CRMID:Summer, loginID:D",
          "t6: loginID:C, ECID:222",
          "t7: loginID:C, ECID:111");

  private static final String[] RULES = {
    "--unique", "CRMID",
    "--priority", "CRMID,loginID,ECID",
    "--namespace", "loginID=CROSS_DEVICE",
    "--no-validation"
  };

  /** The graphs ARCHITECTURE §2 gives, written out by hand: the device follows its last user. */
  private static final String SHARED_DEVICE_EXPECTED =
      "{\"graphs\":["
          + "[\"CRMID:Summer\",\"ECID:111\",\"ECID:222\",\"loginID:C\",\"loginID:D\"],"
          + "[\"CRMID:Tom\",\"loginID:A\",\"loginID:B\"]],"
          + "\"removedLinks\":[[\"ECID:111\",\"loginID:A\"]]}\n";

  @TempDir Path dir;

  @Test
  void simulate_sharedDeviceFromDesign_givesTheDocumentedGraphs() throws IOException {
    Path script = Files.writeString(dir.resolve("shared.txt"), SHARED_DEVICE + "\n");

    Cli.Result result = Cli.run(args(script.toString()));

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).isEqualTo(SHARED_DEVICE_EXPECTED);
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void simulate_standardInput_readsTheScript() {
    Cli.Result dash = Cli.runWithInput(SHARED_DEVICE, args("-"));
    Cli.Result none = Cli.runWithInput(SHARED_DEVICE, args());

    assertThat(dash.stdout()).isEqualTo(SHARED_DEVICE_EXPECTED);
    assertThat(none.stdout()).isEqualTo(SHARED_DEVICE_EXPECTED);
  }

  @Test
  void simulate_linesInAnyOrder_giveTheSameGraphs() {
    List<String> lines = new ArrayList<>(List.of(SHARED_DEVICE.split("\n")));
    Random random = new Random(11);
    for (int i = 0; i < 5; i++) {
      Collections.shuffle(lines, random);

      Cli.Result result = Cli.runWithInput(String.join("\n", lines), args("-"));

      assertThat(result.stdout()).as("order %s", lines).isEqualTo(SHARED_DEVICE_EXPECTED);
    }
  }

  @Test
  void simulate_withoutUniqueRule_mergesBothPeople() {
    Cli.Result result =
        Cli.runWithInput(
            SHARED_DEVICE, "simulate", "--namespace", "loginID=CROSS_DEVICE", "--no-validation");

    assertThat(result.stdout())
        .isEqualTo(
            "{\"graphs\":[[\"CRMID:Summer\",\"CRMID:Tom\",\"ECID:111\",\"ECID:222\","
                + "\"loginID:A\",\"loginID:B\",\"loginID:C\",\"loginID:D\"]],\"removedLinks\":[]}\n");
  }

  @Test
  void simulate_deletions_removeLinksAndReportThem() {
    String script =
        String.join(
            "\n",
            "# the CRM says tom's email; the web saw it with a cookie",
            "t1 dataset=crm: CRMID:tom, Email:tom@example.com",
            "t2 dataset=web: Email:tom@example.com, ECID:111",
            "t3 dataset=web: CRMID:tom, ECID:222",
            "",
            "t4: DELETE identity ECID:222",
            "t5: DELETE dataset crm");

    Cli.Result result = Cli.runWithInput(script, "simulate", "--no-validation");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"graphs\":[[\"ECID:111\",\"Email:tom@example.com\"]],\"removedLinks\":["
                + "[\"CRMID:tom\",\"ECID:222\"],[\"CRMID:tom\",\"Email:tom@example.com\"]]}\n");
  }

  @Test
  void simulate_graphLimit_evictsTheOldestCookie() {
    String script = "t1: CRMID:a, Email:a@x\nt2: Email:a@x, ECID:1\nt3: Email:a@x, ECID:2\n";

    Cli.Result result = Cli.runWithInput(script, "simulate", "--no-validation", "--limit", "3");

    assertThat(result.stdout())
        .isEqualTo(
            "{\"graphs\":[[\"CRMID:a\",\"ECID:2\",\"Email:a@x\"]],"
                + "\"removedLinks\":[[\"ECID:1\",\"Email:a@x\"]]}\n");
  }

  @Test
  void simulate_conflictingUniqueValues_rejectTheRecordAndSayWhy() {
    Cli.Result result =
        Cli.runWithInput("t1: CRMID:a, CRMID:b, Email:x@y\n", "simulate", "--unique", "CRMID");

    assertThat(result.exitCode()).isZero();
    assertThat(result.json().get("graphs")).isEmpty();
    assertThat(result.json().get("removedLinks")).hasSize(3);
    assertThat(result.stderr()).contains("line 1: record rejected: CONFLICTING_UNIQUE_IDENTITIES");
  }

  @Test
  void simulate_textFormat_drawsGraphsAndRemovedLinksWithTheRule() {
    Cli.Result result = Cli.runWithInput(SHARED_DEVICE, args("-", "--format", "text"));

    assertThat(result.stdout())
        .startsWith("2 graphs, 1 removed link\n")
        .contains("graph 1: CRMID:Summer, ECID:111, ECID:222, loginID:C, loginID:D\n")
        .contains("  ECID:111 --- loginID:C  (t7)\n")
        .contains("graph 2: CRMID:Tom, loginID:A, loginID:B\n")
        .contains("removed links:\n  ECID:111 --- loginID:A  (t3)  REMOVED_UNIQUE_NAMESPACE");
  }

  @Test
  void simulate_unknownNamespace_exits2NamingTheLineAndTheFix() {
    Cli.Result result =
        Cli.runWithInput(SHARED_DEVICE, "simulate", "--unique", "CRMID", "--no-validation");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("line 1: loginID:A is dropped: UNKNOWN_NAMESPACE")
        .contains("--namespace loginID=");
  }

  @Test
  void simulate_placeholderEcidWithoutNoValidation_exits2SuggestingIt() {
    Cli.Result result = Cli.runWithInput("t1: CRMID:tom, ECID:111\n", "simulate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .contains("line 1: ECID:111 is dropped: INVALID_VALUE")
        .contains("--no-validation");
  }

  @Test
  void simulate_malformedLine_exits2NamingIt() {
    Cli.Result result =
        Cli.runWithInput("t1: CRMID:tom, ECID:111\nCRMID:tom ECID:111\n", "simulate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("line 2: expected 'tN: NS:VALUE, NS:VALUE'");
  }

  @Test
  void simulate_identityWithoutValue_exits2() {
    Cli.Result result = Cli.runWithInput("t1: CRMID:tom, ECID:\n", "simulate");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("line 1: identities must look like NS:VALUE");
  }

  @Test
  void simulate_deviceRankedAbovePerson_exits2WithTheLibrarysReason() {
    Cli.Result result =
        Cli.runWithInput(
            "t1: CRMID:tom, ECID:111\n",
            "simulate",
            "--no-validation",
            "--unique",
            "CRMID",
            "--priority",
            "ECID,CRMID");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("--unique/--priority/--namespace: ");
  }

  @Test
  void simulate_missingFile_exits2() {
    Cli.Result result = Cli.run(args(dir.resolve("nope.txt").toString()));

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("FILE: no such file: ");
  }

  private static String[] args(String... more) {
    List<String> all = new ArrayList<>(List.of("simulate"));
    all.addAll(List.of(RULES));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void simulate_datasetOptionWithoutSpaceAndCarriageReturns_parse() {
    Cli.Result result =
        Cli.runWithInput(
            "t1 dataset=crm:CRMID:tom,ECID:111\rt2: ECID:111, Email:t@x\r",
            "simulate",
            "--no-validation");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .isEqualTo(
            "{\"graphs\":[[\"CRMID:tom\",\"ECID:111\",\"Email:t@x\"]],\"removedLinks\":[]}\n");
  }

  @Test
  void simulate_deleteIdentityList_isBadUsageNamingTheLine() {
    Cli.Result result =
        Cli.runWithInput(
            "t1: CRMID:tom, ECID:111\nt2: DELETE identity ECID:111, CRMID:tom\n",
            "simulate",
            "--no-validation");

    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr()).contains("line 2").contains("one NS:VALUE");
  }
}
