package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
import org.junit.jupiter.api.Test;

/** CSV quoting: a quoted field may span lines, a stray quote costs only its own line. */
class CsvQuoteTest {
  private static final FieldMapping MAPPING =
      FieldMapping.builder()
          .primaryIdentity("/customer_id", "CRMID")
          .attribute("/first_name", "person.name.firstName")
          .build();
  private static final String HEADER = "customer_id,first_name\n";
  private static final String STRAY =
      "unterminated quoted field: the quote opened on this line is never closed; the line is"
          + " skipped and reading resumes at the next line";

  private final ProfileJson json = ProfileJson.defaults();

  @Test
  void ingestCsvRecords_strayQuoteBeforeThousandRows_rejectsOnlyItsLine() {
    ProfileStore store = Fixtures.store();
    String csv = HEADER + "c-0,Ann\n" + "bad,\"oops,Zed\n" + rows(1, 1_000, "\n");

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=1002 blank=0 accepted=1001 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 3: REJECTED MALFORMED_CSV | "
                + STRAY
                + "\n");
    assertThat(store.lookup(Identity.of("CRMID", "c-1000")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "bad")).fetch()).isEmpty();
  }

  @Test
  void ingestCsvRecords_strayQuoteBeforeMoreThanTheRowLimit_rejectsOnlyItsLine() {
    ProfileStore store = Fixtures.store();
    // 10,000 rows are far more than the 100 KB a row may hold.
    String csv = HEADER + "c-0,Ann\n" + "bad,\"oops,Zed\n" + rows(1, 10_000, "\n");

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=10002 blank=0 accepted=10001 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 3: REJECTED MALFORMED_CSV | unterminated quoted field: the quote opened on"
                + " this line is not closed within the limit of 102400 bytes; the line is skipped"
                + " and reading resumes at the next line\n");
    assertThat(store.lookup(Identity.of("CRMID", "c-10000")).fetch()).isPresent();
  }

  @Test
  void ingestCsvRecords_quotedFieldSpanningLines_isOneRow() {
    ProfileStore store = Fixtures.store();
    String csv =
        HEADER + "c-1,\"Ann\nof \"\"Lyon\"\"\"\n" + "c-2,\"Bo,\r\nb\"  \r\n" + "c-3,\"Cy\"\n";

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo("lines=3 blank=0 accepted=3 trimmed=0 ignored=0 rejected=0 unreported=0\n");
    assertThat(firstName(store, "c-1")).isEqualTo("Ann\nof \"Lyon\"");
    assertThat(firstName(store, "c-2")).isEqualTo("Bo,\r\nb");
    assertThat(firstName(store, "c-3")).isEqualTo("Cy");
  }

  @Test
  void ingestCsvRecords_rowSpanningLinesBeforeAStrayQuote_numbersTheStrayLineRight() {
    ProfileStore store = Fixtures.store();
    String csv = HEADER + "c-1,\"Ann\nLee\"\n" + "bad,\"oops\n" + "c-2,Bo\n";

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=3 blank=0 accepted=2 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 4: REJECTED MALFORMED_CSV | "
                + STRAY
                + "\n");
    assertThat(firstName(store, "c-2")).isEqualTo("Bo");
  }

  @Test
  void ingestCsvRecords_strayQuoteOnTheLastLine_rejectsThatLine() {
    for (String end : new String[] {"", "\n", "\r\n"}) {
      ProfileStore store = Fixtures.store();
      String csv = HEADER + "c-1,Ann\n" + "c-2,\"Bo" + end;

      IngestReport report = ingest(store, csv);

      assertThat(Golden.render(report))
          .as("ending %s", end.replace("\r", "CR").replace("\n", "LF"))
          .isEqualTo(
              "lines=2 blank=0 accepted=1 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                  + "line 3: REJECTED MALFORMED_CSV | "
                  + STRAY
                  + "\n");
    }
  }

  @Test
  void ingestCsvRecords_severalStrayQuotesInARow_rejectsEachLineAlone() {
    ProfileStore store = Fixtures.store();
    String csv = HEADER + "x-1,\"a\n" + "x-2,\"b\n" + "x-3,\"c\n" + rows(1, 3, "\n");

    IngestReport report = ingest(store, csv);

    String closes =
        "unterminated quoted field: the quote opened on this line closes on a later line before"
            + " text; the line is skipped and reading resumes at the next line";
    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=6 blank=0 accepted=3 trimmed=0 ignored=0 rejected=3 unreported=0\n"
                + "line 2: REJECTED MALFORMED_CSV | "
                + closes
                + "\n"
                + "line 3: REJECTED MALFORMED_CSV | "
                + closes
                + "\n"
                + "line 4: REJECTED MALFORMED_CSV | "
                + STRAY
                + "\n");
    assertThat(firstName(store, "c-3")).isEqualTo("N3");
  }

  @Test
  void ingestCsvRecords_crlfFileWithAStrayQuote_numbersLinesRight() {
    ProfileStore store = Fixtures.store();
    String csv =
        HEADER.replace("\n", "\r\n")
            + "c-0,Ann\r\n"
            + "\r\n"
            + "bad,\"oops\r\n"
            + rows(1, 2, "\r\n")
            + "c-9,\"Zed\"\r\n";

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=5 blank=0 accepted=4 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 4: REJECTED MALFORMED_CSV | unterminated quoted field: the quote opened on"
                + " this line closes on a later line before text; the line is skipped and reading"
                + " resumes at the next line\n");
    assertThat(firstName(store, "c-2")).isEqualTo("N2");
    assertThat(firstName(store, "c-9")).isEqualTo("Zed");
  }

  @Test
  void ingestCsvRecords_textAfterAClosingQuote_rejectsOnlyThatLine() {
    ProfileStore store = Fixtures.store();
    String csv = HEADER + "c-1,\"Ann\"e,\"x\n" + rows(2, 3, "\n");

    IngestReport report = ingest(store, csv);

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=3 blank=0 accepted=2 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 2: REJECTED MALFORMED_CSV | a quoted field's closing quote is followed by"
                + " text: a quote inside a quoted field must be doubled\n");
    assertThat(firstName(store, "c-3")).isEqualTo("N3");
  }

  @Test
  void ingestCsvRecords_strayQuoteInTheHeader_rejectsTheHeaderAndReadsNoRow() {
    IngestReport report = ingest(Fixtures.store(), "customer_id,\"first_name\n" + rows(1, 3, "\n"));

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=1 blank=0 accepted=0 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 1: REJECTED MALFORMED_CSV | the header line cannot be read, so no row can"
                + " be: unterminated quoted field: the quote opened on this line is never closed\n");
  }

  @Test
  void ingestCsvRecords_lineOverTheLimit_isRejectedAlone() {
    ProfileStore store = Fixtures.store();
    ProfileJson small = ProfileJson.builder().maxRecordBytes(64).build();
    String csv = HEADER + "c-1,\"" + "a".repeat(100) + "\n" + rows(2, 3, "\n");

    IngestReport report =
        small.mapping(MAPPING).ingestCsvRecords(store, "crm", Fixtures.stream(csv));

    assertThat(Golden.render(report))
        .isEqualTo(
            "lines=3 blank=0 accepted=2 trimmed=0 ignored=0 rejected=1 unreported=0\n"
                + "line 2: REJECTED TOO_LARGE | the line is longer than the limit of 64 bytes\n");
    assertThat(firstName(store, "c-2")).isEqualTo("N2");
  }

  private IngestReport ingest(ProfileStore store, String csv) {
    return json.mapping(MAPPING).ingestCsvRecords(store, "crm", Fixtures.stream(csv));
  }

  /** Rows {@code c-from..c-to} with first names {@code N<n>}. */
  private static String rows(int from, int to, String newline) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i <= to; i++) {
      sb.append("c-").append(i).append(",N").append(i).append(newline);
    }
    return sb.toString();
  }

  private static Object firstName(ProfileStore store, String id) {
    return store
        .lookup(Identity.of("CRMID", id))
        .fetch()
        .orElseThrow()
        .attributes()
        .get("person.name.firstName");
  }
}
