package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes framed entries to the end of the journal's current segment and starts new segments. Owned
 * by the journal's flusher thread (and by {@link Journal#open} before that thread starts): no
 * locking of its own. It publishes every change to the {@link SegmentTable} after the bytes are in
 * the file, so readers never look past what was written.
 *
 * <p>A new segment is created with its header, the header forced and the directory forced before
 * any entry goes into it, and the segment before it is forced first: so a new segment file never
 * becomes durable while entries before it may still be lost, whatever the {@link SyncMode}.
 *
 * <p>Any {@link IOException} it throws leaves it unusable: the journal fails and calls nothing but
 * {@link #closeQuietly()}.
 */
final class SegmentAppender {
  private final Path dir;
  private final FileOps files;
  private final long segmentBytes;
  private final SegmentTable table;
  private FileChannel channel;

  /** What the last I/O call was about, for the journal's failure message. */
  private String step = "opening";

  private SegmentAppender(
      Path dir, FileOps files, long segmentBytes, SegmentTable table, FileChannel channel) {
    this.dir = dir;
    this.files = files;
    this.segmentBytes = segmentBytes;
    this.table = table;
    this.channel = channel;
  }

  /**
   * Opens the table's last segment for appending at its end, or creates the first segment at {@code
   * nextSeq} if the table is empty.
   */
  static SegmentAppender open(
      Path dir, FileOps files, long segmentBytes, SegmentTable table, long nextSeq)
      throws IOException {
    if (table.snapshot().isEmpty()) {
      Segment first = new Segment(dir.resolve(SegmentFormat.fileName(nextSeq)), nextSeq, 0, 0);
      FileChannel channel = createSegment(dir, files, first.path(), nextSeq);
      table.add(first.grown(0, SegmentFormat.HEADER_BYTES));
      return new SegmentAppender(dir, files, segmentBytes, table, channel);
    }
    Segment last = table.last();
    FileChannel channel = files.openForWrite(last.path());
    return new SegmentAppender(dir, files, segmentBytes, table, channel);
  }

  /**
   * Appends a batch of framed entries, the first having sequence number {@code firstSeq}, starting
   * new segments where the current one would pass {@code segmentBytes}.
   */
  void write(ByteBuffer batch, long firstSeq) throws IOException {
    Segment current = table.last();
    if (current.lastSeq() + 1 != firstSeq) {
      throw new IllegalStateException(
          "batch starts at " + firstSeq + " but the segment ends at " + current.lastSeq());
    }
    int runStart = batch.position();
    int position = runStart;
    long runEntries = 0;
    while (position < batch.limit()) {
      int entryBytes = SegmentFormat.ENTRY_HEADER_BYTES + batch.getInt(position);
      long entries = current.entries() + runEntries;
      if (entries > 0 && current.bytes() + (position - runStart) + entryBytes > segmentBytes) {
        current = writeRun(current, batch, runStart, position, runEntries);
        current = startSegment(current, false);
        runStart = position;
        runEntries = 0;
      }
      position += entryBytes;
      runEntries++;
    }
    writeRun(current, batch, runStart, position, runEntries);
  }

  /** Forces the current segment's data to the disk. */
  void force() throws IOException {
    step = "forcing " + table.last().name();
    channel.force(true);
  }

  /**
   * Forces the current segment, then, unless it is empty, closes it and starts a new, empty one
   * after it.
   */
  void roll() throws IOException {
    force();
    Segment current = table.last();
    if (current.entries() > 0) {
      startSegment(current, true);
    }
  }

  /** Returns what the last I/O call was about, such as {@code "writing journal-…1.log"}. */
  String step() {
    return step;
  }

  /** Closes the current segment's channel without forcing it. */
  void closeQuietly() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing after a failure or after the final force: nothing left to lose
    }
  }

  private Segment writeRun(Segment current, ByteBuffer batch, int from, int to, long entries)
      throws IOException {
    if (entries == 0) {
      return current;
    }
    step = "writing " + current.name();
    ByteBuffer run = batch.duplicate().limit(to).position(from);
    long offset = current.bytes();
    while (run.hasRemaining()) {
      offset += channel.write(run, offset);
    }
    Segment grown = current.grown(entries, to - from);
    table.replaceLast(grown);
    return grown;
  }

  private Segment startSegment(Segment current, boolean forced) throws IOException {
    if (!forced) {
      force();
    }
    step = "closing " + current.name();
    channel.close();
    long firstSeq = current.lastSeq() + 1;
    Path path = dir.resolve(SegmentFormat.fileName(firstSeq));
    step = "creating " + path.getFileName();
    channel = createSegment(dir, files, path, firstSeq);
    Segment next = new Segment(path, firstSeq, 0, SegmentFormat.HEADER_BYTES);
    table.add(next);
    return next;
  }

  /** Creates a segment file with its header; forces it and the directory. */
  private static FileChannel createSegment(Path dir, FileOps files, Path path, long firstSeq)
      throws IOException {
    FileChannel channel = files.create(path);
    try {
      ByteBuffer header = SegmentFormat.header(firstSeq);
      while (header.hasRemaining()) {
        channel.write(header, header.position());
      }
      channel.force(true);
      files.forceDirectory(dir);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
