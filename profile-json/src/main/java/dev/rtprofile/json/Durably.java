package dev.rtprofile.json;

import dev.rtprofile.store.ProfileStore;
import java.io.IOException;

/**
 * Runs one input's ingest as one {@link ProfileStore#batch}: its lines share one durability step
 * (one force for a durable store forced at every write), taken before the report is returned.
 */
final class Durably {
  /** An ingest that reads its input. */
  interface Ingest {
    IngestReport run() throws IOException;
  }

  private Durably() {}

  static IngestReport ingest(ProfileStore store, Ingest work) throws IOException {
    IngestReport[] report = new IngestReport[1];
    IOException[] failure = new IOException[1];
    store.batch(
        () -> {
          try {
            report[0] = work.run();
          } catch (IOException e) {
            // The lines stored before the failure are made durable by the batch all the same.
            failure[0] = e;
          }
        });
    if (failure[0] != null) {
      throw failure[0];
    }
    return report[0];
  }
}
