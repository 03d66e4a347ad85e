package dev.rtprofile.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * A snapshot body's bytes, read from its file: exactly {@code bodyBytes} bytes after the header,
 * buffered, checksummed as they pass. When the last byte has been read it compares the CRC32C (of
 * the header and the body) with the trailer's and throws if they differ, so that a file changed
 * after it was verified is never read to its end silently. Closing it closes the file. Not
 * thread-safe.
 */
final class CheckedBodyInput extends InputStream {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final FileChannel channel;
  private final String name;
  private final CRC32C crc = new CRC32C();
  private final int expectedCrc;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
  private long position;
  private long remaining;

  /**
   * Reads the body of a snapshot file.
   *
   * @param header the header's bytes, which the checksum covers
   */
  CheckedBodyInput(FileChannel channel, String name, byte[] header, long bodyBytes, int expected) {
    this.channel = channel;
    this.name = name;
    this.expectedCrc = expected;
    this.position = header.length;
    this.remaining = bodyBytes;
    crc.update(header);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (!buffer.hasRemaining() && !refill()) {
      return -1;
    }
    int n = Math.min(length, buffer.remaining());
    buffer.get(bytes, offset, n);
    return n;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private boolean refill() throws IOException {
    if (remaining == 0) {
      return false;
    }
    buffer.clear().limit((int) Math.min(BUFFER_BYTES, remaining));
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, position + buffer.position());
      if (read < 0) {
        throw new IOException(name + " ended before its body did");
      }
    }
    buffer.flip();
    crc.update(buffer.duplicate());
    position += buffer.remaining();
    remaining -= buffer.remaining();
    if (remaining == 0 && (int) crc.getValue() != expectedCrc) {
      throw new IOException(name + " failed its checksum while being read");
    }
    return true;
  }
}
