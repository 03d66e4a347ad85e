package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** Decides, entry by entry, what a {@link Journal#rewrite} puts in place of each payload. */
@FunctionalInterface
public interface EntryRewriter {
  /**
   * Returns the new payload of one entry, or {@code null} to keep it as it is.
   *
   * @param seq the entry's sequence number, which the rewrite keeps
   * @param payload the entry's current bytes, read-only, valid only during this call
   * @return {@code null} to keep the entry, or its new payload (1 to {@link
   *     JournalOptions#maxEntryBytes()} bytes; the journal owns the array afterwards)
   * @throws IOException to abandon the rewrite of the segment (its file is left as it was)
   */
  byte @Nullable [] rewrite(long seq, ByteBuffer payload) throws IOException;
}
