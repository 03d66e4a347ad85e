package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test file system over one directory that remembers what a power failure would leave: for each
 * file (an "inode", which renames move) the bytes as of its last force, and for the directory the
 * names as of its last force. {@link #powerLoss()} stops every later change (they throw, as if the
 * machine were off); {@link #restoreDurableState()} then rewrites the real directory to what the
 * disk would hold: only durable names, each with only its forced bytes. So an unforced write is
 * lost, and so are a creation, a rename or a deletion not followed by a directory force.
 *
 * <p>{@link #crashAtChange(int)} cuts the power just before the n-th change (write, truncate,
 * force, create, rename, delete, directory force), to crash between any two steps. Thread-safe:
 * every method is synchronized.
 */
public final class PowerLossFileOps extends ForwardingFileOps {
  /** A file's identity across renames, and its durable content. */
  private static final class Inode {
    byte[] forced = new byte[0];
  }

  private final Path dir;
  private final Map<String, Inode> live = new HashMap<>();
  private Map<String, Inode> durable;
  private boolean off;
  private int changesUntilCrash = -1;
  private int changes;
  public int forces;

  /** Starts with the directory as it is, all of it durable. */
  public PowerLossFileOps(Path dir) throws IOException {
    this.dir = dir;
    for (Path file : DEFAULT.list(dir)) {
      if (Files.isRegularFile(file)) {
        Inode inode = new Inode();
        inode.forced = Files.readAllBytes(file);
        live.put(name(file), inode);
      }
    }
    durable = new HashMap<>(live);
  }

  /** Cuts the power just before the {@code n}-th change from now (1 = the next one). */
  public synchronized void crashAtChange(int n) {
    changesUntilCrash = n;
  }

  /** Returns how many changes were made. */
  public synchronized int changes() {
    return changes;
  }

  /** Returns whether the power is off. */
  public synchronized boolean isOff() {
    return off;
  }

  /** Cuts the power: every later change throws. */
  public synchronized void powerLoss() {
    off = true;
  }

  /**
   * Rewrites the directory to what survived the power loss. Call once the code under test has
   * stopped (its journal closed or abandoned).
   */
  public synchronized void restoreDurableState() throws IOException {
    off = true;
    for (Path file : DEFAULT.list(dir)) {
      if (Files.isRegularFile(file)) {
        Files.delete(file);
      }
    }
    for (Map.Entry<String, Inode> entry : durable.entrySet()) {
      Files.write(dir.resolve(entry.getKey()), entry.getValue().forced);
    }
  }

  private void change() throws IOException {
    if (!off && changesUntilCrash > 0 && --changesUntilCrash == 0) {
      off = true;
    }
    if (off) {
      throw new IOException("simulated power loss");
    }
    changes++;
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  @Override
  FileChannel wrap(Path file, FileChannel channel) {
    Inode inode = live.get(name(file));
    return new ForwardingFileChannel(channel) {
      @Override
      public int write(ByteBuffer src) throws IOException {
        synchronized (PowerLossFileOps.this) {
          change();
          return delegate.write(src);
        }
      }

      @Override
      public int write(ByteBuffer src, long position) throws IOException {
        synchronized (PowerLossFileOps.this) {
          change();
          return delegate.write(src, position);
        }
      }

      @Override
      public FileChannel truncate(long size) throws IOException {
        synchronized (PowerLossFileOps.this) {
          change();
          delegate.truncate(size);
          return this;
        }
      }

      @Override
      public void force(boolean metaData) throws IOException {
        synchronized (PowerLossFileOps.this) {
          change();
          forces++;
          ByteBuffer content = ByteBuffer.allocate((int) delegate.size());
          while (content.hasRemaining() && delegate.read(content, content.position()) >= 0) {
            // reads the whole file
          }
          inode.forced = content.array();
        }
      }
    };
  }

  @Override
  public synchronized FileChannel openForRead(Path file) throws IOException {
    return super.openForRead(file);
  }

  @Override
  public synchronized FileChannel openForWrite(Path file) throws IOException {
    return super.openForWrite(file);
  }

  @Override
  public synchronized FileChannel create(Path file) throws IOException {
    change();
    FileChannel channel = DEFAULT.create(file);
    live.put(name(file), new Inode());
    return wrap(file, channel);
  }

  @Override
  public synchronized List<Path> list(Path dir) throws IOException {
    return super.list(dir);
  }

  @Override
  public synchronized void moveAtomically(Path source, Path target) throws IOException {
    change();
    super.moveAtomically(source, target);
    live.put(name(target), live.remove(name(source)));
  }

  @Override
  public synchronized void delete(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    change();
    super.delete(file);
    live.remove(name(file));
  }

  @Override
  public synchronized void forceDirectory(Path dir) throws IOException {
    change();
    durable = new HashMap<>(live);
  }
}
