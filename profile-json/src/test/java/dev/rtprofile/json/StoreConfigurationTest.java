package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import org.junit.jupiter.api.Test;

/** The store configuration file: every setting reaches the store, and mistakes name the field. */
class StoreConfigurationTest {
  private final ProfileJson json = ProfileJson.defaults();
  private final StoreConfiguration config =
      json.readStoreConfiguration(Fixtures.resource("config/store.json"));

  @Test
  void readStoreConfiguration_policies_areRegisteredWithTheDefault() {
    ProfileStore store = config.buildStore();

    assertThat(store.defaultMergePolicy().id()).isEqualTo("crm-first");
    assertThat(store.mergePolicies()).containsKeys("crm-first", "own");
    assertThat(store.mergePolicies().get("own").stitching()).isEqualTo(IdentityStitching.NONE);
  }

  @Test
  void readStoreConfiguration_namespacesRulesAndBlocks_applyAtIngest() {
    ProfileStore store = config.buildStore();

    var blocked =
        store.ingest(
            Record.builder("crm")
                .primary("CRMID", "c-1")
                .identity("Email", "test@test.com")
                .build());
    var zeros = store.ingest(Record.builder("crm").primary("CRMID", "000").build());
    var conflict =
        store.ingest(
            Record.builder("crm").primary("CRMID", "c-2").identity("CRMID", "c-3").build());
    store.ingest(Record.builder("crm").primary("Email", "Ann@Example.COM").build());

    assertThat(blocked.status()).isEqualTo(IngestStatus.TRIMMED);
    assertThat(zeros.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(conflict.status()).isEqualTo(IngestStatus.REJECTED);
    assertThat(store.lookup(Identity.of("Email", "ann@example.com")).fetch()).isPresent();
  }

  @Test
  void readStoreConfiguration_mappings_readCsvIntoTheStore() {
    ProfileStore store = config.buildStore();
    String csv =
        "customer_id,email,first_name,points,updated_at\nc-9,Ann@x.com,Ann,12,"
            + "2026-04-01T10:00:00Z\n";

    IngestReport report =
        json.mapping(config.mappings().get("crm-csv"))
            .ingestCsvRecords(store, "crm", Fixtures.stream(csv));

    assertThat(report.accepted()).isEqualTo(1);
    assertThat(
            store
                .lookup(Identity.of("Email", "ann@x.com"))
                .fetch()
                .orElseThrow()
                .getLong("loyalty.points"))
        .hasValue(12L);
    assertThat(config.mappings()).containsOnlyKeys("crm-csv", "clicks");
  }

  @Test
  void storeBuilder_calledTwice_givesIndependentBuilders() {
    assertThat(config.storeBuilder().build()).isNotSameAs(config.storeBuilder().build());
  }

  @Test
  void readStoreConfiguration_unknownField_throwsListingTheKnownOnes() {
    assertThatThrownBy(() -> json.readStoreConfiguration("{\"grahpLimit\":3}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("store configuration fields must be among [blockedPatterns,")
        .hasMessageEndingWith("but one was 'grahpLimit'");
  }

  @Test
  void readStoreConfiguration_badValues_nameTheField() {
    assertThatThrownBy(() -> json.readStoreConfiguration("{\"graphLimit\":1}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("graphLimit: ");
    assertThatThrownBy(
            () ->
                json.readStoreConfiguration(
                    "{\"namespaces\":[{\"code\":\"X\",\"type\":\"ROBOT\"}]}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("namespaces[0].type must name a IdentityType constant, but was 'ROBOT'");
    assertThatThrownBy(
            () -> json.readStoreConfiguration("{\"eventRetention\":{\"web\":\"30 days\"}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage(
            "eventRetention.web must be an ISO-8601 duration such as P30D, but was '30 days'");
    assertThatThrownBy(
            () ->
                json.readStoreConfiguration(
                    "{\"blockedPatterns\":[{\"namespace\":\"Email\",\"regex\":\"(\"}]}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("blockedPatterns[0]: ");
    assertThatThrownBy(
            () ->
                json.readStoreConfiguration(
                    "{\"mappings\":{\"m\":{\"attributes\":[{\"pointer\":\"/a\",\"path\":\"a\"}]}}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("mappings.m: identity or primaryIdentity must be called");
  }

  @Test
  void readStoreConfiguration_twoDefaults_throws() {
    String policy =
        "{\"id\":\"%s\",\"attributeMerge\":{\"type\":\"timestampOrdered\"}," + "\"default\":true}";

    assertThatThrownBy(
            () ->
                json.readStoreConfiguration(
                    "{\"mergePolicies\":["
                        + policy.formatted("a")
                        + ","
                        + policy.formatted("b")
                        + "]}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("mergePolicies must mark at most one policy default, but marked a and b");
  }
}
