package dev.rtprofile.journal;

import static dev.rtprofile.journal.Entries.append;
import static dev.rtprofile.journal.Entries.payload;
import static dev.rtprofile.journal.Entries.replay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Journal#rewrite}: payloads change in place, sequence numbers and entry counts never, only
 * closed segments holding a change are touched, and a crash at any step leaves each segment old or
 * new, never a mix, with no temporary file after the next open.
 */
class JournalRewriteTest {
  private static final int ENTRIES = 40;
  private static final long THROUGH = 30;

  @TempDir Path root;

  private Path dir;
  private final List<byte[]> payloads = new ArrayList<>();

  private static JournalOptions options(FileOps files) {
    return JournalOptions.defaults().withMode(SyncMode.OS).withSegmentBytes(250).withFiles(files);
  }

  /** Erases every third entry up to {@link #THROUGH}. */
  private static byte @Nullable [] eraseEveryThird(long seq) {
    return seq % 3 == 0 ? ("erased-" + seq).getBytes(StandardCharsets.US_ASCII) : null;
  }

  private List<byte[]> rewritten() {
    List<byte[]> expected = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      byte[] replacement = i + 1 <= THROUGH ? eraseEveryThird(i + 1) : null;
      expected.add(replacement != null ? replacement : payloads.get(i));
    }
    return expected;
  }

  @BeforeEach
  void writeJournal() throws IOException {
    dir = Files.createDirectory(root.resolve("journal"));
    Random random = new Random(5);
    try (Journal journal = Journal.open(dir, options(FileOps.DEFAULT))) {
      for (int i = 1; i <= ENTRIES; i++) {
        byte[] payload = payload(i, random);
        payloads.add(payload);
        append(journal, payload);
      }
      journal.roll();
    }
  }

  private Map<Path, byte[]> contents() throws IOException {
    Map<Path, byte[]> contents = new HashMap<>();
    for (Path segment : Entries.segments(dir)) {
      contents.put(segment, Files.readAllBytes(segment));
    }
    return contents;
  }

  @Test
  void rewrite_replacesPayloadsKeepingSeqs_andTouchesOnlyChangedSegments() throws IOException {
    Map<Path, byte[]> before = contents();
    List<Long> offered = new ArrayList<>();
    try (Journal journal = Journal.open(dir, options(FileOps.DEFAULT))) {
      journal.rewrite(
          THROUGH,
          (seq, payload) -> {
            offered.add(seq);
            assertThat(payload.isReadOnly()).isTrue();
            assertThat(Entries.bytes(payload)).isEqualTo(payloads.get((int) seq - 1));
            return eraseEveryThird(seq);
          });
      assertThat(replay(journal, 1)).containsExactlyElementsOf(rewritten());
      assertThat(journal.lastSeq()).isEqualTo(ENTRIES);
    }
    assertThat(offered).isSortedAccordingTo(Long::compare).first().isEqualTo(1L);
    assertThat(offered).last().isEqualTo(THROUGH);
    assertThat(offered).hasSize((int) THROUGH);

    try (Journal journal = Journal.open(dir, options(FileOps.DEFAULT))) {
      assertThat(journal.recovery()).isEqualTo(new Recovery(ENTRIES, 1, ENTRIES, null));
      assertThat(replay(journal, 1)).containsExactlyElementsOf(rewritten());
    }
    Map<Path, byte[]> after = contents();
    int untouched = 0;
    for (Path segment : before.keySet()) {
      long first = SegmentFormat.segmentSeq(segment);
      if (first > THROUGH) {
        assertThat(after.get(segment)).isEqualTo(before.get(segment));
        untouched++;
      } else {
        assertThat(after.get(segment)).isNotEqualTo(before.get(segment));
      }
    }
    assertThat(untouched).isPositive();
    assertThat(Entries.fileNames(dir)).noneMatch(name -> name.endsWith(".tmp"));
  }

  @Test
  void rewrite_doesNotVisitTheCurrentSegment() throws IOException {
    try (Journal journal = Journal.open(dir, options(FileOps.DEFAULT))) {
      long current = journal.lastSeq() + 1;
      append(journal, new byte[] {1, 2, 3});
      List<Long> offered = new ArrayList<>();
      journal.rewrite(
          Long.MAX_VALUE,
          (seq, payload) -> {
            offered.add(seq);
            return null;
          });
      assertThat(offered).hasSize(ENTRIES).doesNotContain(current);
      journal.roll();
      offered.clear();
      journal.rewrite(
          Long.MAX_VALUE,
          (seq, payload) -> {
            offered.add(seq);
            return null;
          });
      assertThat(offered).hasSize(ENTRIES + 1).contains(current);
    }
  }

  @Test
  void rewrite_rewriterFails_leavesTheSegmentAsItWas() throws IOException {
    Map<Path, byte[]> before = contents();
    try (Journal journal = Journal.open(dir, options(FileOps.DEFAULT))) {
      assertThatThrownBy(() -> journal.rewrite(THROUGH, (seq, payload) -> new byte[0]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "the rewritten payload of entry 1 must have 1 to maxEntryBytes 268435456 bytes,"
                  + " but had 0");
      assertThatThrownBy(
              () ->
                  journal.rewrite(
                      THROUGH,
                      (seq, payload) -> {
                        if (seq == 3) {
                          throw new IOException("rewriter gave up");
                        }
                        return new byte[] {1};
                      }))
          .hasMessage("rewriter gave up");
      assertThat(replay(journal, 1)).containsExactlyElementsOf(payloads);
      assertThat(journal.failed()).isFalse();
    }
    Map<Path, byte[]> after = contents();
    assertThat(after.keySet()).isEqualTo(before.keySet());
    for (Path segment : before.keySet()) {
      assertThat(after.get(segment)).isEqualTo(before.get(segment));
    }
    assertThat(Entries.fileNames(dir)).noneMatch(name -> name.endsWith(".tmp"));
  }

  @Test
  void rewrite_powerLossAtEveryStep_leavesEachSegmentOldOrNew() throws IOException {
    Path pristine = Files.createDirectory(root.resolve("pristine"));
    for (Path file : Entries.segments(dir)) {
      Files.copy(file, pristine.resolve(file.getFileName()));
    }
    List<byte[]> rewritten = rewritten();
    boolean sawOld = false;
    boolean sawNew = false;
    boolean completed = false;
    for (int step = 1; !completed; step++) {
      Path run = Files.createDirectory(root.resolve("run-" + step));
      for (Path file : Entries.segments(pristine)) {
        Files.copy(file, run.resolve(file.getFileName()));
      }
      PowerLossFileOps files = new PowerLossFileOps(run);
      Journal journal = Journal.open(run, options(files));
      files.crashAtChange(step);
      try {
        journal.rewrite(THROUGH, (seq, payload) -> eraseEveryThird(seq));
        completed = true;
      } catch (IOException e) {
        assertThat(files.isOff()).isTrue();
      }
      files.powerLoss();
      try {
        journal.close();
      } catch (JournalFailedException e) {
        // the power was cut with the current segment still open: nothing was left to write
      }
      files.restoreDurableState();

      try (Journal reopened = Journal.open(run, options(FileOps.DEFAULT))) {
        assertThat(reopened.recovery().damage()).isNull();
        List<byte[]> entries = replay(reopened, 1);
        assertThat(entries).hasSize(ENTRIES);
        for (Path segment : Entries.segments(run)) {
          int first = (int) SegmentFormat.segmentSeq(segment) - 1;
          int end = first;
          while (end < ENTRIES && !Files.exists(run.resolve(SegmentFormat.fileName(end + 2)))) {
            end++;
          }
          List<byte[]> got = entries.subList(first, Math.min(end + 1, ENTRIES));
          List<byte[]> old = payloads.subList(first, first + got.size());
          List<byte[]> fresh = rewritten.subList(first, first + got.size());
          boolean isOld = listsEqual(got, old);
          boolean isNew = listsEqual(got, fresh);
          assertThat(isOld || isNew).as("step %d, %s", step, segment.getFileName()).isTrue();
          if (!listsEqual(old, fresh)) {
            sawOld |= isOld;
            sawNew |= isNew;
          }
        }
      }
      assertThat(Entries.fileNames(run)).noneMatch(name -> name.endsWith(".tmp"));
    }
    assertThat(sawOld).isTrue();
    assertThat(sawNew).isTrue();
  }

  private static boolean listsEqual(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!java.util.Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
