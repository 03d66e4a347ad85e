package dev.rtprofile.cli;

/** Under {@code --strict}, the store rejected input lines; the exit code is 1. */
final class DataRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DataRejectedException(String message) {
    super(message);
  }
}
