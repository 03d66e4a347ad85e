package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The demo at 500 people: its numbers, its determinism and its files. */
class DemoCommandTest {
  private static JsonNode demo;

  @BeforeAll
  static void runDemo() {
    Cli.Result result = Cli.run("demo", "--people", "500", "--format", "json");
    assertThat(result.exitCode()).as(result.toString()).isZero();
    demo = result.json();
  }

  @Test
  void demo_sameSeed_givesTheSameOutputApartFromTimings() {
    Cli.Result again = Cli.run("demo", "--people", "500", "--seed", "42", "--format", "json");

    assertThat(withoutTiming(again.json())).isEqualTo(withoutTiming(demo));
  }

  @Test
  void demo_otherSeed_givesOtherData() {
    Cli.Result other = Cli.run("demo", "--people", "500", "--seed", "7", "--format", "json");

    assertThat(other.json().get("ingest").get("totals"))
        .isNotEqualTo(demo.get("ingest").get("totals"));
  }

  @Test
  void demo_500People_countsAreTheKnownOnes() {
    JsonNode totals = demo.get("ingest").get("totals");
    JsonNode store = demo.get("store");

    assertThat(demo.get("generated").get("crm").get("lines").asLong()).isEqualTo(501);
    assertThat(totals.get("lines").asLong()).isEqualTo(3485);
    assertThat(totals.get("accepted").asLong()).isEqualTo(3456);
    assertThat(totals.get("trimmed").asLong()).isEqualTo(29);
    assertThat(totals.get("rejected").asLong()).isZero();
    assertThat(store.get("profiles").asInt()).isEqualTo(808);
    assertThat(store.get("identities").asInt()).isEqualTo(2622);
    assertThat(store.get("fragments").asLong()).isEqualTo(777);
    assertThat(store.get("events").asLong()).isEqualTo(2708);
    assertThat(store.get("profilesByNamespace").get("CRMID").asLong()).isEqualTo(500);
    assertThat(histogram(store.get("graphSizeHistogram")))
        .isEqualTo("1=304 2=7 3=61 4=160 5=189 6=73 7=14");
  }

  @Test
  void demo_junkEmails_areTrimmedNotLost() {
    JsonNode crm = demo.get("ingest").get("datasets").get(0);

    assertThat(crm.get("dataset").asString()).isEqualTo("crm");
    assertThat(crm.get("trimmed").asLong()).isEqualTo(7);
    assertThat(crm.get("problems").get(0).get("reason").asString()).isEqualTo("BLOCKED_IDENTITY");
  }

  @Test
  void demo_person_isOneProfileFromThreeIdentities() {
    JsonNode person = demo.get("person");

    assertThat(person.get("sameProfile").asBoolean()).isTrue();
    assertThat(person.get("events").asInt()).isEqualTo(6);
    assertThat(person.get("lookups")).hasSize(3);
    assertThat(person.get("lookups").findValuesAsString("profileId"))
        .containsOnly(person.get("profileId").asString());
    assertThat(person.get("lookups").findValuesAsString("identity"))
        .extracting(s -> s.substring(0, s.indexOf(':')))
        .containsExactly("Email", "loyaltyId", "ECID");
  }

  @Test
  void demo_conflictAndPolicies_disagreeOnTheFirstName() {
    JsonNode conflict = demo.get("conflict");
    JsonNode policies = demo.get("policies");

    assertThat(conflict.get("rule").asString()).isEqualTo("timestampOrdered");
    assertThat(conflict.get("winner").get("dataset").asString()).isEqualTo("loyalty");
    assertThat(conflict.get("candidates")).hasSize(2);
    assertThat(conflict.get("candidates").get(1).get("dataset").asString()).isEqualTo("crm");
    assertThat(policies.get(0).get("person.name.firstName").asString())
        .isEqualTo(conflict.get("value").asString())
        .isEqualTo("Jenny");
    assertThat(policies.get(1).get("policy").asString()).isEqualTo("crm-first");
    assertThat(policies.get(1).get("person.name.firstName").asString()).isEqualTo("Jennifer");
  }

