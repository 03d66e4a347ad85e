package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test file system that counts forces and can fail them, fill the disk, or hold a force until the
 * test lets it go. Forces reach the disk only if {@code realForces} (off by default, which keeps
 * tests fast; durability is {@link PowerLossFileOps}'s subject). Thread-safe.
 */
public final class FaultyFileOps extends ForwardingFileOps {
  /** Runs before a channel force; may block or throw. */
  @FunctionalInterface
  public interface ForceHook {
    void beforeForce(Path file) throws IOException;
  }

  public final AtomicInteger forces = new AtomicInteger();
  public final AtomicInteger directoryForces = new AtomicInteger();

  /** Bytes that writes may still add before "No space left on device". */
  public final AtomicLong freeBytes = new AtomicLong(Long.MAX_VALUE);

  public volatile boolean failForces;
  public volatile boolean realForces;
  public volatile ForceHook forceHook = file -> {};

  @Override
  FileChannel wrap(Path file, FileChannel channel) {
    return new ForwardingFileChannel(channel) {
      @Override
      public int write(ByteBuffer src) throws IOException {
        ByteBuffer part = part(src);
        int written = delegate.write(part);
        src.position(src.position() + written);
        return written;
      }

      @Override
      public int write(ByteBuffer src, long position) throws IOException {
        ByteBuffer part = part(src);
        int written = delegate.write(part, position);
        src.position(src.position() + written);
        return written;
      }

      private ByteBuffer part(ByteBuffer src) throws IOException {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + reserve(src.remaining()));
        return part;
      }

      /**
       * Takes room for up to {@code wanted} bytes; returns how many fit (a short write, like a
       * nearly full disk), or throws if none do.
       */
      private int reserve(int wanted) throws IOException {
        while (true) {
          long free = freeBytes.get();
          if (free == 0 && wanted > 0) {
            throw new IOException("No space left on device");
          }
          long allowed = Math.min(free, wanted);
          if (freeBytes.compareAndSet(free, free - allowed)) {
            return (int) allowed;
          }
        }
      }

      @Override
      public void force(boolean metaData) throws IOException {
        forces.incrementAndGet();
        forceHook.beforeForce(file);
        if (failForces) {
          throw new IOException("Input/output error");
        }
        if (realForces) {
          delegate.force(metaData);
        }
      }
    };
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    directoryForces.incrementAndGet();
    if (realForces) {
      super.forceDirectory(dir);
    }
  }
}
