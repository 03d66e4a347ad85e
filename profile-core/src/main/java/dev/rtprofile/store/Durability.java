package dev.rtprofile.store;

import java.time.Duration;
import java.util.Objects;

/**
 * When a durable store's write is acknowledged (returns), relative to the disk: the loss window of
 * each policy on a process crash and on a power failure. Every policy survives a process crash
 * ({@code kill -9}): a write returns only after its journal entry was handed to the operating
 * system. They differ on a power failure or an operating-system crash.
 *
 * <ul>
 *   <li>{@link #everyWrite()} (the default): a write returns after its entry was forced to the disk
 *       ({@code fsync}); writes that wait at once share one force (group commit), and a {@link
 *       ProfileStore#batch batch} forces once. Loses nothing acknowledged.
 *   <li>{@link #interval(Duration)}: a write returns after its entry was handed to the OS; a
 *       background thread forces every interval. Loses at most the last interval's writes on a
 *       power failure.
 *   <li>{@link #operatingSystem()}: forced only when a segment is rolled, a snapshot is written and
 *       on close; the OS writes back in its own time (typically within 30 s on Linux). Loses what
 *       the OS had not written back on a power failure.
 * </ul>
 *
 * <p>A write's effect is visible to lookups as soon as it is applied, before it is acknowledged; on
 * a power failure a change a reader saw may be lost under the policies that allow loss.
 */
public final class Durability {
  /** How the journal forces; the store's side of {@code dev.rtprofile.journal.SyncMode}. */
  enum Mode {
    EVERY_WRITE,
    INTERVAL,
    OPERATING_SYSTEM
  }

  private static final Durability EVERY_WRITE = new Durability(Mode.EVERY_WRITE, Duration.ZERO);
  private static final Durability OPERATING_SYSTEM =
      new Durability(Mode.OPERATING_SYSTEM, Duration.ZERO);

  final Mode mode;
  final Duration interval;

  private Durability(Mode mode, Duration interval) {
    this.mode = mode;
    this.interval = interval;
  }

  /** Every acknowledged write is on the disk: forced, with group commit. The default. */
  public static Durability everyWrite() {
    return EVERY_WRITE;
  }

  /**
   * Writes are acknowledged once the OS has them and forced every {@code interval}.
   *
   * @throws IllegalArgumentException if the interval is not between 1 ms and 1 hour
   */
  public static Durability interval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1 || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "interval must be between 1 ms and 1 hour, but was " + interval);
    }
    return new Durability(Mode.INTERVAL, interval);
  }

  /** Writes are acknowledged once the OS has them; the OS writes them back in its own time. */
  public static Durability operatingSystem() {
    return OPERATING_SYSTEM;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Durability d && d.mode == mode && d.interval.equals(interval);
  }

  @Override
  public int hashCode() {
    return mode.hashCode() * 31 + interval.hashCode();
  }

  @Override
  public String toString() {
    return switch (mode) {
      case EVERY_WRITE -> "everyWrite";
      case INTERVAL -> "interval(" + interval + ")";
      case OPERATING_SYSTEM -> "operatingSystem";
    };
  }
}
