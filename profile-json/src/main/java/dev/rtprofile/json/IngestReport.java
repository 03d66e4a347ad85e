package dev.rtprofile.json;

import java.util.List;

/**
 * The outcome of streaming an NDJSON input into a store: counts per outcome and, for every line
 * that was not simply accepted, its number and reason (up to {@link
 * ProfileJson.Builder#maxReportedProblems}; {@code unreported} counts the rest).
 *
 * <p>Every line is counted exactly once: {@code lines == blank + accepted + trimmed + ignored +
 * rejected}.
 *
 * @param lines the lines read, blank ones included
 * @param blank empty or whitespace-only lines, skipped
 * @param accepted lines stored as sent
 * @param trimmed lines stored with some identities dropped
 * @param ignored lines the store ignored (a stale record or a duplicate event)
 * @param rejected lines not stored: unreadable, or rejected by the store
 * @param problems the trimmed, ignored and rejected lines, in line order
 * @param unreported how many such lines are not in {@code problems} because of the limit
 */
public record IngestReport(
    long lines,
    long blank,
    long accepted,
    long trimmed,
    long ignored,
    long rejected,
    List<LineOutcome> problems,
    long unreported) {

  /** Validates the counts and copies the list. */
  public IngestReport {
    if (blank < 0 || accepted < 0 || trimmed < 0 || ignored < 0 || rejected < 0 || unreported < 0) {
      throw new IllegalArgumentException(
          "counts must not be negative, but were blank="
              + blank
              + ", accepted="
              + accepted
              + ", trimmed="
              + trimmed
              + ", ignored="
              + ignored
              + ", rejected="
              + rejected
              + ", unreported="
              + unreported);
    }
    if (lines != blank + accepted + trimmed + ignored + rejected) {
      throw new IllegalArgumentException(
          "lines must be the sum of the outcome counts, but was " + lines);
    }
    problems = List.copyOf(problems);
  }

  /** The lines that were stored, accepted or trimmed. */
  public long stored() {
    return accepted + trimmed;
  }
}
