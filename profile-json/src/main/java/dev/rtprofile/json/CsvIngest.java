package dev.rtprofile.json;

import dev.rtprofile.store.IngestResult;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Streams CSV rows (the first line the header) through jackson-dataformat-csv: each row becomes a
 * flat JSON object of its columns, which a {@link FieldMapping} turns into a record or event. A row
 * with more cells than the header, or over the size limit, is rejected and the next row read. A
 * quoted field may span lines (RFC 4180); a stray quote, one whose field is never closed or closes
 * before text, is kept to its line by {@link CsvQuoteGuard}: that line is rejected and reading
 * resumes at the next one.
 */
final class CsvIngest {
  /** Turns one row into what the store ingests; data problems are thrown as such. */
  @FunctionalInterface
  interface RowSink {
    IngestResult ingest(ObjectNode row);
  }

  private static final int MAX_ERRORS_IN_ROW = 16;

  private final CsvMapper mapper;
  private final int maxRowChars;
  private final String kind;
  private final ReportBuilder counter;

  CsvIngest(CsvMapper mapper, int maxRowChars, String kind, ReportBuilder counter) {
    this.mapper = mapper;
    this.maxRowChars = maxRowChars;
    this.kind = kind;
    this.counter = counter;
  }

  IngestReport run(InputStream in, RowSink sink) {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    CsvQuoteGuard guard = new CsvQuoteGuard(in, maxRowChars);
    Utf8Repair repaired = new Utf8Repair(guard);
    try (JsonParser p = mapper.reader().with(schema).createParser(repaired)) {
      while (true) {
        JsonToken token;
        try {
          token = p.nextToken();
        } catch (JacksonException e) {
          return fail(guard, line(p, e), e);
        }
        if (token == null) {
          return report(guard);
        }
        if (token != JsonToken.START_OBJECT) {
          continue;
        }
        long line = p.currentLocation().getLineNr();
        rejectedBefore(guard, line);
        if (!readRow(p, line, repaired, sink)) {
          return report(guard);
        }
      }
    } catch (JacksonException e) {
      // Closing the parser or reading the header failed: nothing more can be read.
      return fail(guard, line(null, e), e);
    }
  }

  /** Counts the lines the guard took out before {@code line}, in line order with the rows. */
  private void rejectedBefore(CsvQuoteGuard guard, long line) {
    for (CsvQuoteGuard.Rejected r = guard.pollBefore(line); r != null; r = guard.pollBefore(line)) {
      counter.reject(r.line(), r.problem(), r.detail());
    }
  }

  /**
   * Ends the input at a parser error; none is reported if the guard already rejected the header.
   */
  private IngestReport fail(CsvQuoteGuard guard, long line, JacksonException e) {
    if (!guard.headerRejected()) {
      rejectedBefore(guard, line);
      counter.reject(line, problem(e), XdmReader.detail(e.getOriginalMessage()));
    }
    return report(guard);
  }

  private IngestReport report(CsvQuoteGuard guard) {
    rejectedBefore(guard, Long.MAX_VALUE);
    return counter.report();
  }

  /** Reads and ingests one row; returns false if the input cannot be read any further. */
  private boolean readRow(JsonParser p, long line, Utf8Repair repaired, RowSink sink) {
    ObjectNode row = JsonNodeFactory.instance.objectNode();
    InvalidJsonException problem = null;
    long chars = 0;
    int errors = 0;
    while (true) {
      JsonToken token;
      try {
        token = p.nextToken();
      } catch (JacksonException e) {
        if (problem == null) {
          problem = new InvalidJsonException(problem(e), XdmReader.detail(e.getOriginalMessage()));
        }
        if (++errors > MAX_ERRORS_IN_ROW) {
          counter.reject(line, problem.problem(), problem.getMessage());
          return false;
        }
        continue;
      }
      if (token == null || token == JsonToken.END_OBJECT) {
        break;
      }
      if (token == JsonToken.VALUE_STRING) {
        String value = p.getString();
        chars += value.length() + p.currentName().length() + 4;
        if (chars > maxRowChars && problem == null) {
          problem =
              new InvalidJsonException(
                  InputProblem.TOO_LARGE,
                  "the row is over the " + kind + " limit of " + maxRowChars + " characters");
        }
        if (problem == null) {
          row.put(p.currentName(), value);
        }
      }
    }
    // The row ends where the next one starts; END_OBJECT is read at the start of the next line.
    long last = Math.max(line, p.currentLocation().getLineNr() - 1);
    if (problem == null && repaired.invalidBetween(line, last)) {
      problem =
          new InvalidJsonException(
              InputProblem.INVALID_UTF8,
              "the row is not valid UTF-8"
                  + (last == line ? "" : " (lines " + line + "-" + last + ")"));
    }
    repaired.release(line);
    if (problem != null) {
      counter.reject(line, problem.problem(), problem.getMessage());
    } else {
      counter.ingest(line, () -> sink.ingest(row));
    }
    return true;
  }

  private static InputProblem problem(JacksonException e) {
    if (e instanceof StreamConstraintsException) {
      return InputProblem.LIMIT_EXCEEDED;
    }
    String message = String.valueOf(e.getOriginalMessage());
    return message.contains("UTF-8") || message.contains("Invalid UTF")
        ? InputProblem.INVALID_UTF8
        : InputProblem.MALFORMED_CSV;
  }

  private static long line(@Nullable JsonParser p, JacksonException e) {
    long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
    if (line < 1 && p != null) {
      line = p.currentLocation().getLineNr();
    }
    return Math.max(line, 1);
  }
}
