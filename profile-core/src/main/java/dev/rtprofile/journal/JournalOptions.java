package dev.rtprofile.journal;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Journal} is opened: its durability, segment size, entry size limit, file system and
 * whether it may write. Immutable; the {@code withX} methods return changed copies.
 *
 * @param mode when {@link Journal#awaitDurable} returns; default {@link SyncMode#EVERY_WRITE}
 * @param interval how often {@link SyncMode#INTERVAL} forces; default 1 s; must be positive
 * @param segmentBytes the size at which the journal starts a new segment file: an entry goes into a
 *     new segment if it would take the current one (holding at least one entry) past this size;
 *     default 64 MiB; at least {@value #MIN_SEGMENT_BYTES}
 * @param maxEntryBytes the largest payload {@link Journal#append} accepts; default 256 MiB; from 1
 *     to {@value #MAX_ENTRY_BYTES}. Recovery does not use it, so lowering it never drops entries
 *     already written
 * @param files all file I/O; default {@link FileOps#DEFAULT}
 * @param readOnly open without changing anything on the disk (no repair, no appends); default
 *     {@code false}
 */
public record JournalOptions(
    SyncMode mode,
    Duration interval,
    long segmentBytes,
    int maxEntryBytes,
    FileOps files,
    boolean readOnly) {

  /** The smallest {@link #segmentBytes}: a header and one small entry. */
  public static final long MIN_SEGMENT_BYTES = 64;

  /** The largest {@link #maxEntryBytes}: what one Java array holds, less the entry framing. */
  public static final int MAX_ENTRY_BYTES = Integer.MAX_VALUE - 64;

  /**
   * Checks the options.
   *
   * @throws NullPointerException naming a null component
   * @throws IllegalArgumentException naming a component out of range and its value
   */
  public JournalOptions {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(files, "files");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, but was " + interval);
    }
    if (segmentBytes < MIN_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segmentBytes must be at least " + MIN_SEGMENT_BYTES + ", but was " + segmentBytes);
    }
    if (maxEntryBytes < 1 || maxEntryBytes > MAX_ENTRY_BYTES) {
      throw new IllegalArgumentException(
          "maxEntryBytes must be between 1 and " + MAX_ENTRY_BYTES + ", but was " + maxEntryBytes);
    }
  }

  /**
   * Returns the defaults: {@link SyncMode#EVERY_WRITE}, 1 s, 64 MiB segments, 256 MiB entries,
   * {@link FileOps#DEFAULT}, writable.
   */
  public static JournalOptions defaults() {
    return new JournalOptions(
        SyncMode.EVERY_WRITE, Duration.ofSeconds(1), 64L << 20, 256 << 20, FileOps.DEFAULT, false);
  }

  /** Returns a copy with {@link #mode()} changed. */
  public JournalOptions withMode(SyncMode mode) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }

  /** Returns a copy with {@link #interval()} changed. */
  public JournalOptions withInterval(Duration interval) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }

  /** Returns a copy with {@link #segmentBytes()} changed. */
  public JournalOptions withSegmentBytes(long segmentBytes) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }

  /** Returns a copy with {@link #maxEntryBytes()} changed. */
  public JournalOptions withMaxEntryBytes(int maxEntryBytes) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }

  /** Returns a copy with {@link #files()} changed. */
  public JournalOptions withFiles(FileOps files) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }

  /** Returns a copy with {@link #readOnly()} changed. */
  public JournalOptions withReadOnly(boolean readOnly) {
    return new JournalOptions(mode, interval, segmentBytes, maxEntryBytes, files, readOnly);
  }
}
