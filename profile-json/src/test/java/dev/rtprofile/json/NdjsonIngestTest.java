package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Streaming NDJSON: byte-level bad inputs, line ends, limits and the report. */
class NdjsonIngestTest {
  private final ProfileJson json = ProfileJson.defaults();

  static List<Arguments> badLines() {
    return List.of(
        Arguments.of("lone continuation byte", bytes("{\"a\":\"", 0x80, "\"}"), "INVALID_UTF8"),
        Arguments.of("overlong slash", bytes("{\"a\":\"", 0xC0, 0xAF, "\"}"), "INVALID_UTF8"),
        Arguments.of("surrogate", bytes("{\"a\":\"", 0xED, 0xA0, 0x80, "\"}"), "INVALID_UTF8"),
        Arguments.of(
            "above U+10FFFF", bytes("{\"a\":\"", 0xF4, 0x90, 0x80, 0x80, "\"}"), "INVALID_UTF8"),
        Arguments.of(
            "truncated sequence", bytes("{\"a\":\"x\"}", 0xF0, 0x9F, 0x98), "INVALID_UTF8"),
        Arguments.of("latin-1 text", bytes("{\"name\":\"Jos", 0xE9, "\"}"), "INVALID_UTF8"),
        Arguments.of("NUL byte", bytes("{\"a\":", 0x00, "1}"), "MALFORMED_JSON"),
        Arguments.of("UTF-16 text", utf16("{\"a\":1}"), "MALFORMED_JSON"),
        Arguments.of(
            "truncated", bytes("{\"identityMap\":{\"CRMID\":[{\"id\":\"x\""), "MALFORMED_JSON"),
        Arguments.of("lone brace", bytes("}"), "MALFORMED_JSON"),
        Arguments.of("number", bytes("42"), "WRONG_TYPE"),
        Arguments.of(
            "1000-deep arrays",
            bytes("{\"a\":" + "[".repeat(1000) + "]".repeat(1000) + "}"),
            "LIMIT_EXCEEDED"),
        Arguments.of("huge integer", bytes("{\"a\":" + "1".repeat(5000) + "}"), "LIMIT_EXCEEDED"),
        Arguments.of("huge exponent", bytes("{\"a\":1e99999}"), "NUMBER_OUT_OF_RANGE"),
        Arguments.of(
            "long field name", bytes("{\"" + "k".repeat(2000) + "\":1}"), "LIMIT_EXCEEDED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLines")
  void ingestRecords_badLineBetweenGoodOnes_isRejectedAndTheOthersIngested(
      String name, byte[] bad, String reason) throws IOException {
    ProfileStore store = Fixtures.store();
    byte[] input = concat(line(Fixtures.crmRecord(1)), bad, nl(), line(Fixtures.crmRecord(3)));

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(input));

    assertThat(report.lines()).isEqualTo(3);
    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.rejected()).isEqualTo(1);
    assertThat(report.problems()).hasSize(1);
    assertThat(report.problems().get(0).line()).isEqualTo(2);
    assertThat(report.problems().get(0).reason()).isEqualTo(reason);
    assertThat(store.lookup(Identity.of("CRMID", "c-1")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "c-3")).fetch()).isPresent();
  }

  @Test
  void ingestRecords_tenMegabyteLine_isTooLargeAndSkipped() throws IOException {
    ProfileStore store = Fixtures.store();
    byte[] huge = bytes("{\"a\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}");
    byte[] input = concat(line(Fixtures.crmRecord(1)), huge, nl(), line(Fixtures.crmRecord(3)));

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(input));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.line()).isEqualTo(2);
              assertThat(o.inputProblem()).isEqualTo(InputProblem.TOO_LARGE);
              assertThat(o.detail())
                  .isEqualTo("the line is 10485768 bytes, over the record limit of 102400 bytes");
            });
  }

  @Test
  void ingestRecords_lineAtTheLimit_isReadAndOneByteMoreIsNot() throws IOException {
    String prefix = "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-9\",\"primary\":true}]},\"pad\":\"";
    String exact = prefix + "x".repeat(200 - prefix.length() - 2) + "\"}";
    ProfileJson small = ProfileJson.builder().maxRecordBytes(200).build();
    byte[] input =
        concat(line(exact), line(exact.replace("c-9", "c-99").replace("\"pad\"", "\"pad2\"")));

    IngestReport report = small.ingestRecords(Fixtures.store(), "crm", Fixtures.stream(input));

    assertThat(exact).hasSize(200);
    assertThat(report.accepted()).isEqualTo(1);
    assertThat(report.problems())
        .extracting(LineOutcome::line, LineOutcome::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "TOO_LARGE"));
  }

  @Test
  void ingestRecords_bomCrlfAndEmptyLines_areHandled() throws IOException {
    ProfileStore store = Fixtures.store();
    byte[] input =
        concat(
            bytes(0xEF, 0xBB, 0xBF),
            bytes(Fixtures.crmRecord(1) + "\r\n"),
            bytes("\r\n"),
            bytes("\n"),
            bytes("  \t\r\n"),
            bytes(Fixtures.crmRecord(2) + "\r\n"),
            bytes(Fixtures.crmRecord(3)));

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(input));

    assertThat(Golden.render(report))
        .isEqualTo("lines=6 blank=3 accepted=3 trimmed=0 ignored=0 rejected=0 unreported=0\n");
    assertThat(
            store
                .lookup(Identity.of("CRMID", "c-3"))
                .fetch()
                .orElseThrow()
                .getString("person.name.lastName"))
        .hasValue("Last3");
  }

  @Test
  void ingestRecords_bomInTheMiddle_isSkippedLikeAtTheStart() throws IOException {
    byte[] input =
        concat(line(Fixtures.crmRecord(1)), bytes(0xEF, 0xBB, 0xBF), line(Fixtures.crmRecord(2)));

    IngestReport report = json.ingestRecords(Fixtures.store(), "crm", Fixtures.stream(input));

    assertThat(report.accepted()).isEqualTo(2);
  }

  @Test
  void ingestRecords_emptyInput_countsNothing() throws IOException {
    IngestReport report = json.ingestRecords(Fixtures.store(), "crm", Fixtures.stream(""));

    assertThat(report.lines()).isZero();
    assertThat(report.problems()).isEmpty();
  }

  @Test
  void ingestRecords_linesAcrossChunkBoundaries_areReadWhole() throws IOException {
    ProfileStore store = Fixtures.store();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int n = 40;
    for (int i = 0; i < n; i++) {
      String pad = "p".repeat(9_000 + i * 997);
      out.write(
          bytes(
              "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-"
                  + i
                  + "\",\"primary\":true}]},\"pad\":\""
                  + pad
                  + "\",\"n\":"
                  + i
                  + "}\n"));
    }

    IngestReport report =
        json.ingestRecords(store, "crm", new TrickleInputStream(out.toByteArray(), 7_919));

    assertThat(report.accepted()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(store.lookup(Identity.of("CRMID", "c-" + i)).fetch().orElseThrow().getLong("n"))
          .hasValue((long) i);
    }
  }

  @Test
  void ingestRecords_manyProblems_reportsUpToTheLimitAndCountsTheRest() throws IOException {
    ProfileJson capped = ProfileJson.builder().maxReportedProblems(3).build();
    List<LineOutcome> heard = new ArrayList<>();

    IngestReport report =
        capped.ingestRecords(
            Fixtures.store(), "crm", Fixtures.stream("x\n".repeat(10)), heard::add);

    assertThat(report.rejected()).isEqualTo(10);
    assertThat(report.problems()).extracting(LineOutcome::line).containsExactly(1L, 2L, 3L);
    assertThat(report.unreported()).isEqualTo(7);
    assertThat(heard).hasSize(10);
  }

  @Test
  void ingestRecords_staleRecord_isIgnoredWithTheStoresReason() throws IOException {
    String older = Fixtures.crmRecord(1).replace("2026-04-01T10:00:00Z", "2026-03-01T10:00:00Z");

    IngestReport report =
        json.ingestRecords(
            Fixtures.store(), "crm", Fixtures.stream(Fixtures.crmRecord(1) + "\n" + older + "\n"));

    assertThat(report.problems())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(IngestStatus.IGNORED);
              assertThat(o.inputProblem()).isNull();
              assertThat(o.reason()).isEqualTo("STALE");
            });
  }

  @Test
  void ingestEvents_eventOverTenKilobytes_isTooLarge() throws IOException {
    String big = Fixtures.webEvent(2).replace("\"home\"", "\"" + "h".repeat(10 * 1024) + "\"");

    IngestReport report =
        json.ingestEvents(
            Fixtures.store(),
            "web",
            Fixtures.stream(Fixtures.webEvent(1) + "\n" + big + "\n" + Fixtures.webEvent(3)));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems()).extracting(LineOutcome::reason).containsExactly("TOO_LARGE");
  }

  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  static byte[] utf16(String s) {
    return s.getBytes(StandardCharsets.UTF_16LE);
  }

  static byte[] line(String s) {
    return bytes(s + "\n");
  }

  static byte[] nl() {
    return bytes("\n");
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Hands out at most {@code step} bytes per read, to move line ends across chunk boundaries. */
  static final class TrickleInputStream extends InputStream {
    private final byte[] data;
    private final int step;
    private int pos;

    TrickleInputStream(byte[] data, int step) {
      this.data = data;
      this.step = step;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, step), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  @Test
  void ingestRecords_namesRepeatedOnEveryLine_areNoDuplicatesButRepeatsWithinALineAre()
      throws IOException {
    ProfileStore store = Fixtures.store();
    StringBuilder in = new StringBuilder();
    for (int n = 0; n < 3; n++) {
      in.append("{\"identityMap\":{\"CRMID\":[{\"id\":\"c-")
          .append(n)
          .append("\"}]},\"a\":{\"b\":")
          .append(n)
          .append(n == 1 ? ",\"b\":9" : "")
          .append("}}\n");
    }

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(in.toString()));

    assertThat(report.accepted()).isEqualTo(2);
    assertThat(report.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.detail()).isEqualTo("Duplicate field 'b' in a");
            });
    assertThat(store.lookup(Identity.of("CRMID", "c-2")).fetch().orElseThrow().get("a.b"))
        .contains(2L);
  }

  @Test
  void ingestRecords_moreDistinctNamesThanKept_stillFindsDuplicatesAndKeepsValues()
      throws IOException {
    ProfileStore store = Fixtures.store();
    StringBuilder in = new StringBuilder();
    int lines = FieldNames.MAX_KEPT / 100 + 3;
    for (int n = 0; n < lines; n++) {
      in.append("{\"identityMap\":{\"CRMID\":[{\"id\":\"c-").append(n).append("\"}]}");
      for (int k = 0; k < 100; k++) {
        in.append(",\"f")
            .append(n)
            .append('_')
            .append(k)
            .append("\":{\"v\":")
            .append(k)
            .append('}');
      }
      in.append(n == lines - 1 ? ",\"g\":{\"v\":1,\"v\":2}" : "").append("}\n");
    }

    IngestReport report = json.ingestRecords(store, "crm", Fixtures.stream(in.toString()));

    assertThat(report.accepted()).isEqualTo(lines - 1);
    assertThat(report.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.detail()).isEqualTo("Duplicate field 'v' in g"));
    int last = lines - 2;
    assertThat(
            store
                .lookup(Identity.of("CRMID", "c-" + last))
                .fetch()
                .orElseThrow()
                .get("f" + last + "_99.v"))
        .contains(99L);
  }
}
