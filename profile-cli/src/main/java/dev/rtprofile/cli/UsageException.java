package dev.rtprofile.cli;

/**
 * Bad usage found while a command runs: a missing or unreadable file, a malformed argument, an
 * unknown policy or namespace. The message names the option or argument; the exit code is 2.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }

  UsageException(String message, Throwable cause) {
    super(message, cause);
  }
}
