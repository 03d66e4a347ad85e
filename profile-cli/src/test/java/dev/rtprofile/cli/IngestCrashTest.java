package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --store} killed with SIGKILL in the middle of its inputs, then run again on the
 * same files, leaves the store exactly as one uninterrupted run does (records replace by timestamp,
 * events deduplicate by id): every profile, event, graph and count compared.
 *
 * <p>The ingest to kill runs {@link Main} in a child JVM. The parent watches the store directory
 * (inotify through a {@link WatchService}, no sleeping) and kills the child as soon as the journal
 * holds the first input's batch, which leaves the other inputs, most of the data, unread.
 */
class IngestCrashTest {
  /** Enough data that the inputs after the first take the child well over a second. */
  private static final int PEOPLE = 2000;

  /** The journal holds more than its header and settings once the first input was written. */
  private static final long FIRST_BATCH_BYTES = 64 * 1024;

  @TempDir static Path dir;

  private static Path config;
  private static Path whole;
  private static String uninterrupted;

  @BeforeAll
  static void filesAndOneUninterruptedRun() throws IOException {
    DemoData data = DemoData.generate(42, PEOPLE);
    for (String[] file : DemoData.FILES) {
      Files.write(dir.resolve(file[1]), data.bytes(file[0]));
    }
    config = Files.writeString(dir.resolve("config.json"), DemoData.configuration(true) + "\n");
    whole = dir.resolve("whole");
    Cli.Result result = Cli.run(ingest(whole));
    assertThat(result.exitCode()).as(result.toString()).isZero();
    uninterrupted = StoreFiles.dump(whole, config);
  }

  private static String[] ingest(Path store) {
    List<String> args =
        new ArrayList<>(
            List.of("ingest", "--store", store.toString(), "--config", config.toString()));
    args.addAll(StoreFiles.dataArgs(dir));
    return args.toArray(String[]::new);
  }

  @Test
  void ingest_killedMidwayThenRunAgain_leavesTheStoreAsOneRunDoes() throws Exception {
    Path crashed = Files.createDirectories(dir.resolve("crashed"));
    String classPath =
        System.getProperty("jdk.module.path", "")
            + File.pathSeparator
            + System.getProperty("java.class.path");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath,
                Main.class.getName()));
    command.addAll(List.of(ingest(crashed)));

    Process child;
    try (WatchService watch = crashed.getFileSystem().newWatchService()) {
      crashed.register(
          watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      child =
          new ProcessBuilder(command)
              .redirectOutput(dir.resolve("child.out").toFile())
              .redirectError(dir.resolve("child.err").toFile())
              .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (journalBytes(crashed) <= FIRST_BATCH_BYTES) {
        assertThat(child.isAlive())
            .as(
                "the child ended before its first batch: %s",
                Files.readString(dir.resolve("child.err")))
            .isTrue();
        long left = deadline - System.nanoTime();
        assertThat(left).as("the journal did not grow within 20 s").isPositive();
        WatchKey key = watch.poll(left, TimeUnit.NANOSECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
      child.destroyForcibly(); // SIGKILL
    }
    assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();

    assertThat(child.exitValue()).as("killed by SIGKILL, not finished").isEqualTo(128 + 9);
    assertThat(Files.readString(dir.resolve("child.out"))).isEmpty();
    Cli.Result partial = Cli.run("stats", "--store", crashed.toString());
    Cli.Result full = Cli.run("stats", "--store", whole.toString());
    assertThat(partial.exitCode()).as(partial.toString()).isZero();
    assertThat(partial.json().get("fragments").asLong()).isPositive();
    assertThat(partial.json().get("events").asLong())
        .isLessThan(full.json().get("events").asLong());

    Cli.Result again = Cli.run(ingest(crashed));

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().get("totals").get("ignored").asLong()).isPositive();
    assertThat(again.json().get("totals").get("accepted").asLong()).isPositive();
    assertThat(StoreFiles.dump(crashed, config)).isEqualTo(uninterrupted);
  }

  @Test
  void ingest_runTwice_leavesTheStoreAsOneRunDoes() throws IOException {
    Path twice = StoreFiles.copy(whole, dir.resolve("twice"));

    Cli.Result again = Cli.run(ingest(twice));

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().get("totals").get("accepted").asLong()).isZero();
    assertThat(StoreFiles.dump(twice, config)).isEqualTo(uninterrupted);
  }

  /** The bytes of the journal segments in {@code store}. */
  private static long journalBytes(Path store) throws IOException {
    long bytes = 0;
    try (Stream<Path> files = Files.list(store)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("journal-") && name.endsWith(".log")) {
          try {
            bytes += Files.size(file);
          } catch (java.nio.file.NoSuchFileException rolledMeanwhile) {
            // A segment replaced while listing: the next event counts it again.
          }
        }
      }
    }
    return bytes;
  }
}
