package dev.rtprofile.journal;

import static dev.rtprofile.journal.Entries.append;
import static dev.rtprofile.journal.Entries.payload;
import static dev.rtprofile.journal.Entries.replay;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Journal#open}'s recovery from damaged files: a tail cut at every byte offset, random byte
 * flips anywhere, gaps, zero-filled tails and leftover temporary files. Open never throws, keeps
 * exactly the entries before the damage, reports it, and appending after it survives a reopen.
 */
class JournalRecoveryTest {
  private static final int ENTRIES = 30;

  @TempDir Path dir;

  private final FaultyFileOps files = new FaultyFileOps();
  private final List<byte[]> payloads = new ArrayList<>();

  /** Each segment file's original bytes, oldest first. */
  private final Map<Path, byte[]> original = new LinkedHashMap<>();

  /** Each segment's entry end offsets (the header's end first), in the same order. */
  private final Map<Path, List<Long>> boundaries = new LinkedHashMap<>();

  private JournalOptions options() {
    return JournalOptions.defaults().withMode(SyncMode.OS).withSegmentBytes(300).withFiles(files);
  }

  @BeforeEach
  void writeJournal() throws IOException {
    Random random = new Random(42);
    try (Journal journal = Journal.open(dir, options())) {
      for (int i = 1; i <= ENTRIES; i++) {
        byte[] payload = payload(i, random);
        payloads.add(payload);
        append(journal, payload);
      }
    }
    for (Path segment : Entries.segments(dir)) {
      original.put(segment, Files.readAllBytes(segment));
      List<Long> ends = new ArrayList<>();
      try (FileChannel channel = FileChannel.open(segment)) {
        SegmentReader reader = new SegmentReader(channel, channel.size());
        reader.readHeader();
        ends.add(reader.offset());
        while (reader.next()) {
          ends.add(reader.offset());
        }
      }
      boundaries.put(segment, ends);
    }
    assertThat(original).hasSizeGreaterThan(3);
  }

  private void restore() throws IOException {
    for (Path file : Entries.segments(dir)) {
      Files.delete(file);
    }
    for (Map.Entry<Path, byte[]> entry : original.entrySet()) {
      Files.write(entry.getKey(), entry.getValue());
    }
  }

  /** The number of entries in the segments before {@code segment}. */
  private long entriesBefore(Path segment) {
    long entries = 0;
    for (Map.Entry<Path, List<Long>> entry : boundaries.entrySet()) {
      if (entry.getKey().equals(segment)) {
        return entries;
      }
      entries += entry.getValue().size() - 1;
    }
    throw new AssertionError(segment);
  }

  /**
   * The entries a reader keeps when {@code segment} is damaged at byte {@code offset}: all the
   * segment's entries that end at or before it (none if it is in the header).
   */
  private long entriesKept(Path segment, long offset) {
    List<Long> ends = boundaries.get(segment);
    if (offset < ends.get(0)) {
      return entriesBefore(segment);
    }
    long whole = ends.stream().skip(1).filter(end -> end <= offset).count();
    return entriesBefore(segment) + whole;
  }

  /** Checks the open journal holds exactly the first {@code kept} entries. */
  private void assertHoldsPrefix(Journal journal, long kept) throws IOException {
    assertThat(journal.firstSeq()).isEqualTo(1);
    assertThat(journal.lastSeq()).isEqualTo(kept);
    assertThat(journal.recovery().entries()).isEqualTo(kept);
    assertThat(replay(journal, 1)).containsExactlyElementsOf(payloads.subList(0, (int) kept));
  }

