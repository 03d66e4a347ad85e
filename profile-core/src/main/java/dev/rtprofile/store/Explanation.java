package dev.rtprofile.store;

import dev.rtprofile.merge.Candidate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a merged attribute has its value: the rule that decided, the winning candidate and every
 * candidate value the fragments held, in the policy's order.
 *
 * @param path the leaf attribute path
 * @param value the merged value
 * @param rule what decided: {@code timestampOrdered}, {@code dataSetPrecedence}, {@code
 *     arrays:UNION} or {@code override:<strategy>}
 * @param winner the candidate whose value won, or null when a strategy computed a new value
 * @param candidates every fragment's value for the path, in the policy's order, the default winner
 *     first
 */
public record Explanation(
    String path,
    Object value,
    String rule,
    @Nullable Candidate winner,
    List<Candidate> candidates) {

  /** Validates and copies. */
  public Explanation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(rule, "rule");
    candidates = List.copyOf(candidates);
  }

  /** The candidates that did not win. */
  public List<Candidate> losers() {
    return candidates.stream().filter(c -> c != winner).toList();
  }
}
