package dev.rtprofile.cli;

import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.LineOutcome;
import dev.rtprofile.store.StoreStatistics;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Ingest reports as JSON, a table or text; shared by {@code ingest} and {@code demo}. */
final class IngestReports {
  private IngestReports() {}

  /** The per-dataset reports, their totals and the store's counts, without timings. */
  static ObjectNode json(List<DatasetReport> reports, StoreStatistics stats) {
    return json(reports, stats, null);
  }

  /**
   * The per-dataset reports, their totals, the store's counts and, for a durable store, {@code
   * "storage": {"directory", "durability", "durableLines", "configWritten"}}.
   */
  static ObjectNode json(
      List<DatasetReport> reports, StoreStatistics stats, @Nullable StorageReport storage) {
    ObjectNode root = CliJson.object();
    ArrayNode datasets = root.putArray("datasets");
    long[] totals = new long[5];
    for (DatasetReport r : reports) {
      IngestReport report = r.report();
      ObjectNode d = datasets.addObject();
      d.put("dataset", r.input().dataset());
      d.put("input", r.input().label());
      d.put("kind", r.input().kind());
      d.put("syntax", r.input().syntax().name().toLowerCase(Locale.ROOT));
      if (r.input().mappingName() != null) {
        d.put("mapping", r.input().mappingName());
      }
      counts(d, report.lines(), report.accepted(), report.trimmed(), report.ignored());
      d.put("rejected", report.rejected());
      d.put("blank", report.blank());
      ArrayNode problems = d.putArray("problems");
      for (LineOutcome line : report.problems()) {
        ObjectNode p = problems.addObject();
        p.put("line", line.line());
        p.put("status", line.status().name());
        p.put("reason", line.reason());
        p.put("detail", line.detail());
      }
      d.put("unreported", report.unreported());
      totals[0] += report.lines();
      totals[1] += report.accepted();
      totals[2] += report.trimmed();
      totals[3] += report.ignored();
      totals[4] += report.rejected();
    }
    ObjectNode total = root.putObject("totals");
    counts(total, totals[0], totals[1], totals[2], totals[3]);
    total.put("rejected", totals[4]);
    ObjectNode store = root.putObject("store");
    store.put("profiles", stats.profiles());
    store.put("identities", stats.graph().identities());
    store.put("fragments", stats.fragments());
    store.put("events", stats.events());
    if (storage != null) {
      ObjectNode node = root.putObject("storage");
      node.put("directory", storage.directory().toString());
      node.put("durability", storage.durability());
      node.put("durableLines", storage.durableLines());
      node.put("configWritten", storage.configWritten());
    }
    return root;
  }

  private static void counts(
      ObjectNode node, long lines, long accepted, long trimmed, long ignored) {
    node.put("lines", lines);
    node.put("accepted", accepted);
    node.put("trimmed", trimmed);
    node.put("ignored", ignored);
  }

  /** One row per dataset with counts and time, then the totals. */
  static void table(PrintStream out, List<DatasetReport> reports, String indent) {
    Table table =
        new Table(
            "dataset",
            "input",
            "kind",
            "lines",
            "accepted",
            "trimmed",
            "ignored",
            "rejected",
            "time");
    long lines = 0;
    long accepted = 0;
    long trimmed = 0;
    long ignored = 0;
    long rejected = 0;
    long nanos = 0;
    for (DatasetReport r : reports) {
      IngestReport report = r.report();
      table.row(
          r.input().dataset(),
          r.input().label(),
          r.input().kind(),
          Text.count(report.lines()),
          Text.count(report.accepted()),
          Text.count(report.trimmed()),
          Text.count(report.ignored()),
          Text.count(report.rejected()),
          Text.seconds(r.nanos()));
      lines += report.lines();
      accepted += report.accepted();
      trimmed += report.trimmed();
      ignored += report.ignored();
      rejected += report.rejected();
      nanos += r.nanos();
    }
    if (reports.size() > 1) {
      table.row(
          "total",
          "",
          "",
          Text.count(lines),
          Text.count(accepted),
          Text.count(trimmed),
          Text.count(ignored),
          Text.count(rejected),
          Text.seconds(nanos));
    }
    table.print(out, indent);
  }

  /** The table, then the first {@code shown} problem lines of each dataset. */
  static void text(PrintStream out, List<DatasetReport> reports, String indent, int shown) {
    table(out, reports, indent);
    for (DatasetReport r : reports) {
      List<LineOutcome> problems = r.report().problems();
      long notShown = r.report().unreported() + Math.max(0, problems.size() - shown);
      for (LineOutcome line : problems.subList(0, Math.min(shown, problems.size()))) {
        out.println(
            indent
                + r.input().label()
                + " line "
                + line.line()
                + ": "
                + line.status()
                + " "
                + line.reason()
                + " | "
                + line.detail());
      }
      if (notShown > 0) {
        out.println(
            indent
                + r.input().label()
                + ": "
                + Text.count(notShown)
                + " more problem lines (--format json lists them)");
      }
    }
  }
}
