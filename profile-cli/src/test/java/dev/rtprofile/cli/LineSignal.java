package dev.rtprofile.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * An output stream that opens a latch once a whole line has been written: a command's first line.
 */
final class LineSignal extends OutputStream {
  final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  final CountDownLatch line = new CountDownLatch(1);

  @Override
  public synchronized void write(int b) {
    bytes.write(b);
    if (b == '\n') {
      line.countDown();
    }
  }

  synchronized String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
