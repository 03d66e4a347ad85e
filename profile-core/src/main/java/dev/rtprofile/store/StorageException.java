package dev.rtprofile.store;

/**
 * A durable store could not do what its storage directory needs: open it (locked by another
 * process, unreadable, written under settings it cannot re-derive), or write to it (a failed write
 * or force, a full disk). After a failed write or force the store is <em>failed</em>: it stays
 * readable, every later write throws this, and the directory must be reopened; what was
 * acknowledged before the failure is in the journal. Messages name files and settings, never data.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** With a message saying what failed and what to do. */
  public StorageException(String message) {
    super(message);
  }

  /** With a message and the I/O error behind it. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
