package dev.rtprofile.cli;

import java.nio.file.Path;

/**
 * What an ingest into a durable store left on the disk, reported once the store is closed (so that
 * every policy has forced the journal).
 *
 * @param directory the store's directory
 * @param durability the {@code --durability} policy the writes were acknowledged under
 * @param durableLines the input lines whose effect is in the journal, forced to the disk: every
 *     line read but the blank and rejected ones
 * @param configWritten whether {@code DIR/config.json} was written (it was missing or had changed)
 */
record StorageReport(Path directory, String durability, long durableLines, boolean configWritten) {
  /** The report of a closed session's store. */
  static StorageReport of(Session session, DurabilityOption durability) {
    Path dir = session.directory();
    if (dir == null) {
      throw new IllegalStateException("the session has no store directory");
    }
    return new StorageReport(
        dir, durability.text(), session.journalledLines(), session.configWritten());
  }

  /** One line for the human formats. */
  String line() {
    return "store "
        + directory
        + ": "
        + Text.count(durableLines)
        + (durableLines == 1 ? " line" : " lines")
        + " durable (--durability "
        + durability
        + ")"
        + (configWritten ? "; its " + StoreDirectory.CONFIG_FILE + " updated" : "");
  }
}
