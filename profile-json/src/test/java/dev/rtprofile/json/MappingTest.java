package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.IdentityRef;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declarative mappings for arbitrary JSON and CSV. */
class MappingTest {
  private static final FieldMapping CRM_JSON =
      FieldMapping.builder()
          .primaryIdentity("/customer/id", "CRMID")
          .identity("/customer/contact/email", "Email")
          .attribute("/customer/name", "person.name")
          .attribute("/customer/points", "loyalty.points", ValueType.LONG)
          .attribute("/customer/tags", "segments")
          .customTimestamp("/meta/updated")
          .build();
  private static final FieldMapping CRM_CSV =
      FieldMapping.builder()
          .primaryIdentity("/customer_id", "CRMID")
          .identity("/email", "Email")
          .attribute("/first_name", "person.name.firstName")
          .attribute("/points", "loyalty.points", ValueType.LONG)
          .attribute("/vip", "loyalty.vip", ValueType.BOOLEAN)
          .customTimestamp("/updated_at")
          .build();
  private static final FieldMapping CLICKS =
      FieldMapping.builder()
          .eventId("/click_id")
          .timestamp("/at")
          .eventType("/kind")
          .primaryIdentity("/device", "ECID")
          .identity("/user", "CRMID")
          .attribute("/page", "web.webPageDetails.name")
          .attribute("/price", "commerce.order.priceTotal", ValueType.DOUBLE)
          .build();

  private final ProfileJson json = ProfileJson.defaults();

  @Test
  void readRecord_arbitraryJson_mapsIdentitiesAttributesAndTimestamp() {
    Record r =
        json.mapping(CRM_JSON)
            .readRecord(
                "crm",
                "{\"customer\":{\"id\":1001,\"contact\":{\"email\":\"ann@example.com\"},"
                    + "\"name\":{\"first\":\"Ann\",\"last\":\"Lee\"},\"points\":\"120\","
                    + "\"tags\":[\"a\",\"b\"],\"ignored\":true},"
                    + "\"meta\":{\"updated\":\"2026-04-01T10:00:00Z\"}}");

    assertThat(r.identities())
        .containsExactly(
            new IdentityRef(Identity.of("CRMID", "1001"), true),
            new IdentityRef(Identity.of("Email", "ann@example.com"), false));
    assertThat(r.attributes())
        .containsExactly(
            Map.entry("loyalty.points", 120L),
            Map.entry("person.name.first", "Ann"),
            Map.entry("person.name.last", "Lee"),
            Map.entry("segments", List.of("a", "b")));
    assertThat(r.customTimestamp()).hasValue(Instant.parse("2026-04-01T10:00:00Z").toEpochMilli());
  }

  @Test
  void readRecord_absentNullAndEmptyFields_areNoValue() {
    Record r =
        json.mapping(CRM_JSON)
            .readRecord(
                "crm",
                "{\"customer\":{\"id\":\"c-1\",\"contact\":{\"email\":\"\"},\"name\":null}}");

    assertThat(r.identities()).containsExactly(new IdentityRef(Identity.of("CRMID", "c-1"), true));
    assertThat(r.attributes()).isEmpty();
    assertThat(r.customTimestamp()).isEmpty();
  }

