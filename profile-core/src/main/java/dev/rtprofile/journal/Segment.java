package dev.rtprofile.journal;

import java.nio.file.Path;

/**
 * One segment file as the journal knows it: its valid entries and the bytes they end at. A file may
 * be longer (the writer's current segment while a write is in progress); readers stop at {@code
 * bytes}. Immutable; the journal replaces it as the segment grows or is rewritten.
 *
 * @param path the file
 * @param firstSeq the sequence number of its first entry (from its header)
 * @param entries how many valid entries it holds
 * @param bytes where the last valid entry ends (at least the header's size)
 */
record Segment(Path path, long firstSeq, long entries, long bytes) {
  /** Returns the sequence number of the last entry ({@code firstSeq - 1} if empty). */
  long lastSeq() {
    return firstSeq + entries - 1;
  }

  /** Returns the file's name, for messages. */
  String name() {
    return path.getFileName().toString();
  }

  /** Returns this segment grown by {@code moreEntries} entries taking {@code moreBytes} bytes. */
  Segment grown(long moreEntries, long moreBytes) {
    return new Segment(path, firstSeq, entries + moreEntries, bytes + moreBytes);
  }
}
