package dev.rtprofile.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An append-only, segmented, checksummed journal of opaque byte entries, numbered consecutively
 * from 1. Files: {@code journal-<firstSeq, 20 digits>.log}, each a header (magic, format version,
 * first sequence number, CRC32C) and entries {@code [int length][int CRC32C(payload)][payload]}. It
 * is the durable store's truth: the store appends each command, waits for {@link #awaitDurable}
 * before acknowledging it, and on restart {@link #replay replays} what {@link #open} recovered.
 *
 * <p><b>Threads.</b> One thread at a time, the store's writer, calls {@link #append}, {@link
 * #roll}, {@link #deleteThrough}, {@link #rewrite}, {@link #replay} and {@link #close}. Any thread
 * may call {@link #awaitDurable}, {@link #sync} and the getters at any time, concurrently with the
 * writer: {@code append} never waits for the disk (it copies into a buffer), and threads waiting
 * together share one force (group commit). All writes and forces run on the journal's own daemon
 * thread (the package-private {@code JournalWriter} documents the protocol).
 *
 * <p><b>Failure.</b> If a write or a force fails, the journal is failed for good ({@link
 * JournalFailedException}): the failed force is never retried and nothing more is written; reopen
 * it to recover what reached the disk.
 *
 * <p><b>One writer.</b> The journal does not lock its directory; its opener holds a {@link
 * DirectoryLock} while it is open for writing.
 */
public final class Journal implements Closeable {
  private final Path dir;
  private final JournalOptions options;
  private final Recovery recovery;
  private final SegmentTable table;
  private final @Nullable JournalWriter writer;
  private boolean closed;

  private Journal(
      Path dir,
      JournalOptions options,
      Recovery recovery,
      SegmentTable table,
      @Nullable JournalWriter writer) {
    this.dir = dir;
    this.options = options;
    this.recovery = recovery;
    this.table = table;
    this.writer = writer;
  }

  /**
   * Opens the journal in {@code dir}, recovering what its files hold.
   *
   * <p>Reads every segment and stops at the first short or bad entry (bad length, checksum
   * mismatch), bad header, or gap between segments; {@link #recovery()} reports it. A writer then
   * truncates the damaged segment at its last good entry, deletes every later segment file and
   * every leftover temporary file ({@code *.tmp}) in {@code dir}, forces the last segment and the
   * directory, and appends after the last good entry. A read-only journal changes nothing and
   * ignores what follows the damage. A missing directory is created for a writer.
   *
   * @throws IOException for an I/O error, a missing directory when read-only, or a segment of a
   *     newer format version; the message names the file, never data. Never because of damage
   */
  public static Journal open(Path dir, JournalOptions options) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    FileOps files = options.files();
    if (options.readOnly()) {
      if (!files.exists(dir)) {
        throw new NoSuchFileException(dir.toString(), null, "no journal directory to read");
      }
    } else {
      files.createDirectories(dir);
    }
    JournalRecovery.Recovered recovered = JournalRecovery.recover(dir, files, options.readOnly());
    SegmentTable table = new SegmentTable(recovered.segments(), recovered.nextSeq());
    if (options.readOnly()) {
      return new Journal(dir, options, recovered.recovery(), table, null);
    }
    SegmentAppender appender =
        SegmentAppender.open(dir, files, options.segmentBytes(), table, recovered.nextSeq());
    try {
      appender.force(); // what was recovered may sit only in the OS cache; acknowledge from here
    } catch (IOException | RuntimeException e) {
      appender.closeQuietly();
      throw e;
    }
    JournalWriter writer =
        new JournalWriter(
            options.mode(), options.interval().toNanos(), appender, recovered.recovery().lastSeq());
    return new Journal(dir, options, recovered.recovery(), table, writer);
  }

  /** Returns what {@link #open} found: the entries held and the damage it stopped at, if any. */
  public Recovery recovery() {
    return recovery;
  }

  /** Returns the sequence number of the first entry still held (1 unless some were deleted). */
  public long firstSeq() {
    return table.firstSeq();
  }

  /** Returns the sequence number of the last entry appended ({@code firstSeq() - 1} if none). */
  public long lastSeq() {
    return writer != null ? writer.lastSeq() : recovery.lastSeq();
  }

  /**
   * Calls {@code consumer} for every entry with {@code seq >= fromSeq}, in order. Entries appended
   * but not yet written are written to the operating system first (not forced).
   *
   * @throws IOException if the consumer throws it, if a file no longer holds what the journal
   *     recorded for it (changed behind its back), or if the journal failed
   */
  public void replay(long fromSeq, EntryConsumer consumer) throws IOException {
    Objects.requireNonNull(consumer, "consumer");
    if (writer != null && writer.lastSeq() >= Math.max(fromSeq, firstSeq())) {
      writer.awaitWritten(writer.lastSeq());
    }
    for (Segment segment : table.snapshot()) {
      if (segment.lastSeq() < fromSeq) {
        continue;
      }
      try (FileChannel channel = options.files().openForRead(segment.path())) {
        SegmentReader reader = new SegmentReader(channel, segment.bytes());
        if (reader.readHeader() != segment.firstSeq()) {
          throw SegmentRewrite.changed(segment, 0);
        }
        long seq = segment.firstSeq();
        for (long i = 0; i < segment.entries(); i++, seq++) {
          long offset = reader.offset();
          if (!reader.next()) {
            throw SegmentRewrite.changed(segment, offset);
          }
          if (seq >= fromSeq) {
            consumer.accept(seq, reader.payload());
          }
        }
      }
    }
  }

  /**
   * Appends an entry (a copy of the bytes) and returns its sequence number, the previous one plus
   * one. Never waits for the disk: call {@link #awaitDurable} before acknowledging it.
   *
   * @throws JournalFailedException if a write or force failed earlier
   * @throws IllegalStateException if the journal is closed or read-only
   * @throws IllegalArgumentException if {@code length} is 0 or over {@link
   *     JournalOptions#maxEntryBytes()}
   * @throws IndexOutOfBoundsException if the range is outside {@code payload}
   */
  public long append(byte[] payload, int offset, int length) throws JournalFailedException {
    Objects.checkFromIndexSize(offset, length, payload.length);
    if (length < 1 || length > options.maxEntryBytes()) {
      throw new IllegalArgumentException(
          "length must be from 1 to maxEntryBytes "
              + options.maxEntryBytes()
              + ", but was "
              + length);
    }
    int crc = SegmentFormat.crc(payload, offset, length);
    return writable().append(payload, offset, length, crc);
  }

  /**
   * Waits until the entry {@code seq} (and every entry before it) is as durable as the {@link
   * SyncMode} promises: written and forced for {@link SyncMode#EVERY_WRITE}, written to the
   * operating system otherwise. Returns at once for a read-only journal.
   *
   * @throws JournalFailedException if a write or force failed, before or while waiting
   * @throws java.io.InterruptedIOException if the thread is interrupted while waiting (the entry
   *     may still become durable)
   * @throws IllegalArgumentException if {@code seq > lastSeq()}
   */
  public void awaitDurable(long seq) throws IOException {
    if (writer == null) {
      if (seq > recovery.lastSeq()) {
        throw new IllegalArgumentException(
            "seq must be at most lastSeq() " + recovery.lastSeq() + ", but was " + seq);
      }
      return;
    }
    writer.awaitDurable(seq);
  }

  /**
   * Writes and forces every entry appended so far, whatever the {@link SyncMode}. Does nothing for
   * a read-only journal.
   *
   * @throws JournalFailedException if a write or force failed
   */
  public void sync() throws IOException {
    if (writer != null) {
      writer.sync();
    }
  }

  /**
   * Syncs, then closes the current segment: the next append goes into a new segment file (created
   * at once, empty). Does nothing more if the current segment holds no entry.
   *
   * @return {@link #lastSeq()}, the last entry of the segment just closed
   * @throws JournalFailedException if a write or force failed
   * @throws IllegalStateException if the journal is closed or read-only
   */
  public long roll() throws IOException {
    return writable().roll();
  }

  /**
   * Deletes the oldest segments whose entries all have sequence numbers {@code <= seq}, never the
   * current one, oldest first, forcing the directory after each, so that a crash can only leave a
   * suffix of the journal. Afterwards {@link #firstSeq()} is the first entry of the oldest segment
   * kept.
   *
   * @throws IllegalStateException if the journal is closed or read-only
   */
  public void deleteThrough(long seq) throws IOException {
    writable();
    List<Segment> segments = table.snapshot();
    for (Segment segment : segments.subList(0, segments.size() - 1)) {
      if (segment.lastSeq() > seq) {
        break;
      }
      options.files().delete(segment.path());
      table.removeOldest(segment);
      options.files().forceDirectory(dir);
    }
  }

  /**
   * Rewrites closed segments for erasure: calls {@code rewriter} for each entry with {@code seq <=
   * throughSeq} in the closed segments (all but the current one), in order, and writes back the
   * payloads it returns. Entries are never dropped and sequence numbers never change. A segment
   * with at least one changed entry is copied to a temporary file, forced, renamed over the old one
   * and the directory forced; a crash at any point leaves the old file or the new one, never a mix,
   * and the next {@link #open} deletes a leftover temporary file. Segments with no change are not
   * touched.
   *
   * <p>The current segment is not visited: call {@link #roll()} first so that every entry up to
   * {@code throughSeq} is in a closed segment.
   *
   * @throws IOException if the rewriter throws it or for an I/O error; segments rewritten before
   *     stay rewritten, the one in progress is left as it was. The journal does not fail
   * @throws IllegalArgumentException if the rewriter returns an empty or too long payload
   * @throws IllegalStateException if the journal is closed or read-only
   */
  public void rewrite(long throughSeq, EntryRewriter rewriter) throws IOException {
    Objects.requireNonNull(rewriter, "rewriter");
    writable();
    SegmentRewrite rewrite = new SegmentRewrite(dir, options.files(), options.maxEntryBytes());
    List<Segment> segments = table.snapshot();
    for (Segment segment : segments.subList(0, segments.size() - 1)) {
      if (segment.firstSeq() > throughSeq) {
        break;
      }
      Optional<Segment> rewritten = rewrite.rewrite(segment, throughSeq, rewriter);
      if (rewritten.isPresent()) {
        table.replace(segment, rewritten.get());
      }
    }
  }

  /** Returns whether a write or a force failed, so that the journal must be reopened. */
  public boolean failed() {
    return writer != null && writer.failed();
  }

  /**
   * Syncs (if writable) and closes the journal. Idempotent: later calls do nothing.
   *
   * @throws JournalFailedException on the first call if the journal failed (its files are closed
   *     anyway, without a force)
   */
  @Override
  public void close() throws IOException {
    closed = true;
    if (writer != null) {
      writer.close();
    }
  }

  private JournalWriter writable() {
    if (writer == null) {
      throw new IllegalStateException("the journal was opened read-only");
    }
    if (closed) {
      throw new IllegalStateException("the journal is closed");
    }
    return writer;
  }
}
