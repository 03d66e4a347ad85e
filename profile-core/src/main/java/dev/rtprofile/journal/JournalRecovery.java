package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link Journal#open} does before anything else: reads every segment forward, stops at the
 * first damage (a short or bad header or entry, a header that disagrees with its file name, a
 * sequence gap between segments) and, for a writer, repairs the directory to hold exactly what was
 * recovered: the damaged segment truncated at its last good entry (or deleted if its header is
 * bad), every later segment deleted, leftover temporary files deleted, the directory forced.
 *
 * <p>Never throws because of damage. Throws {@link IOException} for I/O errors and for a segment of
 * a newer format version, naming the file.
 */
final class JournalRecovery {
  private static final Logger log = LoggerFactory.getLogger(JournalRecovery.class);

  /**
   * The outcome.
   *
   * @param segments the segments kept, oldest first
   * @param recovery the public account
   * @param nextSeq the sequence number of the next entry appended
   */
  record Recovered(List<Segment> segments, Recovery recovery, long nextSeq) {}

  private final Path dir;
  private final FileOps files;

  private JournalRecovery(Path dir, FileOps files) {
    this.dir = dir;
    this.files = files;
  }

  /** Scans {@code dir}, and repairs it unless {@code readOnly}. */
  static Recovered recover(Path dir, FileOps files, boolean readOnly) throws IOException {
    return new JournalRecovery(dir, files).run(readOnly);
  }

  private Recovered run(boolean readOnly) throws IOException {
    List<Path> segmentFiles = new ArrayList<>();
    List<Path> temporary = new ArrayList<>();
    for (Path entry : files.list(dir)) {
      String name = entry.getFileName().toString();
      if (SegmentFormat.segmentSeq(entry) >= 1) {
        segmentFiles.add(entry);
      } else if (name.endsWith(SegmentFormat.TEMP_SUFFIX)) {
        temporary.add(entry);
      }
    }
    segmentFiles.sort(Comparator.comparingLong(SegmentFormat::segmentSeq));

    List<Segment> kept = new ArrayList<>();
    Damage damage = null;
    Segment truncated = null; // the damaged segment's good part, if its header was good
    Path damagedFile = null;
    List<Path> later = new ArrayList<>();
    long nextSeq = segmentFiles.isEmpty() ? 1 : SegmentFormat.segmentSeq(segmentFiles.get(0));
    for (Path file : segmentFiles) {
      if (damage != null) {
        later.add(file);
        damage = withMoreDropped(damage, files.size(file));
        continue;
      }
      long size = files.size(file);
      Scan scan = scan(file, size, kept.isEmpty() ? -1 : nextSeq);
      if (scan.segment != null) {
        nextSeq = scan.segment.lastSeq() + 1;
      }
      if (scan.reason == null) {
        kept.add(scan.segment);
        continue;
      }
      damage = new Damage(name(file), scan.offset, scan.reason, size - scan.offset);
      damagedFile = file;
      if (scan.segment != null) {
        kept.add(scan.segment);
        truncated = scan.segment;
      }
    }
    if (damage != null) {
      log.warn(
          "journal recovery stopped at {} offset {}: {}; {} bytes after it {}",
          damage.segmentFile(),
          damage.offset(),
          damage.reason(),
          damage.bytesDropped(),
          readOnly ? "ignored (read-only)" : "dropped");
    }
    if (!readOnly) {
      repair(truncated, damagedFile, later, temporary);
    }
    long entries = kept.stream().mapToLong(Segment::entries).sum();
    long firstSeq = kept.isEmpty() ? nextSeq : kept.get(0).firstSeq();
    return new Recovered(
        kept, new Recovery(entries, firstSeq, firstSeq + entries - 1, damage), nextSeq);
  }

  /** One segment's scan: its good part (null if its header is bad) and its damage if any. */
  private record Scan(@Nullable Segment segment, @Nullable String reason, long offset) {}

  /**
   * Reads one segment to its end.
   *
   * @param expectedSeq the first sequence number it must have, or -1 for the first segment
   */
  private Scan scan(Path file, long size, long expectedSeq) throws IOException {
    try (FileChannel channel = files.openForRead(file)) {
      SegmentReader reader = new SegmentReader(channel, size);
      long firstSeq;
      try {
        firstSeq = reader.readHeader();
      } catch (UnsupportedVersionException e) {
        throw new IOException(name(file) + " has " + e.getMessage(), e);
      }
      if (firstSeq < 0) {
        return new Scan(null, reader.damage(), 0);
      }
      if (firstSeq != SegmentFormat.segmentSeq(file)) {
        return new Scan(null, "header sequence does not match the file name", 0);
      }
      if (expectedSeq >= 0 && firstSeq != expectedSeq) {
        return new Scan(null, "sequence gap: the previous segment ended before " + expectedSeq, 0);
      }
      long entries = 0;
      while (reader.next()) {
        entries++;
      }
      return new Scan(
          new Segment(file, firstSeq, entries, reader.offset()), reader.damage(), reader.offset());
    }
  }

  /**
   * Makes the directory hold exactly what was recovered. The damaged segment is cut (and forced)
   * before later ones go, so a crash during the repair leaves a state that recovers the same way.
   */
  private void repair(
      @Nullable Segment truncated,
      @Nullable Path damagedFile,
      List<Path> later,
      List<Path> temporary)
      throws IOException {
    boolean changed = false;
    if (truncated != null) {
      try (FileChannel channel = files.openForWrite(truncated.path())) {
        channel.truncate(truncated.bytes());
        channel.force(true);
      }
    } else if (damagedFile != null) {
      files.delete(damagedFile);
      changed = true;
    }
    for (Path file : later) {
      files.delete(file);
      changed = true;
    }
    for (Path file : temporary) {
      log.info("journal recovery deleted the temporary file {}", name(file));
      files.delete(file);
      changed = true;
    }
    if (changed) {
      files.forceDirectory(dir);
    }
  }

  private static Damage withMoreDropped(Damage damage, long bytes) {
    return new Damage(
        damage.segmentFile(), damage.offset(), damage.reason(), damage.bytesDropped() + bytes);
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
