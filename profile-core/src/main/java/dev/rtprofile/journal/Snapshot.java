package dev.rtprofile.journal;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A snapshot file whose header and checksum verified, as {@link SnapshotFiles#newestValid} found
 * it.
 *
 * @param path the file, {@code snapshot-<seq, 20 digits>.snap}
 * @param seq the journal position it holds the state after: replay from {@code seq + 1}
 * @param bodyBytes the length of its body
 */
public record Snapshot(Path path, long seq, long bodyBytes) {
  /** Checks the fields. */
  public Snapshot {
    Objects.requireNonNull(path, "path");
    if (seq < 0 || bodyBytes < 0) {
      throw new IllegalArgumentException(
          "seq and bodyBytes must not be negative, but were " + seq + ", " + bodyBytes);
    }
  }
}
