package dev.rtprofile.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What opening a durable store found in its directory and did about it ({@link
 * ProfileStore#recovery()}): where it started from, what it replayed, whether it re-derived the
 * state under changed settings, and any damage it stopped at. Names files and settings, never data.
 *
 * @param directory the storage directory
 * @param snapshotSeq the journal position of the snapshot the state was loaded from; -1 if none
 * @param commandsReplayed the journal entries replayed after it
 * @param changedSettings the settings that differ from those the directory was last written under
 *     (its state was re-derived under the new ones); empty if none
 * @param journalDamage where and why the journal's recovery stopped short of its end (a torn tail
 *     after a crash is normal); empty if it read to the end
 * @param skippedSnapshots the snapshot files that were skipped, each with why
 * @param purgeFinished whether opening finished an erasure's purge a crash had interrupted
 */
public record RecoveryReport(
    Path directory,
    long snapshotSeq,
    long commandsReplayed,
    List<String> changedSettings,
    Optional<String> journalDamage,
    List<String> skippedSnapshots,
    boolean purgeFinished) {

  /** Copies the lists. */
  public RecoveryReport {
    Objects.requireNonNull(directory, "directory");
    changedSettings = List.copyOf(changedSettings);
    Objects.requireNonNull(journalDamage, "journalDamage");
    skippedSnapshots = List.copyOf(skippedSnapshots);
  }

  /** Whether the state was re-derived from the journal under changed settings. */
  public boolean rederived() {
    return !changedSettings.isEmpty();
  }
}
