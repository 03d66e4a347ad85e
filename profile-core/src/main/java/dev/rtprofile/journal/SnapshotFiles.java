package dev.rtprofile.journal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshot files beside the journal: {@code snapshot-<seq, 20 digits>.snap}, each the store's state
 * after journal entry {@code seq}. A snapshot is only a cache of the journal, so a bad one is
 * skipped, never trusted.
 *
 * <pre>
 * header   [8 bytes magic "RTPSNAP1"][int version = 1][long seq]
 * body     what the {@link SnapshotWriter} wrote
 * trailer  [long body length][int CRC32C of the header and the body]
 * </pre>
 *
 * <p>{@link #write} never leaves a partial snapshot under a snapshot's name: it writes {@code
 * <name>.tmp}, forces it, renames it and forces the directory ({@link
 * CrashPoints#SNAPSHOT_AFTER_TEMP_WRITE}, {@link CrashPoints#SNAPSHOT_AFTER_RENAME}). Temporary
 * files are ignored by readers and deleted by {@link #keepNewest}, {@link #deleteAllExcept} and
 * {@link Journal#open}. These methods are for the directory's one writer (readers may call {@link
 * #newestValid} and {@link #open}); they do not run concurrently with each other.
 */
public final class SnapshotFiles {
  private static final Logger log = LoggerFactory.getLogger(SnapshotFiles.class);
  private static final byte[] MAGIC = "RTPSNAP1".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 8 + 4 + 8;
  static final int TRAILER_BYTES = 8 + 4;
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final String PREFIX = "snapshot-";
  private static final String SUFFIX = ".snap";

  private SnapshotFiles() {}

  /** Returns the file name of the snapshot at {@code seq}. */
  public static String fileName(long seq) {
    return PREFIX + SegmentFormat.digits(seq) + SUFFIX;
  }

  /**
   * Writes the snapshot at {@code seq} (replacing one at the same seq): to a temporary file,
   * forced, renamed into place, then the directory forced.
   *
   * @return the snapshot's path
   * @throws IOException if {@code body} throws it or for an I/O error; the temporary file is then
   *     deleted and no snapshot file changed
   */
  public static Path write(Path dir, long seq, SnapshotWriter body, FileOps files)
      throws IOException {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must not be negative, but was " + seq);
    }
    Path target = dir.resolve(fileName(seq));
    Path temp = dir.resolve(fileName(seq) + SegmentFormat.TEMP_SUFFIX);
    files.delete(temp);
    boolean renamed = false;
    try {
      try (FileChannel channel = files.create(temp)) {
        ChecksummedOutput sink = new ChecksummedOutput(channel);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION);
        sink.write(header.putLong(seq).array());
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, BUFFER_BYTES));
        body.write(out);
        out.flush();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        trailer.putLong(sink.count() - HEADER_BYTES).putInt(sink.crc()).flip();
        while (trailer.hasRemaining()) {
          channel.write(trailer);
        }
        channel.force(true);
      }
      CrashPoints.hit(CrashPoints.SNAPSHOT_AFTER_TEMP_WRITE);
      files.moveAtomically(temp, target);
      renamed = true;
      CrashPoints.hit(CrashPoints.SNAPSHOT_AFTER_RENAME);
      files.forceDirectory(dir);
      return target;
    } finally {
      if (!renamed) {
        files.delete(temp);
      }
    }
  }

  /**
   * Finds the newest snapshot whose header and checksum verify (a full pass over each file tried),
   * newest first, skipping the bad ones.
   *
   * @throws IOException for an I/O error other than in reading a candidate, or for a snapshot of a
   *     newer format version (the message names the file)
   */
  public static SnapshotSearch newestValid(Path dir, FileOps files) throws IOException {
    List<SnapshotSearch.Skipped> skipped = new ArrayList<>();
    for (Path file : snapshots(dir, files)) {
      String name = file.getFileName().toString();
      try {
        return new SnapshotSearch(verify(file, files), skipped);
      } catch (BadSnapshotException e) {
        log.warn("skipped the snapshot {}: {}", name, e.getMessage());
        skipped.add(new SnapshotSearch.Skipped(name, e.getMessage()));
      }
    }
    return new SnapshotSearch(null, skipped);
  }

  /**
   * Every snapshot whose header and trailer are sound, newest first, without the checksum pass: for
   * a reader that reads the whole body through {@link #open}, which checks the checksum as it reads
   * and throws at the end of the body on a mismatch (so a restart reads each byte once). Files
   * whose header or trailer is bad are logged and left out.
   */
  public static List<Snapshot> unverified(Path dir, FileOps files) throws IOException {
    List<Snapshot> out = new ArrayList<>();
    for (Path file : snapshots(dir, files)) {
      try (FileChannel channel = files.openForRead(file)) {
        int version = checkEnds(file, channel);
        if (version != VERSION) {
          // Damage or a newer format: the checksum tells (verify throws for a sound newer one).
          out.add(verify(file, files));
          continue;
        }
        out.add(new Snapshot(file, seqOf(file), channel.size() - HEADER_BYTES - TRAILER_BYTES));
      } catch (BadSnapshotException e) {
        log.warn("skipped the snapshot {}: {}", file.getFileName(), e.getMessage());
      }
    }
    return out;
  }

  /**
   * Opens a verified snapshot's body. The stream checks the checksum again as it reads and throws
   * an {@link IOException} at the end of the body if the file changed since it was verified.
   * Closing the stream closes the file.
   */
  public static DataInputStream open(Snapshot snapshot, FileOps files) throws IOException {
    FileChannel channel = files.openForRead(snapshot.path());
    try {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
      readFully(channel, header, 0);
      readFully(channel, trailer, size - TRAILER_BYTES);
      if (size != HEADER_BYTES + snapshot.bodyBytes() + TRAILER_BYTES
          || trailer.getLong(0) != snapshot.bodyBytes()
          || header.getLong(12) != snapshot.seq()) {
        throw new IOException(snapshot.path().getFileName() + " changed since it was verified");
      }
      CheckedBodyInput body =
          new CheckedBodyInput(
              channel,
              snapshot.path().getFileName().toString(),
              header.array(),
              snapshot.bodyBytes(),
              trailer.getInt(8));
      return new DataInputStream(new BufferedInputStream(body, BUFFER_BYTES));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Deletes all but the {@code count} newest snapshot files (by seq, valid or not) and every
   * snapshot temporary file, then forces the directory if it deleted anything.
   */
  public static void keepNewest(Path dir, int count, FileOps files) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, but was " + count);
    }
    List<Path> snapshots = snapshots(dir, files);
    delete(dir, files, snapshots.subList(Math.min(count, snapshots.size()), snapshots.size()));
  }

  /** {@link #keepNewest(Path, int, FileOps)} with {@link FileOps#DEFAULT}. */
  public static void keepNewest(Path dir, int count) throws IOException {
    keepNewest(dir, count, FileOps.DEFAULT);
  }

  /**
   * Deletes every snapshot file but the one at {@code seq}, and every snapshot temporary file, then
   * forces the directory if it deleted anything. For erasure: once a snapshot without the erased
   * values is written, the older ones that may hold them go.
   */
  public static void deleteAllExcept(Path dir, long seq, FileOps files) throws IOException {
    List<Path> others = new ArrayList<>(snapshots(dir, files));
    others.removeIf(file -> seqOf(file) == seq);
    delete(dir, files, others);
  }

  /** {@link #deleteAllExcept(Path, long, FileOps)} with {@link FileOps#DEFAULT}. */
  public static void deleteAllExcept(Path dir, long seq) throws IOException {
    deleteAllExcept(dir, seq, FileOps.DEFAULT);
  }

  /** Deletes the files and the snapshot temporary files, forcing the directory after. */
  private static void delete(Path dir, FileOps files, List<Path> doomed) throws IOException {
    List<Path> all = new ArrayList<>(doomed);
    for (Path entry : files.list(dir)) {
      String name = entry.getFileName().toString();
      if (name.startsWith(PREFIX) && name.endsWith(SUFFIX + SegmentFormat.TEMP_SUFFIX)) {
        all.add(entry);
      }
    }
    for (Path file : all) {
      files.delete(file);
    }
    if (!all.isEmpty()) {
      files.forceDirectory(dir);
    }
  }

  /** Returns the snapshot files in {@code dir}, newest first. */
  private static List<Path> snapshots(Path dir, FileOps files) throws IOException {
    List<Path> snapshots = new ArrayList<>();
    for (Path entry : files.list(dir)) {
      if (seqOf(entry) >= 0) {
        snapshots.add(entry);
      }
    }
    snapshots.sort(Comparator.comparingLong(SnapshotFiles::seqOf).reversed());
    return snapshots;
  }

  private static long seqOf(Path file) {
    return SegmentFormat.parseSeq(file.getFileName().toString(), PREFIX, SUFFIX);
  }

  /**
   * Checks a file's size, header (magic, seq matching its name) and trailer (body length matching
   * the size); returns the header's format version, not yet checked against {@link #VERSION}.
   */
  private static int checkEnds(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size < HEADER_BYTES + TRAILER_BYTES) {
      throw new BadSnapshotException("too short for a header and a trailer");
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    readFully(channel, header, 0);
    if (!Arrays.equals(Arrays.copyOf(header.array(), MAGIC.length), MAGIC)) {
      throw new BadSnapshotException("bad magic in header");
    }
    int version = header.getInt(8);
    if (version < 1 || header.getLong(12) != seqOf(file)) {
      throw new BadSnapshotException("bad header fields");
    }
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
    readFully(channel, trailer, size - TRAILER_BYTES);
    if (trailer.getLong(0) != size - HEADER_BYTES - TRAILER_BYTES) {
      throw new BadSnapshotException("body length in trailer does not match the file size");
    }
    return version;
  }

  /** Verifies one file: its name, header, length and checksum. */
  private static Snapshot verify(Path file, FileOps files) throws IOException {
    String name = file.getFileName().toString();
    try (FileChannel channel = files.openForRead(file)) {
      int version = checkEnds(file, channel);
      long size = channel.size();
      ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
      readFully(channel, trailer, size - TRAILER_BYTES);
      long bodyBytes = trailer.getLong(0);
      CRC32C crc = new CRC32C();
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      for (long offset = 0; offset < size - TRAILER_BYTES; ) {
        buffer.clear().limit((int) Math.min(BUFFER_BYTES, size - TRAILER_BYTES - offset));
        readFully(channel, buffer, offset);
        crc.update(buffer.flip());
        offset += buffer.limit();
      }
      if ((int) crc.getValue() != trailer.getInt(8)) {
        throw new BadSnapshotException("checksum mismatch");
      }
      // Only after the checksum: a flipped bit in the version field is damage, not a new format.
      if (version > VERSION) {
        throw new IOException(
            name + " has " + new UnsupportedVersionException(version).getMessage());
      }
      return new Snapshot(file, seqOf(file), bodyBytes);
    }
  }

  /** Fills {@code buffer} from the file at {@code offset}; fails if the file ends first. */
  private static void readFully(FileChannel channel, ByteBuffer buffer, long offset)
      throws IOException {
    long at = offset;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new BadSnapshotException("the file ended early");
      }
      at += read;
    }
  }

  /** A snapshot file that fails verification: skipped, not an error. */
  private static final class BadSnapshotException extends IOException {
    private static final long serialVersionUID = 1L;

    BadSnapshotException(String reason) {
      super(reason);
    }
  }
}
