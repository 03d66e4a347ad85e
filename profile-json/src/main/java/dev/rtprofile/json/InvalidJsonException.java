package dev.rtprofile.json;

import java.util.Objects;

/**
 * Thrown when one JSON document handed to {@link ProfileJson} cannot be read; streamed NDJSON
 * reports the same problems per line instead of throwing. The message names the problem and where
 * it is, never an identity value.
 */
public final class InvalidJsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final InputProblem problem;

  /**
   * Creates the exception.
   *
   * @param problem the machine-readable reason
   * @param message a human-readable explanation without identity values
   */
  public InvalidJsonException(InputProblem problem, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The machine-readable reason. */
  public InputProblem problem() {
    return problem;
  }
}