  @Test
  void readRecord_unconvertibleValue_throwsWrongType() {
    assertThatThrownBy(
            () ->
                json.mapping(CRM_JSON)
                    .readRecord("crm", "{\"customer\":{\"id\":\"c-1\",\"points\":\"many\"}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("/customer/points must be long, but was 'many'");
  }

  @Test
  void readRecord_objectIdentity_throwsWrongType() {
    assertThatThrownBy(
            () -> json.mapping(CRM_JSON).readRecord("crm", "{\"customer\":{\"id\":{\"x\":1}}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("/customer/id must be a string, but was an object");
  }

  @Test
  void readEvent_mapping_readsIdTimestampTypeAndTypedAttributes() {
    Event e =
        json.mapping(CLICKS)
            .readEvent(
                "web",
                "{\"click_id\":\"k-1\",\"at\":1775037600000,\"kind\":\"click\",\"device\":\""
                    + Fixtures.ECID
                    + "\",\"user\":\"c-1\",\"page\":\"home\",\"price\":\"9.5\"}");

    assertThat(e.id()).isEqualTo("k-1");
    assertThat(e.timestamp()).isEqualTo(1_775_037_600_000L);
    assertThat(e.eventType()).isEqualTo("click");
    assertThat(e.identities()).hasSize(2);
    assertThat(e.attributes())
        .containsExactly(
            Map.entry("commerce.order.priceTotal", 9.5),
            Map.entry("web.webPageDetails.name", "home"));
  }

  @Test
  void readEvent_noEventIdMapped_throwsMissingId() {
    assertThatThrownBy(() -> json.mapping(CRM_JSON).readEvent("web", "{\"customer\":{\"id\":1}}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("eventId must be mapped to read events");
  }

  @Test
  void ingestEvents_ndjsonThroughMapping_reportsPerLine() throws IOException {
    ProfileStore store = Fixtures.store();
    String ndjson =
        "{\"click_id\":\"k-1\",\"at\":\"2026-04-01T10:00:00Z\",\"device\":\""
            + Fixtures.ECID
            + "\"}\n"
            + "{\"at\":\"2026-04-01T10:00:00Z\",\"device\":\""
            + Fixtures.ECID
            + "\"}\n"
            + "{\"click_id\":\"k-3\",\"device\":\""
            + Fixtures.ECID
            + "\"}\n"
            + "{\"click_id\":\"k-4\",\"at\":\"2026-04-01T10:00:00Z\",\"device\":\""
            + Fixtures.ECID
            + "\",\"price\":\"free\"}\n"
            + "not json\n"
            + "{\"click_id\":\"k-6\",\"at\":\"2026-04-01T11:00:00Z\",\"device\":\""
            + Fixtures.ECID
            + "\"}\n";

    IngestReport report = json.mapping(CLICKS).ingestEvents(store, "web", Fixtures.stream(ndjson));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems())
        .extracting(LineOutcome::line, LineOutcome::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2L, "MISSING_ID"),
            org.assertj.core.groups.Tuple.tuple(3L, "MISSING_TIMESTAMP"),
            org.assertj.core.groups.Tuple.tuple(4L, "WRONG_TYPE"),
            org.assertj.core.groups.Tuple.tuple(5L, "MALFORMED_JSON"));
    assertThat(store.events(Identity.of("ECID", Fixtures.ECID)).fetch().events())
        .extracting(Event::id)
        .containsExactly("k-1", "k-6");
  }

  @Test
  void ingestCsvRecords_exportWithBadRows_reportsEachByLineAndIngestsTheRest() {
    ProfileStore store = Fixtures.store();

    IngestReport report =
        json.mapping(CRM_CSV)
            .ingestCsvRecords(store, "crm", Fixtures.stream(Fixtures.resource("mapping/crm.csv")));

    Golden.assertText("crm-csv-report.txt", Golden.render(report));
    var ann = store.lookup(Identity.of("Email", "ann@example.com")).fetch().orElseThrow();
    assertThat(ann.attributes())
        .containsEntry("loyalty.points", 120L)
        .containsEntry("loyalty.vip", true)
        .containsEntry("person.name.firstName", "Ann");
    assertThat(store.lookup(Identity.of("CRMID", "1003")).fetch().orElseThrow().attributes())
        .containsEntry("person.name.firstName", "Cy\r\nSecond line")
        .containsEntry("loyalty.vip", true);
    assertThat(store.lookup(Identity.of("CRMID", "1005")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "1009")).fetch()).isPresent();
    for (String rejected : List.of("1002", "1004", "1006", "1008")) {
      assertThat(store.lookup(Identity.of("CRMID", rejected)).fetch()).as(rejected).isEmpty();
    }
  }

  @Test
  void ingestCsvRecords_bomAndUnterminatedQuote_rejectsOnlyTheBrokenLine() {
    ProfileStore store = Fixtures.store();
    String csv =
        "\uFEFFcustomer_id,email,first_name\n1,a@x.com,Ann\n2,b@x.com,\"Bob\n3,c@x.com,Cy\n";

    IngestReport report =
        json.mapping(CRM_CSV).ingestCsvRecords(store, "crm", Fixtures.stream(csv));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.line()).isEqualTo(3);
              assertThat(o.reason()).isEqualTo("MALFORMED_CSV");
            });
    assertThat(store.lookup(Identity.of("CRMID", "1")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "3")).fetch()).isPresent();
  }

  @Test
  void ingestCsvRecords_invalidUtf8_isRejected() {
    byte[] csv = NdjsonIngestTest.bytes("customer_id,first_name\n1,Ann\n2,Jos", 0xE9, "\n3,Cy\n");

    IngestReport report =
        json.mapping(CRM_CSV).ingestCsvRecords(Fixtures.store(), "crm", Fixtures.stream(csv));

    Golden.assertText("csv-invalid-utf8-report.txt", Golden.render(report));
  }

  @Test
  void ingestCsvEvents_rows_becomeEvents() {
    ProfileStore store = Fixtures.store();
    String csv =
        "click_id,at,kind,device,page\n"
            + "k-1,2026-04-01T10:00:00Z,click,"
            + Fixtures.ECID
            + ",home\n"
            + ",2026-04-01T10:00:00Z,click,"
            + Fixtures.ECID
            + ",home\n"
            + "k-3,2026-04-01T11:00:00Z,view,"
            + Fixtures.ECID
            + ",cart\n";

    IngestReport report = json.mapping(CLICKS).ingestCsvEvents(store, "web", Fixtures.stream(csv));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems())
        .extracting(LineOutcome::line, LineOutcome::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3L, "MISSING_ID"));
    assertThat(store.events(Identity.of("ECID", Fixtures.ECID)).fetch().events())
        .extracting(Event::eventType)
        .containsExactly("click", "view");
  }

  @Test
  void builder_invalidSettings_throwWithTheFix() {
    assertThatThrownBy(() -> FieldMapping.builder().attribute("/a", "a").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "identity or primaryIdentity must be called at least once: records and events need"
                + " an identity");
    assertThatThrownBy(() -> FieldMapping.builder().identity("email", "Email"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pointer must be a JSON Pointer, such as /email, but was 'email'");
    assertThatThrownBy(
            () -> FieldMapping.builder().primaryIdentity("/a", "CRMID").primaryIdentity("/b", "X"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("primaryIdentity was already mapped from /a; map this one with identity(...)");
    assertThatThrownBy(() -> FieldMapping.builder().attribute("/a", "a..b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must be dot-separated non-empty segments, but was 'a..b'");
  }

  @Test
  void readsEvents_whenAnEventIdOrAnEventTimestampIsMapped() {
    assertThat(CLICKS.readsEvents()).isTrue();
    assertThat(
            FieldMapping.builder().timestamp("/at").identity("/e", "Email").build().readsEvents())
        .isTrue();
    assertThat(CRM_JSON.readsEvents()).isFalse();
    assertThat(CRM_CSV.readsEvents()).isFalse();
  }
}
