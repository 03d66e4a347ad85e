package dev.rtprofile.journal;

import java.io.DataOutputStream;
import java.io.IOException;

/** Writes a snapshot's body, the store's state, for {@link SnapshotFiles#write}. */
@FunctionalInterface
public interface SnapshotWriter {
  /**
   * Writes the body to {@code out}, a buffered stream into the snapshot's temporary file. Need not
   * flush or close it (closing does not close the file).
   *
   * @throws IOException to abandon the snapshot; its temporary file is deleted
   */
  void write(DataOutputStream out) throws IOException;
}
