package dev.rtprofile.journal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * An output stream into a file channel at its position that keeps the CRC32C and the count of what
 * passed through it. Unbuffered (wrap it); {@link #close()} does not close the channel. Not
 * thread-safe.
 */
final class ChecksummedOutput extends OutputStream {
  private final FileChannel channel;
  private final CRC32C crc = new CRC32C();
  private long count;

  ChecksummedOutput(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    crc.update(bytes, offset, length);
    count += length;
  }

  /** Does not close the channel; the snapshot writer does, after forcing it. */
  @Override
  public void close() {}

  /** Returns the CRC32C of every byte written, as an int. */
  int crc() {
    return (int) crc.getValue();
  }

  /** Returns the number of bytes written. */
  long count() {
    return count;
  }
}
