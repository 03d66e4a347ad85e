package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.journal.FaultyFileOps;
import dev.rtprofile.journal.PowerLossFileOps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable store when the disk fails it (DESIGN §6): a failed force or a full disk fails the store
 * with a clear error, keeps it readable, and loses nothing acknowledged; a power failure loses no
 * more than the durability policy promises; a corrupt snapshot is skipped.
 */
class StorageFailureTest {
  private static final long T = 1_700_000_000_000L;

  @TempDir Path dir;

  private static Record record(int i) {
    return Record.builder("crm")
        .primary("Email", "p" + i + "@example.com")
        .identity("Phone", "+1555" + (1000000 + i))
        .timestamp(T + i)
        .attribute("n", (long) i)
        .build();
  }

  private static Identity person(int i) {
    return Identity.of("Email", "p" + i + "@example.com");
  }

  private ProfileStoreBuilder builder() {
    return ProfileStore.builder().storage(dir);
  }

  @Test
  void aFailedForceFailsTheStoreOnceKeepsItReadableAndLosesNothingAcknowledged() {
    FaultyFileOps files = new FaultyFileOps();
    ProfileStore store = builder().files(files).build();
    for (int i = 0; i < 5; i++) {
      store.ingest(record(i));
    }
    files.failForces = true;
    int forcesBefore = files.forces.get();
    assertThatThrownBy(() -> store.ingest(record(5)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(dir.toString())
        .hasMessageContaining("reopen");
    files.failForces = false;
    // Never retried, and every later write is refused.
    assertThatThrownBy(() -> store.ingest(record(6)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("failed earlier");
    assertThat(files.forces.get() - forcesBefore).isLessThanOrEqualTo(1);
    // Still readable.
    assertThat(store.lookup(person(3)).fetch()).isPresent();
    store.close();
    try (ProfileStore reopened = builder().build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(reopened.lookup(person(i)).fetch()).as("acknowledged %d", i).isPresent();
      }
      assertThat(reopened.lookup(person(6)).fetch()).isEmpty();
    }
  }

  @Test
  void aFullDiskGivesAClearErrorAndLosesNothingAcknowledged() {
    FaultyFileOps files = new FaultyFileOps();
    ProfileStore store = builder().files(files).build();
    for (int i = 0; i < 5; i++) {
      store.ingest(record(i));
    }
    files.freeBytes.set(0);
    assertThatThrownBy(() -> store.ingest(record(5)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("No space left on device");
    assertThat(store.lookup(person(4)).fetch()).isPresent();
    store.close();
    try (ProfileStore reopened = builder().build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(reopened.lookup(person(i)).fetch()).as("acknowledged %d", i).isPresent();
      }
      // The store writes again once there is room.
      reopened.ingest(record(7));
      assertThat(reopened.lookup(person(7)).fetch()).isPresent();
    }
  }

  @Test
  void aPowerFailureLosesNothingAcknowledgedUnderEveryWriteAndOnlyASuffixOtherwise()
      throws IOException {
    Random rnd = new Random(7);
    for (int round = 0; round < 24; round++) {
      Path d = dir.resolve("round-" + round);
      Files.createDirectories(d);
      Durability durability =
          switch (round % 3) {
            case 0 -> Durability.everyWrite();
            case 1 -> Durability.interval(Duration.ofMillis(2));
            default -> Durability.operatingSystem();
          };
      PowerLossFileOps files = new PowerLossFileOps(d);
      files.crashAtChange(5 + rnd.nextInt(120));
      int acked = 0;
      ProfileStore store = null;
      try {
        store =
            ProfileStore.builder()
                .storage(d)
                .durability(durability)
                .segmentBytes(2048)
                .snapshotAfter(4096)
                .files(files)
                .build();
        for (int i = 0; i < 200; i++) {
          store.ingest(record(i));
          acked = i + 1;
        }
      } catch (StorageException | IllegalStateException expected) {
        // The power went off (perhaps while opening).
      }
      if (store != null) {
        store.close();
      }
      files.restoreDurableState();
      List<Integer> present = new ArrayList<>();
      try (ProfileStore reopened = ProfileStore.builder().storage(d).build()) {
        for (int i = 0; i < 200; i++) {
          if (reopened.lookup(person(i)).fetch().isPresent()) {
            present.add(i);
          }
        }
      }
      // A gap-free prefix of what was sent.
      for (int k = 0; k < present.size(); k++) {
        assertThat(present.get(k)).as("round %d (%s): prefix", round, durability).isEqualTo(k);
      }
      if (durability.equals(Durability.everyWrite())) {
        assertThat(present.size())
            .as("round %d: every acknowledged record survives", round)
            .isGreaterThanOrEqualTo(acked);
      }
      assertThat(present.size()).isLessThanOrEqualTo(Math.min(200, acked + 1));
    }
  }

  @Test
  void aCorruptNewestSnapshotIsSkippedForTheOlderOneAndTheJournal() throws IOException {
    try (ProfileStore store = builder().build()) {
      store.ingest(record(1));
      store.snapshot();
      store.ingest(record(2));
      store.snapshot();
      store.ingest(record(3));
    }
    List<Path> snapshots;
    try (var list = Files.list(dir)) {
      snapshots = list.filter(p -> p.toString().endsWith(".snap")).sorted().toList();
    }
    assertThat(snapshots).hasSize(2);
    Path newest = snapshots.get(1);
    byte[] bytes = Files.readAllBytes(newest);
    bytes[bytes.length / 2] ^= 0x5A;
    Files.write(newest, bytes);
    try (ProfileStore store = builder().build()) {
      for (int i = 1; i <= 3; i++) {
        assertThat(store.lookup(person(i)).fetch()).as("record %d", i).isPresent();
      }
    }
  }
}
