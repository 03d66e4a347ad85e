package dev.rtprofile.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one-writer lock of a storage directory: an exclusive {@link FileChannel#tryLock} on {@code
 * dir/LOCK}, held until {@link #close()}. The file holds the holder's process id, when its process
 * started and since when it holds the lock, so that a second opener's error can name it.
 *
 * <p>The operating system releases the lock when the process dies, however it dies, so a crashed
 * writer never leaves the directory locked. Within one JVM a registry of held directories refuses a
 * second lock before touching the file: on POSIX systems closing any channel of a file would drop
 * every lock this process holds on it.
 *
 * <p>Thread-safe.
 */
public final class DirectoryLock implements Closeable {
  /** The lock file's name. */
  public static final String FILE_NAME = "LOCK";

  /** This JVM's held locks: the directory's real path to what the lock file says. */
  private static final Map<Path, String> HELD = new ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;
  private boolean closed;

  private DirectoryLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (which must exist) for writing.
   *
   * @throws DirectoryLockedException if another process or this one holds the lock: "the directory
   *     DIR is open for writing by process N since T; close it there, or open the directory
   *     read-only"
   * @throws IOException if the lock file cannot be created, opened or written
   */
  public static DirectoryLock acquire(Path dir, FileOps files) throws IOException {
    Objects.requireNonNull(files, "files");
    Path key = dir.toRealPath();
    String info = holderInfo();
    String held = HELD.putIfAbsent(key, info);
    if (held != null) {
      throw locked(dir, held);
    }
    try {
      Path file = dir.resolve(FILE_NAME);
      FileChannel channel = open(files, file);
      try {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        if (lock == null) {
          throw locked(dir, read(channel));
        }
        ByteBuffer bytes = ByteBuffer.wrap(info.getBytes(StandardCharsets.UTF_8));
        channel.truncate(0);
        while (bytes.hasRemaining()) {
          channel.write(bytes, bytes.position());
        }
        channel.force(true);
        return new DirectoryLock(key, channel, lock);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      HELD.remove(key, info);
      throw e;
    }
  }

  /** Releases the lock; idempotent. The lock file stays (deleting it would race a new holder). */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      lock.release();
    } finally {
      HELD.remove(key);
    }
  }

  private static FileChannel open(FileOps files, Path file) throws IOException {
    if (files.exists(file)) {
      return files.openForWrite(file);
    }
    try {
      return files.create(file);
    } catch (FileAlreadyExistsException e) {
      return files.openForWrite(file);
    }
  }

  private static String holderInfo() {
    ProcessHandle self = ProcessHandle.current();
    String started = self.info().startInstant().map(Instant::toString).orElse("unknown");
    return "pid=" + self.pid() + "\nprocessStarted=" + started + "\nsince=" + Instant.now() + "\n";
  }

  private static String read(FileChannel channel) {
    try {
      ByteBuffer bytes = ByteBuffer.allocate(512);
      while (bytes.hasRemaining() && channel.read(bytes, bytes.position()) > 0) {
        // reads the whole (small) file
      }
      return new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // some platforms refuse reading a locked file: the holder stays unnamed
    }
  }

  private static DirectoryLockedException locked(Path dir, String info) {
    String pid = field(info, "pid");
    String since = field(info, "since");
    return new DirectoryLockedException(
        "the directory "
            + dir
            + " is open for writing by "
            + (pid != null ? "process " + pid : "another process")
            + (since != null ? " since " + since : "")
            + "; close it there, or open the directory read-only");
  }

  private static @Nullable String field(String info, String name) {
    for (String line : info.split("\n", -1)) {
      if (line.startsWith(name + "=")) {
        String value = line.substring(name.length() + 1).strip();
        return value.matches("[0-9A-Za-z:.+\\-]{1,64}") ? value : null;
      }
    }
    return null;
  }
}
