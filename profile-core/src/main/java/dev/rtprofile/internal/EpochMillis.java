package dev.rtprofile.internal;

import java.time.Instant;

/**
 * Instants given by a caller as epoch milliseconds, the store's unit of time: within about 292
 * million years of 1970, {@link #MIN} to {@link #MAX}. Outside that range is an argument error that
 * names the argument, never an {@link ArithmeticException}.
 */
public final class EpochMillis {
  /** The earliest instant a long of epoch milliseconds holds. */
  public static final Instant MIN = Instant.ofEpochMilli(Long.MIN_VALUE);

  /** The latest instant a long of epoch milliseconds holds, to the millisecond. */
  public static final Instant MAX = Instant.ofEpochMilli(Long.MAX_VALUE);

  private EpochMillis() {}

  /**
   * Returns {@code instant} in epoch milliseconds (sub-millisecond digits truncated).
   *
   * @param what the start of the error message, naming the argument, such as {@code "timestamp"}
   * @throws IllegalArgumentException if the instant is outside {@link #MIN} to {@link #MAX}
   */
  public static long of(Instant instant, String what) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          what + " must be between " + MIN + " and " + MAX + ", but was " + instant, e);
    }
  }
}
