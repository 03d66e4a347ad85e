package dev.rtprofile.json;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.store.IngestProblem;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.IngestStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Counts the outcome of every line or row of a streamed input and keeps the problem lines, up to a
 * limit; the listener sees every one. Not thread-safe: one per ingest.
 */
final class ReportBuilder {
  private final int maxReported;
  private final @Nullable Consumer<LineOutcome> listener;
  private final List<LineOutcome> problems = new ArrayList<>();
  private long lines;
  private long blank;
  private long accepted;
  private long trimmed;
  private long ignored;
  private long rejected;
  private long unreported;

  ReportBuilder(int maxReported, @Nullable Consumer<LineOutcome> listener) {
    this.maxReported = maxReported;
    this.listener = listener;
  }

  /** Counts a blank line. */
  void blank() {
    lines++;
    blank++;
  }

  /** Counts a line that could not be read. */
  void reject(long line, InputProblem problem, String detail) {
    lines++;
    rejected++;
    report(new LineOutcome(line, IngestStatus.REJECTED, problem, List.of(), detail));
  }

  /** Reads and ingests a line; an {@link InvalidJsonException} counts as a rejection. */
  void ingest(long line, Supplier<IngestResult> ingest) {
    IngestResult result;
    try {
      result = ingest.get();
    } catch (InvalidJsonException e) {
      reject(line, e.problem(), e.getMessage());
      return;
    }
    lines++;
    switch (result.status()) {
      case ACCEPTED -> accepted++;
      case TRIMMED -> trimmed++;
      case IGNORED -> ignored++;
      case REJECTED -> rejected++;
    }
    if (result.status() != IngestStatus.ACCEPTED) {
      report(new LineOutcome(line, result.status(), null, problems(result), detail(result)));
    }
  }

  IngestReport report() {
    return new IngestReport(
        lines, blank, accepted, trimmed, ignored, rejected, problems, unreported);
  }

  /**
   * The result's problems and those of its dropped identities: a record whose only identity was
   * blocked is rejected for having no primary identity, and the block is the reason behind it.
   */
  private static List<IngestProblem> problems(IngestResult result) {
    List<IngestProblem> out = new ArrayList<>(result.problems());
    for (DroppedIdentity d : result.dropped()) {
      IngestProblem p =
          switch (d.problem()) {
            case BLOCKED -> IngestProblem.BLOCKED_IDENTITY;
            case ERASED -> IngestProblem.ERASED_IDENTITY;
            default -> IngestProblem.INVALID_IDENTITY;
          };
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The result's detail and, per dropped identity, its namespace and reason (never its value). */
  private static String detail(IngestResult result) {
    if (result.dropped().isEmpty()) {
      return result.detail();
    }
    StringBuilder sb = new StringBuilder(result.detail());
    for (DroppedIdentity d : result.dropped()) {
      sb.append(sb.length() == 0 ? "" : "; ")
          .append("dropped ")
          .append(d.identity().namespace())
          .append(": ")
          .append(d.problem())
          .append(" (")
          .append(d.detail())
          .append(')');
    }
    return sb.toString();
  }

  private void report(LineOutcome outcome) {
    if (problems.size() < maxReported) {
      problems.add(outcome);
    } else {
      unreported++;
    }
    if (listener != null) {
      listener.accept(outcome);
    }
  }
}
