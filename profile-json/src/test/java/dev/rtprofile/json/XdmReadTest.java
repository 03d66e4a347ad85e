package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.IdentityRef;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class XdmReadTest {
  private final ProfileJson json = ProfileJson.defaults();

  @Test
  void readRecord_identityMap_givesIdentitiesWithPrimaryFlag() {
    Record r = json.readRecord("crm", Fixtures.crmRecord(1));

    assertThat(r.dataset()).isEqualTo("crm");
    assertThat(r.identities())
        .containsExactly(
            new IdentityRef(Identity.of("CRMID", "c-1"), true),
            new IdentityRef(Identity.of("Email", "user1@example.com"), false));
  }

  @Test
  void readRecord_nestedObjects_becomeDottedPathsAndArraysStayLeaves() {
    Record r = json.readRecord("crm", Fixtures.crmRecord(1));

    assertThat(r.attributes())
        .containsExactly(
            Map.entry("extSourceSystemAudit.lastUpdatedDate", "2026-04-01T10:00:00Z"),
            Map.entry("loyalty.points", 10L),
            Map.entry("loyalty.tier", "gold"),
            Map.entry("person.name.firstName", "First1"),
            Map.entry("person.name.lastName", "Last1"),
            Map.entry("segments", List.of("a", "b")));
  }

  @Test
  void readRecord_lastUpdatedDate_isTheCustomTimestamp() {
    Record r = json.readRecord("crm", Fixtures.crmRecord(1));

    assertThat(r.customTimestamp()).hasValue(Instant.parse("2026-04-01T10:00:00Z").toEpochMilli());
  }

  @Test
  void readRecord_offsetTimestamp_isConvertedToUtc() {
    Record r =
        json.readRecord(
            "crm",
            "{\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-04-01T12:00:00.250+02:00\"}}");

    assertThat(r.customTimestamp())
        .hasValue(Instant.parse("2026-04-01T10:00:00.250Z").toEpochMilli());
  }

  @Test
  void readRecord_noIngestionTimeConfigured_leavesTimestampToTheStore() {
    assertThat(json.readRecord("crm", Fixtures.crmRecord(1)).timestamp()).isEmpty();
  }

  @Test
  void readRecord_ingestionTimeConfigured_stampsTheRecord() {
    ProfileJson stamped = ProfileJson.builder().ingestionTime(Fixtures.CLOCK).build();

    assertThat(stamped.readRecord("crm", Fixtures.crmRecord(1)).timestamp())
        .hasValue(Fixtures.NOW.toEpochMilli());
  }

  @Test
  void readRecord_valueTypes_areKept() {
    Record r =
        json.readRecord(
            "crm",
            "{\"s\":\"x\",\"t\":true,\"f\":false,\"i\":-7,\"d\":1.5,"
                + "\"big\":123456789012345678901234567890,\"none\":null,"
                + "\"objs\":[{\"a\":1,\"b\":null},{\"c\":[1,2]}],\"empty\":{}}");

    assertThat(r.attributes())
        .containsExactly(
            Map.entry("big", new BigDecimal("123456789012345678901234567890")),
            Map.entry("d", 1.5),
            Map.entry("f", false),
            Map.entry("i", -7L),
            Map.entry("objs", List.of(Map.of("a", 1L), Map.of("c", List.of(1L, 2L)))),
            Map.entry("s", "x"),
            Map.entry("t", true));
  }

  @Test
  void readRecord_bytesWithBom_areRead() {
    byte[] body = Fixtures.crmRecord(2).getBytes(StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    assertThat(json.readRecord("crm", withBom).attributes()).containsKey("person.name.firstName");
  }

  @Test
  void readEvent_reservedFields_areTheEventsOwn() {
    Event e = json.readEvent("web", Fixtures.webEvent(3));

    assertThat(e.id()).isEqualTo("e-3");
    assertThat(e.timestamp()).isEqualTo(Instant.parse("2026-04-04T10:00:00Z").toEpochMilli());
    assertThat(e.eventType()).isEqualTo("web.webpagedetails.pageViews");
    assertThat(e.identities()).containsExactly(new IdentityRef(Identity.of("CRMID", "c-3"), true));
    assertThat(e.attributes())
        .containsExactly(
            Map.entry("web.webPageDetails.URL", "https://example.com/"),
            Map.entry("web.webPageDetails.name", "home"));
  }

  @Test
  void readEvent_noEventType_isEmpty() {
    Event e = json.readEvent("web", "{\"_id\":\"1\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");

    assertThat(e.eventType()).isEmpty();
    assertThat(e.identities()).isEmpty();
  }

  @Test
  void readEvent_missingId_throwsMissingId() {
    assertThatThrownBy(() -> json.readEvent("web", "{\"timestamp\":\"2026-01-01T00:00:00Z\"}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("_id must be present in an event")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.MISSING_ID);
  }

  @Test
  void readEvent_blankId_throwsMissingId() {
    assertProblem(
        () -> json.readEvent("web", "{\"_id\":\" \",\"timestamp\":\"2026-01-01T00:00:00Z\"}"),
        InputProblem.MISSING_ID,
        "_id must not be blank");
  }

  @Test
  void readEvent_missingTimestamp_throwsMissingTimestamp() {
    assertProblem(
        () -> json.readEvent("web", "{\"_id\":\"1\"}"),
        InputProblem.MISSING_TIMESTAMP,
        "timestamp must be present in an event");
  }

  @Test
  void readEvent_timestampWithoutOffset_throwsBadTimestamp() {
    assertProblem(
        () -> json.readEvent("web", "{\"_id\":\"1\",\"timestamp\":\"2026-01-01T00:00:00\"}"),
        InputProblem.BAD_TIMESTAMP,
        "timestamp must be an ISO-8601 date-time with an offset, such as 2026-05-01T10:00:00Z,"
            + " but was '2026-01-01T00:00:00'");
  }

  @Test
  void readEvent_numericTimestamp_throwsWrongType() {
    assertProblem(
        () -> json.readEvent("web", "{\"_id\":\"1\",\"timestamp\":1700000000000}"),
        InputProblem.WRONG_TYPE,
        "timestamp must be a string, but was a number");
  }

  @Test
  void readEvent_numericId_throwsWrongType() {
    assertProblem(
        () -> json.readEvent("web", "{\"_id\":7,\"timestamp\":\"2026-01-01T00:00:00Z\"}"),
        InputProblem.WRONG_TYPE,
        "_id must be a string, but was a number");
  }

  @Test
  void readRecord_notAnObject_throwsWrongType() {
    assertProblem(
        () -> json.readRecord("crm", "[1,2]"),
        InputProblem.WRONG_TYPE,
        "the input must be a JSON object, but was an array");
  }

  @Test
  void readRecord_identityMapNotAnObject_throwsWrongType() {
    assertProblem(
        () -> json.readRecord("crm", "{\"identityMap\":[]}"),
        InputProblem.WRONG_TYPE,
        "identityMap must be an object, but was an array");
  }

  @Test
  void readRecord_identityListNotAnArray_throwsWrongType() {
    assertProblem(
        () -> json.readRecord("crm", "{\"identityMap\":{\"Email\":{\"id\":\"a\"}}}"),
        InputProblem.WRONG_TYPE,
        "identityMap.Email must be an array, but was an object");
  }

  @Test
  void readRecord_numericIdentityId_throwsWrongType() {
    assertProblem(
        () -> json.readRecord("crm", "{\"identityMap\":{\"Email\":[{\"id\":5}]}}"),
        InputProblem.WRONG_TYPE,
        "identityMap.Email[0].id must be a string, but was a number");
  }

  @Test
  void readRecord_identityWithoutId_throwsInvalidIdentity() {
    assertProblem(
        () -> json.readRecord("crm", "{\"identityMap\":{\"Email\":[{\"primary\":true}]}}"),
        InputProblem.INVALID_IDENTITY,
        "identityMap.Email[0].id must be present");
  }

  @Test
  void readRecord_twoPrimaries_throwsInvalidIdentity() {
    assertProblem(
        () ->
            json.readRecord(
                "crm",
                "{\"identityMap\":{\"Email\":[{\"id\":\"a\",\"primary\":true}],"
                    + "\"CRMID\":[{\"id\":\"b\",\"primary\":true}]}}"),
        InputProblem.INVALID_IDENTITY,
        "identityMap must mark at most one identity primary");
  }

  @Test
  void readRecord_blankNamespace_throwsInvalidIdentity() {
    assertProblem(
        () -> json.readRecord("crm", "{\"identityMap\":{\" \":[{\"id\":\"a\"}]}}"),
        InputProblem.INVALID_IDENTITY,
        "identityMap namespace codes must not be blank");
  }

  @Test
  void readRecord_dottedFieldName_throwsInvalidAttribute() {
    assertProblem(
        () -> json.readRecord("crm", "{\"person\":{\"a.b\":1}}"),
        InputProblem.INVALID_ATTRIBUTE,
        "field names must be non-empty and hold no dot, but a field under person was 'a.b'");
  }

  @Test
  void readRecord_escapedNulOrLoneSurrogateInAName_throwsInvalidAttribute() {
    assertProblem(
        () -> json.readRecord("crm", "{\"person\":{\"na\\u0000me\":\"Ann\"}}"),
        InputProblem.INVALID_ATTRIBUTE,
        "path must not hold a NUL character or a lone surrogate, but had a NUL character (U+0000)"
            + " at index 9");
    assertProblem(
        () -> json.readRecord("crm", "{\"orders\":[{\"i\\u0000\":1}]}"),
        InputProblem.INVALID_ATTRIBUTE,
        "value must not have a map key holding a NUL character or a lone surrogate, but the map at"
            + " orders had a NUL character (U+0000) at index 1");
    // Jackson itself refuses a lone surrogate in a name.
    assertProblem(
        () -> json.readRecord("crm", "{\"person\":{\"na\\ud800me\":1}}"),
        InputProblem.MALFORMED_JSON,
        "Broken surrogate pair in property name: expected '\\' to start low surrogate, got 0x6d");
  }

  @Test
  void ingestRecords_escapedNulOrLoneSurrogate_dropsTheIdentityAndKeepsTheValue()
      throws IOException {
    ProfileStore store = Fixtures.store();
    String input =
        "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-1\",\"primary\":true}],"
            + "\"Email\":[{\"id\":\"a\\u0000@x.com\"}]}}\n"
            + "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-\\ud800\"}]}}\n"
            + "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-3\"}]},\"note\":\"a\\u0000b\\udc00\"}\n";

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(input));

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=3 blank=0 accepted=1 trimmed=1 ignored=0 rejected=1 unreported=0\n"
                + "line 1: TRIMMED INVALID_IDENTITY | 1 identity dropped; dropped Email:"
                + " INVALID_CHARACTERS (value holds a NUL character (U+0000) at index 1)\n"
                + "line 2: REJECTED NO_PRIMARY_IDENTITY+INVALID_IDENTITY | no valid identity is"
                + " marked primary, the only one, or ranked by namespace priority; dropped CRMID:"
                + " INVALID_CHARACTERS (value holds a lone surrogate (U+D800) at index 2)\n");
    assertThat(
            store
                .lookup(Identity.of("CRMID", "c-3"))
                .fetch()
                .orElseThrow()
                .attributes()
                .get("note"))
        .isEqualTo("a\u0000b\udc00");
  }

  @Test
  void readRecord_nullInArray_throwsInvalidAttribute() {
    assertProblem(
        () -> json.readRecord("crm", "{\"tags\":[\"a\",null]}"),
        InputProblem.INVALID_ATTRIBUTE,
        "the array at tags must not hold null");
  }

  @Test
  void readRecord_floatBeyondDouble_throwsNumberOutOfRange() {
    assertProblem(
        () -> json.readRecord("crm", "{\"x\":1e999}"),
        InputProblem.NUMBER_OUT_OF_RANGE,
        "the number at x is beyond the range of a double");
  }

  @Test
  void readRecord_truncated_throwsMalformedJson() {
    assertThatThrownBy(() -> json.readRecord("crm", "{\"a\":{\"b\":1"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("truncated: ")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.MALFORMED_JSON);
  }

  @Test
  void readRecord_trailingContent_throwsMalformedJson() {
    assertProblem(
        () -> json.readRecord("crm", "{\"a\":1} {\"b\":2}"),
        InputProblem.MALFORMED_JSON,
        "the input must hold one JSON object, but an object follows it");
  }

  @Test
  void readRecord_duplicateKey_throwsMalformedJson() {
    assertThatThrownBy(() -> json.readRecord("crm", "{\"a\":1,\"a\":2}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("Duplicate")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.MALFORMED_JSON);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":{\"b\":1,\"b\":2}}|Duplicate field 'b' in a",
        "{\"a\":{\"b\":1},\"a\":{\"c\":2}}|Duplicate field 'a'",
        "{\"a\":null,\"a\":1}|Duplicate field 'a'",
        "{\"a\":{\"b\":{\"c\":1}},\"x\":1,\"a\":2}|Duplicate field 'a'",
        "{\"identityMap\":{},\"identityMap\":{}}|Duplicate field 'identityMap'",
        "{\"identityMap\":{\"E\":[],\"E\":[]}}|Duplicate field 'E' in identityMap",
        "{\"identityMap\":{\"E\":[{\"id\":\"x\",\"id\":\"y\"}]}}"
            + "|Duplicate field 'id' in identityMap.E[0]",
        "{\"l\":[{\"k\":1,\"k\":null}]}|Duplicate field 'k' in an object at l",
      })
  void readRecord_duplicateNameAtAnyLevel_throwsMalformedJson(String input, String message) {
    assertProblem(() -> json.readRecord("crm", input), InputProblem.MALFORMED_JSON, message);
  }

  @Test
  void readRecord_sameNameUnderOtherParents_isNoDuplicate() {
    Record r = json.readRecord("crm", "{\"a\":{\"n\":1},\"b\":{\"n\":2},\"n\":3}");

    assertThat(r.attributes())
        .containsExactly(Map.entry("a.n", 1L), Map.entry("b.n", 2L), Map.entry("n", 3L));
  }

  @Test
  void readEvent_duplicateReservedField_throwsMalformedJson() {
    assertProblem(
        () ->
            json.readEvent(
                "web", "{\"_id\":\"e\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"_id\":\"f\"}"),
        InputProblem.MALFORMED_JSON,
        "Duplicate field '_id'");
  }

  @Test
  void readRecord_tooDeep_throwsLimitExceeded() {
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);

    assertThatThrownBy(() -> json.readRecord("crm", deep))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("nesting depth")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.LIMIT_EXCEEDED);
  }

  @Test
  void readRecord_stringTooLong_throwsLimitExceeded() {
    ProfileJson small = ProfileJson.builder().maxStringLength(10).build();

    assertThatThrownBy(() -> small.readRecord("crm", "{\"a\":\"" + "x".repeat(11) + "\"}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("String value length")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.LIMIT_EXCEEDED);
  }

  @Test
  void readRecord_overMaxRecordBytes_throwsTooLarge() {
    ProfileJson small = ProfileJson.builder().maxRecordBytes(10).build();

    assertProblem(
        () -> small.readRecord("crm", "{\"a\":\"12345\"}"),
        InputProblem.TOO_LARGE,
        "the record is 13 bytes, over the record limit of 10 bytes");
  }

  @Test
  void readRecord_invalidUtf8_throwsInvalidUtf8() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};

    assertProblem(
        () -> json.readRecord("crm", bytes),
        InputProblem.INVALID_UTF8,
        "the input is not valid UTF-8 at byte 7");
  }

  @Test
  void readRecord_blankDataset_throwsIllegalArgument() {
    assertThatThrownBy(() -> json.readRecord(" ", "{}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataset must not be blank, but was ' '");
  }

  private static void assertProblem(Runnable read, InputProblem problem, String message) {
    assertThatThrownBy(read::run)
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(problem);
  }
}
