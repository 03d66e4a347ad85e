package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation the journal, the snapshots and the directory lock perform, so that tests can
 * wrap them: count or fail forces, fill the disk, drop what was not forced (power loss).
 *
 * <p>Not a one-method interface, unlike the other extension points: it is the file system's
 * surface, and a wrapper must see all of it to model a crash. {@link #DEFAULT} uses the JDK.
 * Implementations must be thread-safe.
 */
public interface FileOps {
  /** The JDK's file system ({@link java.nio.file.Files} and {@link FileChannel}). */
  FileOps DEFAULT = new JdkFileOps();

  /** Opens an existing file for reading. */
  FileChannel openForRead(Path file) throws IOException;

  /** Opens an existing file for reading and writing, positioned at its start. */
  FileChannel openForWrite(Path file) throws IOException;

  /**
   * Creates a new, empty file and opens it for reading and writing.
   *
   * @throws java.nio.file.FileAlreadyExistsException if it exists
   */
  FileChannel create(Path file) throws IOException;

  /** Creates the directory and its missing parents; does nothing if it exists. */
  void createDirectories(Path dir) throws IOException;

  /** Returns the entries of a directory (files and directories), in no particular order. */
  List<Path> list(Path dir) throws IOException;

  /** Returns whether the file or directory exists. */
  boolean exists(Path path) throws IOException;

  /** Returns the size of a file in bytes. */
  long size(Path file) throws IOException;

  /**
   * Renames {@code source} to {@code target} atomically, replacing {@code target} if it exists:
   * anyone looking sees the old target or the new one, never neither and never a mix. Durable only
   * once the directory is forced.
   */
  void moveAtomically(Path source, Path target) throws IOException;

  /** Deletes a file if it exists. Durable only once the directory is forced. */
  void delete(Path file) throws IOException;

  /**
   * Forces the directory's entries (creations, renames, deletions) to the disk: opens it read-only
   * and forces it. Does nothing, quietly, where the platform cannot open a directory (Windows).
   */
  void forceDirectory(Path dir) throws IOException;
}
