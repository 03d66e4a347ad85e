package dev.rtprofile.journal;

/**
 * When {@link Journal#awaitDurable} returns, and so what a crash can lose.
 *
 * <p>Whatever the mode, {@link Journal#sync()}, {@link Journal#roll()} and {@link Journal#close()}
 * write and force everything appended before they return.
 */
public enum SyncMode {
  /**
   * {@link Journal#awaitDurable} returns once the entry is written and forced to the disk. Threads
   * waiting at the same time share one force (group commit). Loses nothing acknowledged, neither on
   * a process crash nor on a power failure.
   */
  EVERY_WRITE,

  /**
   * {@link Journal#awaitDurable} returns once the entry is written to the operating system; a
   * background daemon thread forces the journal every {@link JournalOptions#interval()} if anything
   * was appended since the last force. Loses nothing acknowledged on a process crash; on a power
   * failure, at most the entries acknowledged in the last interval (plus the time a force takes).
   */
  INTERVAL,

  /**
   * {@link Journal#awaitDurable} returns once the entry is written to the operating system, which
   * writes it to the disk when it chooses; only {@link Journal#sync()}, {@link Journal#roll()} and
   * {@link Journal#close()} force. Loses nothing acknowledged on a process crash; on a power
   * failure, anything after the last of those calls.
   */
  OS
}
