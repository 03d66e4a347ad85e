package dev.rtprofile.journal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites one closed segment through an {@link EntryRewriter}: the same entries with the same
 * sequence numbers, some payloads replaced. Nothing is written until the first entry changes; then
 * the bytes before it are copied to {@code <segment>.tmp} and the rest follows entry by entry. The
 * temporary file is forced, renamed over the segment and the directory forced, so a crash leaves
 * the old file or the new one, never a mix ({@link CrashPoints#REWRITE_AFTER_TEMP_WRITE}, {@link
 * CrashPoints#REWRITE_AFTER_RENAME}); a leftover temporary file is deleted by the next {@link
 * Journal#open}.
 */
final class SegmentRewrite {
  private static final int COPY_BUFFER_BYTES = 64 * 1024;

  private final Path dir;
  private final FileOps files;
  private final int maxEntryBytes;

  SegmentRewrite(Path dir, FileOps files, int maxEntryBytes) {
    this.dir = dir;
    this.files = files;
    this.maxEntryBytes = maxEntryBytes;
  }

  /**
   * Offers the segment's entries with {@code seq <= throughSeq} to the rewriter.
   *
   * @return the rewritten segment, or empty if no entry changed (the file was not touched)
   */
  Optional<Segment> rewrite(Segment segment, long throughSeq, EntryRewriter rewriter)
      throws IOException {
    Path temp = segment.path().resolveSibling(segment.name() + SegmentFormat.TEMP_SUFFIX);
    FileChannel out = null;
    DataOutputStream data = null;
    boolean done = false;
    try (FileChannel in = files.openForRead(segment.path())) {
      SegmentReader reader = new SegmentReader(in, segment.bytes());
      if (reader.readHeader() != segment.firstSeq()) {
        throw changed(segment, 0);
      }
      long seq = segment.firstSeq();
      for (long i = 0; i < segment.entries(); i++, seq++) {
        long entryOffset = reader.offset();
        if (!reader.next()) {
          throw changed(segment, entryOffset);
        }
        byte @Nullable [] replacement =
            seq <= throughSeq ? rewriter.rewrite(seq, reader.payload()) : null;
        if (replacement != null) {
          checkLength(seq, replacement.length);
        }
        if (data == null && replacement != null) {
          files.delete(temp);
          out = files.create(temp);
          copyPrefix(in, out, entryOffset);
          out.position(entryOffset);
          data =
              new DataOutputStream(
                  new BufferedOutputStream(Channels.newOutputStream(out), COPY_BUFFER_BYTES));
        }
        if (data != null) {
          writeEntry(data, replacement != null ? ByteBuffer.wrap(replacement) : reader.payload());
        }
      }
      if (data == null) {
        done = true;
        return Optional.empty();
      }
      data.flush();
      long bytes = out.size();
      out.force(true);
      out.close();
      CrashPoints.hit(CrashPoints.REWRITE_AFTER_TEMP_WRITE);
      files.moveAtomically(temp, segment.path());
      done = true;
      CrashPoints.hit(CrashPoints.REWRITE_AFTER_RENAME);
      files.forceDirectory(dir);
      return Optional.of(new Segment(segment.path(), segment.firstSeq(), segment.entries(), bytes));
    } finally {
      if (!done) {
        if (out != null) {
          out.close();
        }
        files.delete(temp);
      }
    }
  }

  private void checkLength(long seq, int length) {
    if (length < 1 || length > maxEntryBytes) {
      throw new IllegalArgumentException(
          "the rewritten payload of entry "
              + seq
              + " must have 1 to maxEntryBytes "
              + maxEntryBytes
              + " bytes, but had "
              + length);
    }
  }

  private static void writeEntry(DataOutputStream data, ByteBuffer payload) throws IOException {
    data.writeInt(payload.remaining());
    data.writeInt(SegmentFormat.crc(payload));
    if (payload.hasArray()) {
      data.write(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining());
    } else {
      byte[] bytes = new byte[payload.remaining()];
      payload.duplicate().get(bytes);
      data.write(bytes);
    }
  }

  private static void copyPrefix(FileChannel in, FileChannel out, long bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER_BYTES);
    long offset = 0;
    while (offset < bytes) {
      buffer.clear().limit((int) Math.min(COPY_BUFFER_BYTES, bytes - offset));
      int read = in.read(buffer, offset);
      if (read < 0) {
        throw new IOException("the segment ended early while copying it");
      }
      buffer.flip();
      while (buffer.hasRemaining()) {
        offset += out.write(buffer, offset);
      }
    }
  }

  /** The file no longer holds what the journal recorded for it (changed outside the journal). */
  static IOException changed(Segment segment, long offset) {
    return new IOException(
        segment.name() + " changed since the journal was opened: bad data at offset " + offset);
  }
}
