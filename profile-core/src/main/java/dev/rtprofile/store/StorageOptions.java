package dev.rtprofile.store;

import dev.rtprofile.journal.FileOps;
import dev.rtprofile.journal.SyncMode;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a durable store uses its directory, as the builder set it.
 *
 * @param durability when writes are acknowledged
 * @param readOnly open for reading only: no lock, no writes, nothing changed on disk
 * @param snapshotBytes journal bytes after which a snapshot is written in the background
 * @param snapshotInterval how often a snapshot is written when something changed; null for never
 * @param segmentBytes the size at which the journal starts a new segment
 * @param compactJournal whether a snapshot deletes the journal segments the older kept one covers
 * @param files the file operations (tests inject failures and power loss through them)
 */
record StorageOptions(
    Durability durability,
    boolean readOnly,
    long snapshotBytes,
    @Nullable Duration snapshotInterval,
    long segmentBytes,
    boolean compactJournal,
    FileOps files) {

  static final long DEFAULT_SNAPSHOT_BYTES = 256L << 20;
  static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  SyncMode syncMode() {
    return switch (durability.mode) {
      case EVERY_WRITE -> SyncMode.EVERY_WRITE;
      case INTERVAL -> SyncMode.INTERVAL;
      case OPERATING_SYSTEM -> SyncMode.OS;
    };
  }
}
