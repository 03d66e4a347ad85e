package dev.rtprofile.journal;

import static dev.rtprofile.journal.Entries.append;
import static dev.rtprofile.journal.Entries.payload;
import static dev.rtprofile.journal.Entries.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Journal}'s round trip, segments, roll, deletion, read-only opening and arguments. */
class JournalTest {
  @TempDir Path dir;

  private final FaultyFileOps files = new FaultyFileOps();

  private JournalOptions options(long segmentBytes) {
    return JournalOptions.defaults()
        .withMode(SyncMode.OS)
        .withSegmentBytes(segmentBytes)
        .withFiles(files);
  }

  private static List<byte[]> appendAll(Journal journal, int count, Random random)
      throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    long first = journal.lastSeq() + 1;
    for (int i = 0; i < count; i++) {
      byte[] payload = payload(first + i, random);
      payloads.add(payload);
      assertThat(append(journal, payload)).isEqualTo(first + i);
    }
    return payloads;
  }

  @Test
  void append_replay_roundTripOverSeveralSegments() throws IOException {
    Random random = new Random(1);
    List<byte[]> payloads;
    try (Journal journal = Journal.open(dir, options(256))) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(0, 1, 0, null));
      payloads = appendAll(journal, 200, random);
      journal.awaitDurable(200);
      assertThat(journal.lastSeq()).isEqualTo(200);
      assertThat(replay(journal, 1)).containsExactlyElementsOf(payloads);
      assertThat(replay(journal, 150)).containsExactlyElementsOf(payloads.subList(149, 200));
      assertThat(replay(journal, 201)).isEmpty();
    }

    List<Path> segments = Entries.segments(dir);
    assertThat(segments).hasSizeGreaterThan(10);
    long expectedFirst = 1;
    for (Path segment : segments) {
      assertThat(Files.size(segment)).isLessThanOrEqualTo(256);
      assertThat(segment.getFileName().toString())
          .isEqualTo("journal-" + String.format("%020d", expectedFirst) + ".log");
      expectedFirst += countIn(segment, expectedFirst);
    }
    assertThat(expectedFirst).isEqualTo(201);

    try (Journal journal = Journal.open(dir, options(256))) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(200, 1, 200, null));
      byte[] next = payload(201, random);
      assertThat(append(journal, next)).isEqualTo(201);
      payloads.add(next);
    }
    assertThat(Entries.readAll(dir)).containsExactlyElementsOf(payloads);
  }

  /** Counts the entries of one segment file, checking that its header names {@code first}. */
  private static long countIn(Path segment, long first) throws IOException {
    try (FileChannel channel = FileChannel.open(segment)) {
      SegmentReader reader = new SegmentReader(channel, channel.size());
      assertThat(reader.readHeader()).isEqualTo(first);
      long count = 0;
      while (reader.next()) {
        count++;
      }
      assertThat(reader.damage()).isNull();
      return count;
    }
  }

  @Test
  void replay_stopsWhenTheConsumerThrows() throws IOException {
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      appendAll(journal, 5, new Random(2));
      List<Long> seen = new ArrayList<>();
      assertThatThrownBy(
              () ->
                  journal.replay(
                      1,
                      (seq, payload) -> {
                        seen.add(seq);
                        if (seq == 3) {
                          throw new IOException("enough");
                        }
                      }))
          .hasMessage("enough");
      assertThat(seen).containsExactly(1L, 2L, 3L);
    }
  }

  @Test
  void roll_startsANewSegmentOnlyAfterEntries() throws IOException {
    Random random = new Random(3);
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      appendAll(journal, 3, random);
      assertThat(journal.roll()).isEqualTo(3);
      assertThat(journal.roll()).isEqualTo(3);
      assertThat(Entries.fileNames(dir))
          .containsExactly(SegmentFormat.fileName(1), SegmentFormat.fileName(4));
      appendAll(journal, 2, random);
      assertThat(journal.roll()).isEqualTo(5);
      assertThat(Entries.fileNames(dir)).hasSize(3).last().isEqualTo(SegmentFormat.fileName(6));
      assertThat(replay(journal, 1)).hasSize(5);
    }
  }

  @Test
  void deleteThrough_deletesOnlyWholeClosedSegments_andTheSequenceSurvivesAReopen()
      throws IOException {
    Random random = new Random(4);
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      appendAll(journal, 3, random); // 1..3
      journal.roll();
      appendAll(journal, 3, random); // 4..6
      journal.roll();
      appendAll(journal, 3, random); // 7..9, the current segment

      journal.deleteThrough(4);
      assertThat(journal.firstSeq()).isEqualTo(4);
      journal.deleteThrough(100);
      assertThat(journal.firstSeq()).isEqualTo(7);
      assertThat(Entries.fileNames(dir)).containsExactly(SegmentFormat.fileName(7));
      assertThat(replay(journal, 1)).hasSize(3);

      journal.roll();
      journal.deleteThrough(9);
      assertThat(journal.firstSeq()).isEqualTo(10);
      assertThat(journal.lastSeq()).isEqualTo(9);
    }
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(0, 10, 9, null));
      assertThat(append(journal, payload(10, random))).isEqualTo(10);
    }
  }

  @Test
  void readOnly_changesNothingAndRefusesWrites() throws IOException {
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      appendAll(journal, 4, new Random(5));
    }
    Path temp = dir.resolve("journal-x.log.tmp");
    Files.write(temp, new byte[] {1, 2, 3});
    byte[] before = Files.readAllBytes(Entries.segments(dir).get(0));

    try (Journal journal = Journal.open(dir, options(1 << 20).withReadOnly(true))) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(4, 1, 4, null));
      assertThat(replay(journal, 1)).hasSize(4);
      journal.awaitDurable(4);
      journal.sync();
      assertThatThrownBy(() -> append(journal, new byte[] {1}))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the journal was opened read-only");
      assertThatThrownBy(journal::roll).hasMessage("the journal was opened read-only");
      assertThatThrownBy(() -> journal.deleteThrough(4))
          .hasMessage("the journal was opened read-only");
      assertThatThrownBy(() -> journal.rewrite(4, (seq, payload) -> null))
          .hasMessage("the journal was opened read-only");
    }
    assertThat(Files.readAllBytes(Entries.segments(dir).get(0))).isEqualTo(before);
    assertThat(temp).exists();
  }

  @Test
  void open_readOnlyOfAMissingDirectory_throwsAndCreatesNothing() {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> Journal.open(missing, options(1 << 20).withReadOnly(true)))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("missing");
    assertThat(missing).doesNotExist();
  }

  @Test
  void open_newerFormatVersion_throwsNamingTheFile() throws IOException {
    ByteBuffer header = ByteBuffer.allocate(SegmentFormat.HEADER_BYTES);
    header.put(SegmentFormat.MAGIC).putInt(2).putLong(1);
    header.putInt(SegmentFormat.crc(header.array(), 0, SegmentFormat.HEADER_BYTES - 4));
    Path segment = dir.resolve(SegmentFormat.fileName(1));
    Files.write(segment, header.array());

    assertThatThrownBy(() -> Journal.open(dir, options(1 << 20)))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "journal-00000000000000000001.log has format version 2; this version of rtprofile"
                + " reads version 1");
    assertThat(Files.readAllBytes(segment)).isEqualTo(header.array());
  }

  @Test
  void append_badArguments_throwNamingTheArgument() throws IOException {
    try (Journal journal = Journal.open(dir, options(1 << 20).withMaxEntryBytes(16))) {
      assertThatThrownBy(() -> journal.append(new byte[4], 0, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("length must be from 1 to maxEntryBytes 16, but was 0");
      assertThatThrownBy(() -> journal.append(new byte[20], 0, 17))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("length must be from 1 to maxEntryBytes 16, but was 17");
      assertThatThrownBy(() -> journal.append(new byte[4], 2, 3))
          .isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> journal.awaitDurable(1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("seq must be at most lastSeq() 0, but was 1");
      assertThat(journal.append(new byte[] {9, 8, 7, 6}, 1, 2)).isEqualTo(1);
      assertThat(replay(journal, 1)).containsExactly(new byte[] {8, 7});
    }
  }

  @Test
  void options_outOfRange_throwNamingTheOptionAndValue() {
    JournalOptions defaults = JournalOptions.defaults();
    assertThat(defaults)
        .isEqualTo(
            new JournalOptions(
                SyncMode.EVERY_WRITE,
                Duration.ofSeconds(1),
                64L << 20,
                256 << 20,
                FileOps.DEFAULT,
                false));
    assertThatThrownBy(() -> defaults.withSegmentBytes(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segmentBytes must be at least 64, but was 10");
    assertThatThrownBy(() -> defaults.withMaxEntryBytes(0))
        .hasMessage("maxEntryBytes must be between 1 and 2147483583, but was 0");
    assertThatThrownBy(() -> defaults.withInterval(Duration.ZERO))
        .hasMessage("interval must be positive, but was PT0S");
    assertThatThrownBy(() -> defaults.withMode(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("mode");
  }

  @Test
  void close_isIdempotent_andLaterWritesAreRefused() throws IOException {
    Journal journal = Journal.open(dir, options(1 << 20));
    append(journal, new byte[] {1});
    journal.close();
    journal.close();
    journal.awaitDurable(1);
    assertThatThrownBy(() -> append(journal, new byte[] {1}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the journal is closed");
    assertThatThrownBy(journal::roll).hasMessage("the journal is closed");
    assertThat(Entries.readAll(dir)).containsExactly(new byte[] {1});
  }

  @Test
  void awaitDurable_forcesOnlyInEveryWriteMode() throws IOException {
    try (Journal journal = Journal.open(dir, options(1 << 20))) {
      int base = files.forces.get();
      for (int i = 0; i < 5; i++) {
        journal.awaitDurable(append(journal, new byte[] {(byte) i}));
      }
      assertThat(files.forces.get()).isEqualTo(base);
      journal.sync();
      assertThat(files.forces.get()).isEqualTo(base + 1);
      journal.sync();
      assertThat(files.forces.get()).isEqualTo(base + 1);
    }
    try (Journal journal = Journal.open(dir, options(1 << 20).withMode(SyncMode.EVERY_WRITE))) {
      int base = files.forces.get();
      for (int i = 0; i < 5; i++) {
        journal.awaitDurable(append(journal, new byte[] {(byte) i}));
      }
      assertThat(files.forces.get()).isEqualTo(base + 5);
    }
  }

  @Test
  void intervalMode_backgroundThreadForcesWhatWasWritten() throws Exception {
    CountDownLatch forced = new CountDownLatch(1);
    try (Journal journal =
        Journal.open(
            dir, options(1 << 20).withMode(SyncMode.INTERVAL).withInterval(Duration.ofMillis(5)))) {
      int base = files.forces.get();
      files.forceHook = file -> forced.countDown();
      journal.awaitDurable(append(journal, new byte[] {1}));
      assertThat(forced.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(files.forces.get()).isGreaterThan(base);
    }
  }
}
