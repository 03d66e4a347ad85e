package dev.rtprofile.cli;

/** Turns the library's argument checks into bad-usage errors that name the option. */
final class Args {
  private Args() {}

  /**
   * Runs a library call that validates a command-line value.
   *
   * @throws UsageException naming {@code option} if the call rejects the value
   */
  static void check(String option, Runnable call) {
    try {
      call.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(option + ": " + e.getMessage(), e);
    }
  }
}
