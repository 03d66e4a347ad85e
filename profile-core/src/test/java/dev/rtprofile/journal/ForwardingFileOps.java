package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link FileOps#DEFAULT} with every channel passed through {@link #wrap}, and every operation
 * overridable: the base of the test wrappers.
 */
public class ForwardingFileOps implements FileOps {
  /** Wraps a channel opened on {@code file}; returns it unchanged by default. */
  FileChannel wrap(Path file, FileChannel channel) throws IOException {
    return channel;
  }

  @Override
  public FileChannel openForRead(Path file) throws IOException {
    return wrap(file, DEFAULT.openForRead(file));
  }

  @Override
  public FileChannel openForWrite(Path file) throws IOException {
    return wrap(file, DEFAULT.openForWrite(file));
  }

  @Override
  public FileChannel create(Path file) throws IOException {
    return wrap(file, DEFAULT.create(file));
  }

  @Override
  public void createDirectories(Path dir) throws IOException {
    DEFAULT.createDirectories(dir);
  }

  @Override
  public List<Path> list(Path dir) throws IOException {
    return DEFAULT.list(dir);
  }

  @Override
  public boolean exists(Path path) throws IOException {
    return DEFAULT.exists(path);
  }

  @Override
  public long size(Path file) throws IOException {
    return DEFAULT.size(file);
  }

  @Override
  public void moveAtomically(Path source, Path target) throws IOException {
    DEFAULT.moveAtomically(source, target);
  }

  @Override
  public void delete(Path file) throws IOException {
    DEFAULT.delete(file);
  }

  @Override
  public void forceDirectory(Path dir) throws IOException {
    DEFAULT.forceDirectory(dir);
  }
}
