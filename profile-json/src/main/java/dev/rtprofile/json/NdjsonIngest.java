package dev.rtprofile.json;

import dev.rtprofile.store.IngestResult;
import java.io.IOException;
import java.io.InputStream;

/**
 * Streams NDJSON into a store line by line: each line is checked for length, read on its own and
 * handed to the store, and its outcome counted; a bad line never stops the batch. Memory is bounded
 * by one chunk, one line and the reported problems.
 */
final class NdjsonIngest {
  /** Reads one line's bytes and ingests what they hold; data problems are thrown as such. */
  @FunctionalInterface
  interface LineSink {
    IngestResult ingest(byte[] bytes, int offset, int length);
  }

  private NdjsonIngest() {}

  static IngestReport run(
      InputStream in, int maxLine, String kind, ReportBuilder report, LineSink sink)
      throws IOException {
    LineReader reader = new LineReader(in, maxLine);
    while (reader.next()) {
      long number = reader.number();
      if (reader.tooLong()) {
        report.reject(
            number,
            InputProblem.TOO_LARGE,
            "the line is "
                + reader.rawLength()
                + " bytes, over the "
                + kind
                + " limit of "
                + maxLine
                + " bytes");
      } else if (reader.blank()) {
        report.blank();
      } else {
        report.ingest(number, () -> sink.ingest(reader.bytes(), reader.offset(), reader.length()));
      }
    }
    return report.report();
  }
}
