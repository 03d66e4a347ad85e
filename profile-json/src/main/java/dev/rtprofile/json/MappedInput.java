package dev.rtprofile.json;

import dev.rtprofile.store.Event;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Data that is not XDM, read through a {@link FieldMapping}: single JSON documents, NDJSON of
 * arbitrary objects, and CSV files whose first line is the header. Obtained from {@link
 * ProfileJson#mapping(FieldMapping)}, under that instance's limits; the streaming methods report
 * per line (for CSV, per row, numbered by the line it starts on) exactly as {@link
 * ProfileJson#ingestRecords(ProfileStore, String, InputStream)} does. Immutable and thread-safe.
 */
public final class MappedInput {
  private final ProfileJson json;
  private final MappedReader reader;

  MappedInput(ProfileJson json, MappedReader reader) {
    this.json = json;
    this.reader = reader;
  }

  /**
   * Reads one JSON object into a record through the mapping.
   *
   * @throws InvalidJsonException if the JSON cannot be read into a record
   */
  public Record readRecord(String dataset, String document) {
    DocumentInput.checkDataset(dataset);
    byte[] bytes = DocumentInput.utf8(document, "document");
    DocumentInput.checkSize(bytes.length, json.maxRecordBytes(), "record");
    return reader.record(dataset, Json.parse(json.mapper(), bytes, 0, bytes.length));
  }

  /**
   * Reads one JSON object into an event through the mapping.
   *
   * @throws InvalidJsonException if the JSON cannot be read into an event
   */
  public Event readEvent(String dataset, String document) {
    DocumentInput.checkDataset(dataset);
    byte[] bytes = DocumentInput.utf8(document, "document");
    DocumentInput.checkSize(bytes.length, json.maxEventBytes(), "event");
    return reader.event(dataset, Json.parse(json.mapper(), bytes, 0, bytes.length));
  }

  /**
   * Streams NDJSON, one JSON object per line, into {@code store} as records, in constant memory.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestRecords(ProfileStore store, String dataset, InputStream ndjson)
      throws IOException {
    check(store, dataset, ndjson);
    return Durably.ingest(
        store,
        () ->
            NdjsonIngest.run(
                ndjson,
                json.maxRecordBytes(),
                "record",
                new ReportBuilder(json.maxReportedProblems(), null),
                () -> (b, off, len) -> reader.record(dataset, tree(b, off, len)),
                store::ingest,
                json.readAhead()));
  }

  /**
   * Streams NDJSON, one JSON object per line, into {@code store} as events, in constant memory.
   *
   * @throws IOException if reading the stream fails
   */
  public IngestReport ingestEvents(ProfileStore store, String dataset, InputStream ndjson)
      throws IOException {
    check(store, dataset, ndjson);
    return Durably.ingest(
        store,
        () ->
            NdjsonIngest.run(
                ndjson,
                json.maxEventBytes(),
                "event",
                new ReportBuilder(json.maxReportedProblems(), null),
                () -> (b, off, len) -> reader.event(dataset, tree(b, off, len)),
                store::ingest,
                json.readAhead()));
  }

  /**
   * Streams CSV (UTF-8, a header line naming the columns, then one row per record) into {@code
   * store}, through jackson-dataformat-csv, in constant memory. Every cell is text: name the type
   * of non-text columns in the mapping. A row with more cells than the header is rejected. A quoted
   * field may span lines (RFC 4180) within the record limit; a stray quote costs only its own line:
   * a line whose quoted field is never closed, is not closed within the limit, or closes before
   * text is rejected as {@link InputProblem#MALFORMED_CSV} and reading resumes at the next line (a
   * broken header line ends the input). The stream is read to its end and not closed.
   */
  public IngestReport ingestCsvRecords(ProfileStore store, String dataset, InputStream csv) {
    check(store, dataset, csv);
    CsvIngest ingest =
        new CsvIngest(
            json.csvMapper(),
            json.maxRecordBytes(),
            "record",
            new ReportBuilder(json.maxReportedProblems(), null));
    IngestReport[] report = new IngestReport[1];
    store.batch(
        () -> report[0] = ingest.run(csv, row -> store.ingest(reader.record(dataset, row))));
    return report[0];
  }

  /** Streams CSV rows into {@code store} as events; see {@link #ingestCsvRecords}. */
  public IngestReport ingestCsvEvents(ProfileStore store, String dataset, InputStream csv) {
    check(store, dataset, csv);
    CsvIngest ingest =
        new CsvIngest(
            json.csvMapper(),
            json.maxEventBytes(),
            "event",
            new ReportBuilder(json.maxReportedProblems(), null));
    IngestReport[] report = new IngestReport[1];
    store.batch(() -> report[0] = ingest.run(csv, row -> store.ingest(reader.event(dataset, row))));
    return report[0];
  }

  private JsonNode tree(byte[] bytes, int offset, int length) {
    return Json.parse(json.mapper(), bytes, offset, length);
  }

  private static void check(ProfileStore store, String dataset, InputStream in) {
    Objects.requireNonNull(store, "store");
    DocumentInput.checkDataset(dataset);
    Objects.requireNonNull(in, "in");
  }
}
