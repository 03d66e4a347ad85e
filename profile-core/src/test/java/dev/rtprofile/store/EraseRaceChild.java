package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for the crash points inside an erasure's rewrite: a journal segment is rewritten
 * only when writes land between the purge snapshot and the roll of the journal, so a second thread
 * ingests while the main thread erases. Each acknowledged ingest and erase is written to a file of
 * its own ({@code .records}, {@code .erased}) straight to the OS. Arguments: the directory.
 */
public final class EraseRaceChild {
  static final int PEOPLE = 40;

  private EraseRaceChild() {}

  static Record person(int i) {
    return Record.builder("crm")
        .primary(email(i))
        .identity(Identity.of("Phone", "+1555" + (2000000 + i)))
        .timestamp(1_700_000_000_000L + i)
        .attribute("friend", "friend-of-" + i + "@example.com")
        .build();
  }

  static Identity email(int i) {
    return Identity.of("Email", "person-" + i + "@example.com");
  }

  static Record noise(int i) {
    return Record.builder("web")
        .primary("ECID", String.format("%038d", i))
        .timestamp(1_700_000_000_000L + i)
        .attribute("n", (long) i)
        .build();
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (FileOutputStream records = new FileOutputStream(dir + ".records");
        FileOutputStream erased = new FileOutputStream(dir + ".erased");
        ProfileStore store =
            ProfileStore.builder().storage(dir).segmentBytes(4096).snapshotAfter(1 << 30).build()) {
      for (int i = 0; i < PEOPLE; i++) {
        store.ingest(person(i));
      }
      records.write("people\n".getBytes(StandardCharsets.US_ASCII));
      Thread noise =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  store.ingest(noise(i));
                  try {
                    records.write((i + "\n").getBytes(StandardCharsets.US_ASCII));
                  } catch (java.io.IOException e) {
                    return;
                  }
                }
              });
      noise.setDaemon(true);
      noise.start();
      for (int i = 0; i < PEOPLE; i++) {
        store.erase(email(i));
        erased.write((i + "\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
