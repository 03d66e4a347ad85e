package dev.rtprofile.journal;

import static dev.rtprofile.journal.Entries.append;
import static dev.rtprofile.journal.Entries.payload;
import static org.assertj.core.api.Assertions.assertThat;

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
 * Each {@link SyncMode} loses no more than it promises when the power fails: {@link
 * PowerLossFileOps} keeps only forced bytes and directory entries, and cuts the power between any
 * two file operations.
 */
class JournalPowerLossTest {
  @TempDir Path root;

  /** What one run appended, what it acknowledged and what it synced before the power failed. */
  private record Run(List<byte[]> appended, int acknowledged, int synced) {}

  /**
   * Appends seeded payloads, awaiting each and sometimes syncing or rolling, until the power cut
   * (at a seeded change) fails the journal, or cuts it after the last entry.
   */
  private static Run run(Path dir, SyncMode mode, long seed) throws IOException {
    Random random = new Random(seed);
    PowerLossFileOps files = new PowerLossFileOps(dir);
    JournalOptions options =
        JournalOptions.defaults()
            .withMode(mode)
            .withInterval(Duration.ofHours(1))
            .withSegmentBytes(200)
            .withFiles(files);
    int entries = 10 + random.nextInt(40);
    files.crashAtChange(1 + random.nextInt(entries * 4));
    List<byte[]> appended = new ArrayList<>();
    int acknowledged = 0;
    int synced = 0;
    Journal journal = null;
    try {
      journal = Journal.open(dir, options);
      for (int i = 0; i < entries; i++) {
        byte[] payload = payload(appended.size() + 1, random);
        appended.add(payload);
        journal.awaitDurable(append(journal, payload));
        acknowledged = appended.size();
        int action = random.nextInt(10);
        if (action == 0) {
          journal.sync();
          synced = appended.size();
        } else if (action == 1) {
          journal.roll();
          synced = appended.size();
        }
      }
    } catch (IOException e) {
      assertThat(files.isOff()).as("only the power cut fails the journal: %s", e).isTrue();
      if (journal != null) {
        assertThat(journal.failed()).isTrue();
      }
    }
    files.powerLoss();
    if (journal != null) {
      try {
        journal.close();
      } catch (JournalFailedException e) {
        // expected after the cut
      }
    }
    files.restoreDurableState();
    return new Run(appended, acknowledged, synced);
  }

  /** Reopens after the power loss and checks a gap-free prefix of at least {@code atLeast}. */
  private static List<byte[]> assertRecoversPrefix(Path dir, Run run, int atLeast)
      throws IOException {
    List<byte[]> recovered;
    try (Journal journal = Journal.open(dir, JournalOptions.defaults().withSegmentBytes(200))) {
      recovered = Entries.replay(journal, 1);
      assertThat(journal.firstSeq()).isEqualTo(1);
      assertThat(journal.lastSeq()).isEqualTo(recovered.size());
      assertThat(append(journal, new byte[] {1})).isEqualTo(recovered.size() + 1);
    }
    assertThat(recovered.size()).isBetween(atLeast, run.appended().size());
    assertThat(recovered).containsExactlyElementsOf(run.appended().subList(0, recovered.size()));
    assertThat(Entries.fileNames(dir)).noneMatch(name -> name.endsWith(".tmp"));
    return recovered;
  }

  @Test
  void everyWrite_powerLossAtAnyStep_losesNothingAcknowledged() throws IOException {
    int lostUnacknowledged = 0;
    for (long seed = 0; seed < 40; seed++) {
      Path dir = Files.createDirectory(root.resolve("every-" + seed));
      Run run = run(dir, SyncMode.EVERY_WRITE, seed);
      List<byte[]> recovered = assertRecoversPrefix(dir, run, run.acknowledged());
      lostUnacknowledged += run.appended().size() - recovered.size();
    }
    assertThat(lostUnacknowledged).as("the cuts hit entries in flight").isPositive();
  }

  @Test
  void os_powerLossAtAnyStep_losesAtMostWhatWasNotSynced() throws IOException {
    for (long seed = 0; seed < 40; seed++) {
      Path dir = Files.createDirectory(root.resolve("os-" + seed));
      Run run = run(dir, SyncMode.OS, seed);
      assertRecoversPrefix(dir, run, run.synced());
    }
  }

  @Test
  void interval_powerLossAtAnyStep_losesAtMostWhatWasNotForced() throws IOException {
    for (long seed = 0; seed < 20; seed++) {
      Path dir = Files.createDirectory(root.resolve("interval-" + seed));
      Run run = run(dir, SyncMode.INTERVAL, seed);
      assertRecoversPrefix(dir, run, run.synced());
    }
  }

  @Test
  void powerLoss_dropsAcknowledgedButUnsyncedEntriesOnlyInTheWeakerModes() throws IOException {
    for (SyncMode mode : SyncMode.values()) {
      Path dir = Files.createDirectory(root.resolve("mode-" + mode));
      PowerLossFileOps files = new PowerLossFileOps(dir);
      JournalOptions options =
          JournalOptions.defaults()
              .withMode(mode)
              .withInterval(Duration.ofHours(1))
              .withFiles(files);
      Journal journal = Journal.open(dir, options);
      for (int i = 1; i <= 10; i++) {
        journal.awaitDurable(append(journal, new byte[] {(byte) i}));
        if (i == 4) {
          journal.sync();
        }
      }
      files.powerLoss();
      try {
        journal.close();
      } catch (JournalFailedException e) {
        assertThat(mode).isNotEqualTo(SyncMode.EVERY_WRITE); // it had nothing left to force
      }
      files.restoreDurableState();
      int expected = mode == SyncMode.EVERY_WRITE ? 10 : 4;
      assertThat(Entries.readAll(dir)).as("%s", mode).hasSize(expected);
    }
  }
}
