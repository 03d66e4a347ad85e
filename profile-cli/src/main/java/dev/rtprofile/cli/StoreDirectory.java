package dev.rtprofile.cli;

import dev.rtprofile.store.Durability;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import dev.rtprofile.store.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * The CLI's side of a durable store's directory ({@code --store DIR}): whether a directory holds a
 * store, the configuration kept beside it in {@value #CONFIG_FILE}, and opening it with every
 * failure of the library ({@link StorageException}: locked, unwritable, damaged, settings that
 * cannot be re-derived) turned into bad usage naming the directory. No message here quotes data:
 * the library's messages name files and settings only.
 */
final class StoreDirectory {
  /** The store's configuration, as {@code ingest --store DIR --config FILE} last copied it. */
  static final String CONFIG_FILE = "config.json";

  private static final String CONFIG_TEMP = CONFIG_FILE + ".tmp";

  private StoreDirectory() {}

  /**
   * Whether {@code dir} holds a durable store: a journal segment or a snapshot, named as the
   * library names them ({@code journal-*.log}, {@code snapshot-*.snap}; DESIGN §6).
   */
  static boolean holdsStore(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if ((name.startsWith("journal-") && name.endsWith(".log"))
            || (name.startsWith("snapshot-") && name.endsWith(".snap"))) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      // Unlistable: the library's own opening reports why.
      return true;
    }
  }

  /**
   * Checks that a read command's {@code --store} names a store.
   *
   * @throws UsageException saying there is no store there and how to make one
   */
  static void requireStore(Path dir) {
    if (holdsStore(dir)) {
      return;
    }
    String hint =
        holdsStore(dir.resolve("store"))
            ? "; did you mean --store " + dir.resolve("store") + "?"
            : "; make one with 'rtprofile ingest --store "
                + dir
                + " --config FILE --data NAME=PATH' (or 'rtprofile demo --out DIR', which leaves"
                + " one in DIR/store)";
    String what =
        !Files.exists(dir)
            ? "no such directory"
            : !Files.isDirectory(dir) ? "not a directory" : "the directory holds no store";
    throw new UsageException("--store " + dir + ": there is no store there (" + what + ")" + hint);
  }

  /** The configuration kept in {@code dir}, if there is one. */
  static Optional<Path> configuration(Path dir) {
    Path file = dir.resolve(CONFIG_FILE);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /**
   * Opens the store in {@code dir} from {@code builder}: read-only (no lock; works while another
   * process writes there), or for writing under {@code durability} (creating the directory).
   *
   * @throws UsageException naming {@code --store DIR} with the library's message if the directory
   *     cannot be opened, and naming {@code what} if the settings conflict
   */
  static ProfileStore open(
      ProfileStoreBuilder builder, Path dir, boolean readOnly, Durability durability) {
    builder.storage(dir).readOnly(readOnly).durability(durability);
    try {
      return builder.build();
    } catch (StorageException e) {
      throw new UsageException("--store " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Makes {@code text} the configuration kept in {@code dir}, atomically (a temporary file forced,
   * renamed over the old one, the directory forced), and only if it differs from what is there.
   * Called while the store's lock is held, so two writers never race on it.
   *
   * @return whether the file was written
   * @throws UsageException naming {@code --store DIR} if it cannot be written
   */
  static boolean saveConfiguration(Path dir, String text) {
    Path file = dir.resolve(CONFIG_FILE);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), bytes)) {
        return false;
      }
      Path temp = dir.resolve(CONFIG_TEMP);
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
      return true;
    } catch (IOException e) {
      throw new UsageException(
          "--store " + dir + ": cannot write its " + CONFIG_FILE + ": " + reason(e), e);
    }
  }

  /** Forces a directory's entries to the disk where the platform allows it. */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException notOnThisOs) {
      // Some platforms cannot open or force a directory; the rename is all they offer.
    }
  }

  /**
   * Deletes a store directory the demo made: its files, then itself. A store is flat, so a
   * subdirectory means it is not one, and nothing is deleted.
   *
   * @throws UsageException if it holds a subdirectory or cannot be deleted
   */
  static void deleteStore(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          if (Files.isDirectory(entry)) {
            throw new UsageException(
                dir
                    + " is not a store the demo wrote (it holds the directory "
                    + entry.getFileName()
                    + "); remove it or choose another --out");
          }
        }
      }
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          Files.deleteIfExists(entry);
        }
      }
      Files.deleteIfExists(dir);
    } catch (NoSuchFileException gone) {
      // Deleted meanwhile: nothing left to do.
    } catch (IOException e) {
      throw new UsageException("cannot delete the old store " + dir + ": " + reason(e), e);
    }
  }

  /** What went wrong in an I/O error, in words: the JDK's messages are often just a path. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return "no such file or directory: " + n.getFile();
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() == null ? "" : ": " + f.getFile());
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