  @Test
  void demo_kiosk_isKeptFromMergingCustomersByTheUniqueRule() {
    JsonNode kiosk = demo.get("kiosk");

    assertThat(kiosk.get("customers").asInt()).isEqualTo(6);
    assertThat(kiosk.get("withUniqueCrmId").get("crmIds").asInt()).isEqualTo(1);
    assertThat(kiosk.get("withUniqueCrmId").get("customerProfiles").asInt()).isEqualTo(6);
    assertThat(
            kiosk
                .get("withUniqueCrmId")
                .get("removedLinks")
                .get("REMOVED_UNIQUE_NAMESPACE")
                .asInt())
        .isEqualTo(5);
    assertThat(kiosk.get("withoutTheRule").get("crmIds").asInt()).isEqualTo(6);
    assertThat(kiosk.get("withoutTheRule").get("graphSize").asInt()).isEqualTo(27);
  }

  @Test
  void demo_erase_removesTheIdentityAndKeepsItOut() {
    JsonNode erase = demo.get("erase");

    assertThat(erase.get("before").get("identities").asInt()).isEqualTo(6);
    assertThat(erase.get("after").get("lookupByErased").isNull()).isTrue();
    assertThat(erase.get("after").get("identities").asInt()).isEqualTo(4);
    assertThat(erase.get("after").get("profileId").asString())
        .isEqualTo(erase.get("before").get("profileId").asString());
    assertThat(erase.get("after").get("loyaltyIdProfile").asString())
        .isNotEqualTo(erase.get("after").get("profileId").asString());
    assertThat(erase.get("replay").get("status").asString()).isEqualTo("TRIMMED");
    assertThat(erase.get("replay").get("problems").get(0).asString()).isEqualTo("ERASED_IDENTITY");
  }

  @Test
  void demo_text_tellsTheStoryInNumberedSections() {
    Cli.Result result = Cli.run("demo", "--people", "100");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .startsWith("rtprofile demo: 100 customers generated from seed 42")
        .contains("\n1. Ingest, through profile-json")
        .contains("\n3. One person, found by three different identities\n")
        .contains("    events: 6 in mobile, web")
        .contains("\n4. A conflict, explained")
        .contains("\n5. The same person under two merge policies\n")
        .contains("\n6. A shared kiosk in the shop")
        .contains("customers would have been merged into one person")
        .contains("\n7. A privacy request: erase Email:")
        .contains("TRIMMED [ERASED_IDENTITY]");
    assertThat(result.stderr()).isEmpty();
  }

  @Test
  void demo_out_writesTheFilesAndAConfigurationThatReadsThem(@TempDir Path dir) throws IOException {
    Cli.Result result =
        Cli.run("demo", "--people", "100", "--format", "json", "--out", dir.toString());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(dir.resolve("crm.csv"))
        .content()
        .startsWith("customer_id,email,phone,first_name,last_name,");
    for (String file : List.of("loyalty.ndjson", "web.ndjson", "mobile.ndjson", "config.json")) {
      assertThat(dir.resolve(file)).isNotEmptyFile();
    }
    JsonNode generated = result.json().get("generated");
    assertThat(Files.readAllLines(dir.resolve("web.ndjson")))
        .hasSize(generated.get("web").get("lines").asInt());
    assertThat(result.json().get("out").asString()).isEqualTo(dir.toString());
  }

  @Test
  void demo_tooFewPeople_exits2NamingTheOption() {
    Cli.Result result = Cli.run("demo", "--people", "5");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stdout()).isEmpty();
    assertThat(result.stderr())
        .isEqualTo("rtprofile demo: --people must be between 20 and 1000000, but was 5\n");
  }

  private static JsonNode withoutTiming(JsonNode node) {
    ObjectNode copy = (ObjectNode) node.deepCopy();
    copy.remove("timing");
    return copy;
  }

  private static String histogram(JsonNode sizes) {
    StringBuilder out = new StringBuilder();
    for (String size : sizes.propertyNames()) {
      out.append(out.isEmpty() ? "" : " ").append(size).append('=').append(sizes.get(size).asInt());
    }
    return out.toString();
  }
}
