package dev.rtprofile.cli;

import dev.rtprofile.json.FieldMapping;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * One input of a store: a dataset name, where its bytes come from, what its lines are (records or
 * events) and how they are read (XDM NDJSON, or CSV or plain NDJSON through a mapping).
 *
 * @param dataset the dataset the lines belong to
 * @param label what to call the input in reports and on the progress bar: its path
 * @param size its length in bytes, 0 if unknown
 * @param source opens the bytes
 * @param events whether the lines are experience events rather than records
 * @param syntax how the lines are read
 * @param mapping the mapping for CSV and plain NDJSON, null for XDM
 * @param mappingName the mapping's name in the configuration, null for XDM
 */
record DataInput(
    String dataset,
    String label,
    long size,
    Source source,
    boolean events,
    Syntax syntax,
    @Nullable FieldMapping mapping,
    @Nullable String mappingName) {

  /** How the lines are read. */
  enum Syntax {
    /** NDJSON in XDM shape. */
    XDM,
    /** NDJSON of arbitrary objects through a mapping. */
    JSON,
    /** CSV with a header line through a mapping. */
    CSV
  }

  /** Opens an input's bytes. */
  @FunctionalInterface
  interface Source {
    /** Opens the bytes from the start. */
    InputStream open() throws IOException;
  }

  /** {@code records} or {@code events}. */
  String kind() {
    return events ? "events" : "records";
  }
}
