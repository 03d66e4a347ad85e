package dev.rtprofile.cli;

/** The exit codes of {@code rtprofile}. */
final class ExitCode {
  /** The command did what was asked. */
  static final int OK = 0;

  /** Under {@code --strict}, the store rejected some input lines. */
  static final int DATA_REJECTED = 1;

  /**
   * Bad usage or environment: an unknown command or option, a missing file, a malformed argument, a
   * store directory that is locked, unwritable, missing or damaged.
   */
  static final int USAGE = 2;

  /** An unexpected failure inside rtprofile: a bug; the stack trace goes to stderr. */
  static final int INTERNAL = 3;

  private ExitCode() {}
}
