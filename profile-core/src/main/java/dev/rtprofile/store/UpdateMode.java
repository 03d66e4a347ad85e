package dev.rtprofile.store;

/** How records of one dataset update their fragment. */
public enum UpdateMode {
  /** Whole-record last-writer-wins by timestamp; an older record is ignored as stale. */
  REPLACE,
  /** Per-attribute last-writer-wins by timestamp; {@link Record.Builder#remove} is a tombstone. */
  UPSERT
}
