package dev.rtprofile.journal;

import java.io.IOException;

/**
 * Thrown by every {@link Journal} call that needs the disk once a write or a force of the journal
 * has failed. A failed force is never retried: after one, the operating system may have dropped the
 * dirty pages it could not write (PostgreSQL's fsync lesson), so nothing written since the last
 * good force can be trusted to reach the disk. The journal stays failed; only reopening it (which
 * recovers what is on the disk) makes it usable again.
 *
 * <p>The cause is the original failure; the message names the step and the file, never data.
 */
public final class JournalFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a failure while doing {@code step}.
   *
   * @param step what the journal was doing, such as {@code "forcing journal-…01.log"}
   * @param cause the original failure
   */
  public JournalFailedException(String step, Throwable cause) {
    super(
        "the journal failed "
            + step
            + ": "
            + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName())
            + "; the store must be reopened",
        cause);
  }

  private JournalFailedException(String message, Throwable cause, boolean copy) {
    super(message, cause);
  }

  /** Returns a new exception with this one's message and cause, thrown at the caller's stack. */
  JournalFailedException rethrown() {
    return new JournalFailedException(getMessage(), getCause(), true);
  }
}
