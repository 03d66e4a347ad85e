package dev.rtprofile.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SnapshotFiles}: the newest valid snapshot is chosen, bad ones skipped with a reason,
 * temporary files ignored and cleaned, and a crash at any step of a write leaves the old newest
 * snapshot or the new one.
 */
class SnapshotFilesTest {
  @TempDir Path dir;

  /** Writes a body of {@code longs} longs counting up from {@code seq}. */
  private Path write(long seq, int longs) throws IOException {
    return SnapshotFiles.write(
        dir,
        seq,
        out -> {
          for (int i = 0; i < longs; i++) {
            out.writeLong(seq + i);
          }
        },
        FileOps.DEFAULT);
  }

  private static long[] read(Snapshot snapshot) throws IOException {
    try (DataInputStream in = SnapshotFiles.open(snapshot, FileOps.DEFAULT)) {
      long[] values = new long[(int) (snapshot.bodyBytes() / 8)];
      for (int i = 0; i < values.length; i++) {
        values[i] = in.readLong();
      }
      assertThat(in.read()).isEqualTo(-1);
      return values;
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x01;
    Files.write(file, bytes);
  }

  @Test
  void write_newestValid_open_roundTrip() throws IOException {
    Path path = write(7, 20_000); // bigger than the stream buffers
    assertThat(path.getFileName().toString()).isEqualTo("snapshot-00000000000000000007.snap");
    assertThat(Files.size(path)).isEqualTo(20 + 160_000 + 12);

    SnapshotSearch search = SnapshotFiles.newestValid(dir, FileOps.DEFAULT);
    assertThat(search.skipped()).isEmpty();
    assertThat(search.newest()).isEqualTo(new Snapshot(path, 7, 160_000));
    long[] values = read(search.newest());
    assertThat(values[0]).isEqualTo(7);
    assertThat(values[19_999]).isEqualTo(7 + 19_999);
  }

  @Test
  void newestValid_choosesTheNewest_skippingCorruptedAndTruncatedOnes() throws IOException {
    write(10, 100);
    Path middle = write(20, 100);
    Path newest = write(30, 100);
    Path truncatedOne = write(40, 100);
    flipByte(newest, 20 + 50);
    byte[] bytes = Files.readAllBytes(truncatedOne);
    Files.write(truncatedOne, Arrays.copyOf(bytes, bytes.length - 5));

    SnapshotSearch search = SnapshotFiles.newestValid(dir, FileOps.DEFAULT);
    assertThat(search.newest()).isEqualTo(new Snapshot(middle, 20, 800));
    assertThat(search.skipped())
        .containsExactly(
            new SnapshotSearch.Skipped(
                SnapshotFiles.fileName(40), "body length in trailer does not match the file size"),
            new SnapshotSearch.Skipped(SnapshotFiles.fileName(30), "checksum mismatch"));
  }

  @Test
  void newestValid_ignoresTemporaryFiles_andFindsNothingInAnEmptyDirectory() throws IOException {
    assertThat(SnapshotFiles.newestValid(dir, FileOps.DEFAULT))
        .isEqualTo(new SnapshotSearch(null, List.of()));
    Path valid = write(5, 3);
    Files.write(dir.resolve(SnapshotFiles.fileName(9) + ".tmp"), new byte[] {1, 2, 3});
    Files.write(dir.resolve("snapshot-bad.snap"), new byte[] {1, 2, 3});

    SnapshotSearch search = SnapshotFiles.newestValid(dir, FileOps.DEFAULT);
    assertThat(search.newest().path()).isEqualTo(valid);
    assertThat(search.skipped()).isEmpty();
  }

  @Test
  void keepNewest_andDeleteAllExcept_deleteOlderSnapshotsAndTemporaryFiles() throws IOException {
    for (long seq : new long[] {1, 2, 3, 4}) {
      write(seq, 1);
    }
    Path temp = dir.resolve(SnapshotFiles.fileName(5) + ".tmp");
    Files.write(temp, new byte[] {1});
    Files.write(dir.resolve(SegmentFormat.fileName(1)), new byte[] {1});

    SnapshotFiles.keepNewest(dir, 2);
    assertThat(Entries.fileNames(dir))
        .containsExactly(
            SegmentFormat.fileName(1), SnapshotFiles.fileName(3), SnapshotFiles.fileName(4));
    SnapshotFiles.deleteAllExcept(dir, 3);
    assertThat(Entries.fileNames(dir))
        .containsExactly(SegmentFormat.fileName(1), SnapshotFiles.fileName(3));
    assertThatThrownBy(() -> SnapshotFiles.keepNewest(dir, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be at least 1, but was 0");
  }

  @Test
  void write_bodyThrows_leavesNoFile() throws IOException {
    assertThatThrownBy(
            () ->
                SnapshotFiles.write(
                    dir,
                    3,
                    out -> {
                      out.writeLong(1);
                      throw new IOException("state unavailable");
                    },
                    FileOps.DEFAULT))
        .hasMessage("state unavailable");
    assertThat(Entries.fileNames(dir)).isEmpty();
  }

  @Test
  void open_fileChangedAfterVerification_failsAtTheEndOfTheBody() throws IOException {
    write(3, 100);
    Snapshot snapshot = SnapshotFiles.newestValid(dir, FileOps.DEFAULT).newest();
    flipByte(snapshot.path(), 20 + 8 * 50);

    assertThatThrownBy(() -> read(snapshot))
        .isInstanceOf(IOException.class)
        .hasMessage("snapshot-00000000000000000003.snap failed its checksum while being read");
  }

  @Test
  void newestValid_newerFormatVersion_throwsNamingTheFile() throws IOException {
    Path path = write(3, 1);
    byte[] bytes = Files.readAllBytes(path);
    ByteBuffer.wrap(bytes).putInt(8, 2);
    // A real newer snapshot verifies: its checksum covers the new version number.
    int trailer = bytes.length - SnapshotFiles.TRAILER_BYTES;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes, 0, trailer);
    ByteBuffer.wrap(bytes).putInt(trailer + 8, (int) crc.getValue());
    Files.write(path, bytes);

    assertThatThrownBy(() -> SnapshotFiles.newestValid(dir, FileOps.DEFAULT))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "snapshot-00000000000000000003.snap has format version 2; this version of rtprofile"
                + " reads version 1");
  }

  @Test
  void newestValid_aFlippedVersionFieldIsDamage_skipped() throws IOException {
    write(2, 1);
    Path path = write(3, 1);
    byte[] bytes = Files.readAllBytes(path);
    ByteBuffer.wrap(bytes).putInt(8, 65537);
    Files.write(path, bytes);

    assertThat(SnapshotFiles.newestValid(dir, FileOps.DEFAULT).newest().seq()).isEqualTo(2);
  }

  @Test
  void write_powerLossAtEveryStep_leavesTheOldSnapshotOrTheNew() throws IOException {
    boolean sawOld = false;
    boolean sawNew = false;
    boolean completed = false;
    for (int step = 1; !completed; step++) {
      Path run = Files.createDirectory(dir.resolve("run-" + step));
      SnapshotFiles.write(run, 1, out -> out.writeLong(1), FileOps.DEFAULT);
      PowerLossFileOps files = new PowerLossFileOps(run);
      files.crashAtChange(step);
      try {
        SnapshotFiles.write(run, 2, out -> out.writeLong(2), files);
        completed = true;
      } catch (IOException e) {
        assertThat(files.isOff()).isTrue();
      }
      files.restoreDurableState();

      Snapshot newest = SnapshotFiles.newestValid(run, FileOps.DEFAULT).newest();
      assertThat(newest.seq()).as("step %d", step).isIn(1L, 2L);
      assertThat(read(newest)).containsExactly(newest.seq());
      sawOld |= newest.seq() == 1;
      sawNew |= newest.seq() == 2;
    }
    assertThat(sawOld).isTrue();
    assertThat(sawNew).isTrue();
  }
}
