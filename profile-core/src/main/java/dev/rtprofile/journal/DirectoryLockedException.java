package dev.rtprofile.journal;

import java.io.IOException;

/**
 * Thrown by {@link DirectoryLock#acquire} when another process, or this one, already has the
 * directory open for writing. The message names the holder (its process id and since when) and says
 * that read-only opening is possible.
 */
public final class DirectoryLockedException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with its full message. */
  public DirectoryLockedException(String message) {
    super(message);
  }
}
