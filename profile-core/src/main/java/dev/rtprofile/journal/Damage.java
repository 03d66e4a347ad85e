package dev.rtprofile.journal;

import java.util.Objects;

/**
 * Where {@link Journal#open} found the journal damaged, and what it dropped because of it. Recovery
 * keeps every entry before this point and nothing after it.
 *
 * @param segmentFile the name (not the path) of the segment file holding the damage
 * @param offset the byte offset in that file of the first entry (or header) that failed
 * @param reason what failed, such as {@code "checksum mismatch"} or {@code "short entry"}; never
 *     any of the data
 * @param bytesDropped the bytes of that file from {@code offset} on plus the sizes of all later
 *     segment files; dropped from the disk by a writer, ignored by a read-only journal
 */
public record Damage(String segmentFile, long offset, String reason, long bytesDropped) {
  /** Checks the fields. */
  public Damage {
    Objects.requireNonNull(segmentFile, "segmentFile");
    Objects.requireNonNull(reason, "reason");
    if (offset < 0 || bytesDropped < 0) {
      throw new IllegalArgumentException(
          "offset and bytesDropped must not be negative, but were " + offset + ", " + bytesDropped);
    }
  }
}
