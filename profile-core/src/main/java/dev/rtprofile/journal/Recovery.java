package dev.rtprofile.journal;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Journal#open} found: the entries it holds and the damage it stopped at, if any.
 *
 * @param entries how many valid entries the journal holds ({@code lastSeq - firstSeq + 1})
 * @param firstSeq the sequence number of the first entry held
 * @param lastSeq the sequence number of the last entry held ({@code firstSeq - 1} if none)
 * @param damage where recovery stopped before the end of the files, or {@code null} if every file
 *     was whole
 */
public record Recovery(long entries, long firstSeq, long lastSeq, @Nullable Damage damage) {
  /** Checks that the counts agree. */
  public Recovery {
    if (firstSeq < 1 || entries < 0 || lastSeq != firstSeq + entries - 1) {
      throw new IllegalArgumentException(
          "entries must equal lastSeq - firstSeq + 1 with firstSeq at least 1, but were "
              + entries
              + ", "
              + firstSeq
              + ", "
              + lastSeq);
    }
  }
}
