package dev.rtprofile.journal;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SnapshotFiles#newestValid} found: the newest snapshot that verified, and the newer
 * ones it skipped because they did not.
 *
 * @param newest the newest valid snapshot, or {@code null} if none verified (or none exists)
 * @param skipped the snapshot files newer than {@code newest} that failed, newest first
 */
public record SnapshotSearch(@Nullable Snapshot newest, List<Skipped> skipped) {
  /** Copies the list. */
  public SnapshotSearch {
    skipped = List.copyOf(skipped);
  }

  /**
   * A snapshot file that failed to verify.
   *
   * @param file the file's name (not its path)
   * @param reason what failed, such as {@code "checksum mismatch"}; never any of the data
   */
  public record Skipped(String file, String reason) {
    /** Checks the fields. */
    public Skipped {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