  /** Appends one entry after the recovered ones and checks that a reopen keeps all, undamaged. */
  private void assertAppendSurvivesReopen(Journal journal, long kept) throws IOException {
    byte[] next = "after the damage".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(append(journal, next)).isEqualTo(kept + 1);
    journal.close();
    try (Journal reopened = Journal.open(dir, options())) {
      assertThat(reopened.recovery().damage()).isNull();
      assertThat(reopened.lastSeq()).isEqualTo(kept + 1);
      List<byte[]> expected = new ArrayList<>(payloads.subList(0, (int) kept));
      expected.add(next);
      assertThat(replay(reopened, 1)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void open_lastSegmentCutAtEveryOffsetOfItsLastEntries_keepsEveryWholeEntryBefore()
      throws IOException {
    Path last = List.copyOf(original.keySet()).get(original.size() - 1);
    List<Long> ends = boundaries.get(last);
    long from = ends.size() > 4 ? ends.get(ends.size() - 4) : 0;
    List<Long> cuts = new ArrayList<>();
    for (long cut = 0; cut < SegmentFormat.HEADER_BYTES; cut++) {
      cuts.add(cut);
    }
    for (long cut = from; cut < original.get(last).length; cut++) {
      cuts.add(cut);
    }
    for (long cut : cuts) {
      restore();
      try (FileChannel channel = FileChannel.open(last, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(cut);
      }
      long kept = entriesKept(last, cut);
      Journal journal = Journal.open(dir, options());
      assertHoldsPrefix(journal, kept);
      Damage damage = journal.recovery().damage();
      if (ends.contains(cut)) {
        assertThat(damage).as("cut at %d, an entry boundary", cut).isNull();
      } else {
        assertThat(damage).as("cut at %d", cut).isNotNull();
        assertThat(damage.segmentFile()).isEqualTo(last.getFileName().toString());
        long damageAt =
            cut < SegmentFormat.HEADER_BYTES ? 0 : ends.get((int) (kept - entriesBefore(last)));
        assertThat(damage.offset()).isEqualTo(damageAt);
        assertThat(damage.bytesDropped()).isEqualTo(cut - damageAt);
        assertThat(damage.reason()).isIn("short header", "short entry header", "short entry");
      }
      assertAppendSurvivesReopen(journal, kept);
    }
  }

  @Test
  void open_randomByteFlips_keepExactlyTheEntriesBeforeTheFlip() throws IOException {
    Random random = new Random(7);
    List<Path> segments = List.copyOf(original.keySet());
    for (int round = 0; round < 150; round++) {
      restore();
      int index = random.nextInt(segments.size());
      Path segment = segments.get(index);
      byte[] bytes = original.get(segment).clone();
      int offset = random.nextInt(bytes.length);
      bytes[offset] ^= (byte) (1 + random.nextInt(255));
      Files.write(segment, bytes);

      long kept = entriesKept(segment, offset);
      Journal journal = Journal.open(dir, options());
      assertHoldsPrefix(journal, kept);
      Damage damage = journal.recovery().damage();
      assertThat(damage).as("flip at %s:%d", segment.getFileName(), offset).isNotNull();
      assertThat(damage.segmentFile()).isEqualTo(segment.getFileName().toString());
      long later = 0;
      for (Path next : segments.subList(index + 1, segments.size())) {
        assertThat(next).doesNotExist();
        later += original.get(next).length;
      }
      assertThat(damage.bytesDropped()).isEqualTo(bytes.length - damage.offset() + later);
      assertAppendSurvivesReopen(journal, kept);
    }
  }

  @Test
  void open_readOnly_reportsDamageButChangesNothing() throws IOException {
    Path second = List.copyOf(original.keySet()).get(1);
    byte[] bytes = original.get(second).clone();
    int offset = (int) (long) boundaries.get(second).get(1) + 3; // inside the second entry
    bytes[offset] ^= 0x10;
    Files.write(second, bytes);
    List<String> before = Entries.fileNames(dir);

    long kept = entriesKept(second, offset);
    try (Journal journal = Journal.open(dir, options().withReadOnly(true))) {
      assertHoldsPrefix(journal, kept);
      assertThat(journal.recovery().damage().reason()).isEqualTo("checksum mismatch");
    }
    assertThat(Entries.fileNames(dir)).isEqualTo(before);
    assertThat(Files.readAllBytes(second)).isEqualTo(bytes);
  }

  @Test
  void open_missingMiddleSegment_stopsAtTheGap() throws IOException {
    List<Path> segments = List.copyOf(original.keySet());
    Files.delete(segments.get(1));

    try (Journal journal = Journal.open(dir, options())) {
      assertHoldsPrefix(journal, entriesBefore(segments.get(1)));
      Damage damage = journal.recovery().damage();
      assertThat(damage.segmentFile()).isEqualTo(segments.get(2).getFileName().toString());
      assertThat(damage.reason()).startsWith("sequence gap");
      assertThat(Entries.segments(dir)).containsExactly(segments.get(0));
    }
  }

  @Test
  void open_zeroFilledTail_isDamageNotEmptyEntries() throws IOException {
    Path last = List.copyOf(original.keySet()).get(original.size() - 1);
    byte[] bytes = original.get(last);
    byte[] padded = java.util.Arrays.copyOf(bytes, bytes.length + 4096);
    Files.write(last, padded);

    try (Journal journal = Journal.open(dir, options())) {
      assertHoldsPrefix(journal, ENTRIES);
      assertThat(journal.recovery().damage())
          .isEqualTo(
              new Damage(last.getFileName().toString(), bytes.length, "bad entry length", 4096));
    }
    assertThat(Files.readAllBytes(last)).isEqualTo(bytes);
  }

  @Test
  void open_writerDeletesTemporaryFiles_andReportsNoDamage() throws IOException {
    Path temp = dir.resolve(List.copyOf(original.keySet()).get(0).getFileName() + ".tmp");
    Path snapshotTemp = dir.resolve(SnapshotFiles.fileName(3) + ".tmp");
    Files.write(temp, new byte[] {1, 2, 3});
    Files.write(snapshotTemp, new byte[] {4});
    Files.write(dir.resolve("unrelated.txt"), new byte[] {5});

    try (Journal journal = Journal.open(dir, options())) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(ENTRIES, 1, ENTRIES, null));
    }
    assertThat(temp).doesNotExist();
    assertThat(snapshotTemp).doesNotExist();
    assertThat(dir.resolve("unrelated.txt")).exists();
  }

  @Test
  void open_segmentRenamedToAnotherSequence_isDamage() throws IOException {
    List<Path> segments = List.copyOf(original.keySet());
    Path last = segments.get(segments.size() - 1);
    Path renamed = last.resolveSibling(SegmentFormat.fileName(SegmentFormat.segmentSeq(last) + 1));
    Files.move(last, renamed);

    try (Journal journal = Journal.open(dir, options())) {
      assertHoldsPrefix(journal, entriesBefore(last));
      assertThat(journal.recovery().damage().reason())
          .isEqualTo("header sequence does not match the file name");
    }
    assertThat(renamed).doesNotExist();
  }
}
