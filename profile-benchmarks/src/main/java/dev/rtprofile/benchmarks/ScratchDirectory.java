package dev.rtprofile.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Directories on the local disk for the durable benchmarks: under {@code durable-scratch/} beside
 * {@code benchmarks.jar} (that is in {@code profile-benchmarks/target/}), so that a force reaches a
 * real disk rather than a {@code tmpfs} {@code /tmp}. The system property {@code rtprofile.scratch}
 * names another parent. Each benchmark deletes what it created in its teardown; a run that was
 * killed leaves its directories there until {@code mvn clean}.
 */
final class ScratchDirectory {
  private ScratchDirectory() {}

  /** The parent of every scratch directory, created if missing. */
  static Path root() {
    String given = System.getProperty("rtprofile.scratch");
    Path root;
    if (given != null) {
      root = Path.of(given);
    } else {
      try {
        Path code =
            Path.of(
                ScratchDirectory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // benchmarks.jar in target/, or target/classes when run from an IDE.
        root = code.getParent().resolve("durable-scratch");
      } catch (URISyntaxException | RuntimeException e) {
        root = Path.of("target", "durable-scratch");
      }
    }
    try {
      return Files.createDirectories(root.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the scratch directory " + root, e);
    }
  }

  /** Creates a new, empty directory named {@code prefix} and a random suffix. */
  static Path create(String prefix) {
    try {
      return Files.createTempDirectory(root(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a scratch directory", e);
    }
  }

  /** Deletes {@code dir} and everything in it; does nothing if it is missing. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the scratch directory " + dir, e);
    }
  }

  /** The total size in bytes of the regular files in {@code dir} whose names match {@code glob}. */
  static long bytes(Path dir, String glob) {
    long total = 0;
    try (var files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          total += Files.size(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return total;
  }

  /**
   * The size in bytes of the file with the greatest name among those in {@code dir} matching {@code
   * glob} (for names with zero-padded numbers, the newest); 0 if none.
   */
  static long largestName(Path dir, String glob) {
    Path last = null;
    try (var files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        if (Files.isRegularFile(f) && (last == null || f.compareTo(last) > 0)) {
          last = f;
        }
      }
      return last == null ? 0 : Files.size(last);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** How many regular files in {@code dir} match {@code glob}. */
  static int count(Path dir, String glob) {
    int n = 0;
    try (var files = Files.newDirectoryStream(dir, glob)) {
      for (Path f : files) {
        if (Files.isRegularFile(f)) {
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return n;
  }
}
