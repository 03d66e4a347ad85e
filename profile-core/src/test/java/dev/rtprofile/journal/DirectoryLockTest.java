package dev.rtprofile.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DirectoryLock}: one writer per directory, and a second opener's error names the first. */
class DirectoryLockTest {
  @TempDir Path dir;

  @Test
  void acquire_writesTheHolder_andASecondOpenerInTheSameJvmIsRefused() throws IOException {
    long pid = ProcessHandle.current().pid();
    DirectoryLock lock = DirectoryLock.acquire(dir, FileOps.DEFAULT);
    try {
      String content = Files.readString(dir.resolve(DirectoryLock.FILE_NAME));
      assertThat(content).startsWith("pid=" + pid + "\n").contains("\nsince=");

      assertThatThrownBy(() -> DirectoryLock.acquire(dir, FileOps.DEFAULT))
          .isInstanceOf(DirectoryLockedException.class)
          .hasMessageStartingWith(
              "the directory " + dir + " is open for writing by process " + pid + " since ")
          .hasMessageEndingWith("; close it there, or open the directory read-only");
      assertThatThrownBy(() -> DirectoryLock.acquire(dir.resolve("."), FileOps.DEFAULT))
          .isInstanceOf(DirectoryLockedException.class);
    } finally {
      lock.close();
    }
    DirectoryLock.acquire(dir, FileOps.DEFAULT).close(); // free again once closed
  }

  @Test
  void acquire_heldByAnotherProcess_namesThatProcess() throws IOException {
    Files.writeString(
        dir.resolve(DirectoryLock.FILE_NAME),
        "pid=4242\nprocessStarted=2024-01-01T00:00:00Z\nsince=2024-01-02T03:04:05Z\n",
        StandardCharsets.UTF_8);
    FileOps lockedElsewhere =
        new ForwardingFileOps() {
          @Override
          FileChannel wrap(Path file, FileChannel channel) {
            return new ForwardingFileChannel(channel) {
              @Override
              public @Nullable FileLock tryLock(long position, long size, boolean shared) {
                return null; // what tryLock answers while another process holds the lock
              }
            };
          }
        };

    assertThatThrownBy(() -> DirectoryLock.acquire(dir, lockedElsewhere))
        .isInstanceOf(DirectoryLockedException.class)
        .hasMessage(
            "the directory "
                + dir
                + " is open for writing by process 4242 since 2024-01-02T03:04:05Z; close it"
                + " there, or open the directory read-only");
    DirectoryLock lock = DirectoryLock.acquire(dir, FileOps.DEFAULT);
    assertThat(Files.readString(dir.resolve(DirectoryLock.FILE_NAME)))
        .startsWith("pid=" + ProcessHandle.current().pid());
    lock.close();
  }

  @Test
  void acquire_unreadableHolder_saysAnotherProcess() throws IOException {
    Files.writeString(dir.resolve(DirectoryLock.FILE_NAME), "garbage", StandardCharsets.UTF_8);
    FileOps lockedElsewhere =
        new ForwardingFileOps() {
          @Override
          FileChannel wrap(Path file, FileChannel channel) {
            return new ForwardingFileChannel(channel) {
              @Override
              public @Nullable FileLock tryLock(long position, long size, boolean shared) {
                return null;
              }
            };
          }
        };
    assertThatThrownBy(() -> DirectoryLock.acquire(dir, lockedElsewhere))
        .hasMessage(
            "the directory "
                + dir
                + " is open for writing by another process; close it there, or open the"
                + " directory read-only");
  }

  @Test
  void close_isIdempotent() throws IOException {
    DirectoryLock lock = DirectoryLock.acquire(dir, FileOps.DEFAULT);
    lock.close();
    lock.close();
    DirectoryLock.acquire(dir, FileOps.DEFAULT).close();
  }
}
