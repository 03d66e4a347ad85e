package dev.rtprofile.json;

import dev.rtprofile.store.IngestProblem;
import dev.rtprofile.store.IngestStatus;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one NDJSON line that was not simply accepted: it could not be read, or the store
 * trimmed, ignored or rejected it.
 *
 * @param line the 1-based line number
 * @param status {@link IngestStatus#REJECTED} for a line that could not be read, else what the
 *     store did with it
 * @param inputProblem why the line could not be read, or null if it was read and handed to the
 *     store
 * @param storeProblems the store's reasons, empty for a line that could not be read
 * @param detail a human-readable explanation without identity values
 */
public record LineOutcome(
    long line,
    IngestStatus status,
    @Nullable InputProblem inputProblem,
    List<IngestProblem> storeProblems,
    String detail) {

  /** Validates and copies. */
  public LineOutcome {
    if (line < 1) {
      throw new IllegalArgumentException("line must be at least 1, but was " + line);
    }
    Objects.requireNonNull(status, "status");
    storeProblems = List.copyOf(storeProblems);
    Objects.requireNonNull(detail, "detail");
    if (inputProblem != null && status != IngestStatus.REJECTED) {
      throw new IllegalArgumentException(
          "status must be REJECTED for a line with an input problem, but was " + status);
    }
  }

  /** The reason as one token: the input problem, or the store's problems joined by {@code +}. */
  public String reason() {
    if (inputProblem != null) {
      return inputProblem.name();
    }
    return storeProblems.stream().map(Enum::name).collect(Collectors.joining("+"));
  }
}
