package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives the entries of a {@link Journal#replay}, in sequence order. */
@FunctionalInterface
public interface EntryConsumer {
  /**
   * Takes one entry.
   *
   * @param seq the entry's sequence number
   * @param payload the entry's bytes, read-only, from its position to its limit; valid only during
   *     this call (the journal reuses the buffer), so copy what must be kept
   * @throws IOException to stop the replay; {@link Journal#replay} rethrows it
   */
  void accept(long seq, ByteBuffer payload) throws IOException;
}
