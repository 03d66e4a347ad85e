package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.journal.CrashPoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The crash harness (DESIGN §6): a child JVM runs a seeded workload on a durable store and prints
 * an acknowledgement after each step's durability step; the parent kills it with SIGKILL at a
 * random acknowledgement, reopens the directory and checks that every acknowledged step is there,
 * that what was recovered is a gap-free prefix of the commands sent (the state equals an in-memory
 * store fed exactly that prefix), and that no file holds a value erased by an acknowledged step.
 */
class CrashRecoveryTest {
  private static final int ROUNDS = 50;
  private static final int INPUTS = 120;
  private static final String[] MODES = {"every", "interval", "os"};

  @TempDir Path root;

  /** The durable store of a workload, as the child and the checking parent build it. */
  static ProfileStoreBuilder builder(
      CrashWorkload workload, Path dir, String mode, long snapshotBytes) {
    Durability durability =
        switch (mode) {
          case "every" -> Durability.everyWrite();
          case "interval" -> Durability.interval(Duration.ofMillis(5));
          case "os" -> Durability.operatingSystem();
          default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    return workload
        .scenario
        .newBuilder()
        .storage(dir)
        .durability(durability)
        .snapshotAfter(snapshotBytes)
        // The rounds that snapshot often also compact the journal, so kills land in deletions.
        .compactJournal(snapshotBytes < 4096)
        .segmentBytes(16 * 1024);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void killedAtRandomEveryAcknowledgedStepSurvivesAndNothingMore() throws Exception {
    Random rnd = new Random(20261204);
    int killedMidRun = 0;
    long ackedTotal = 0;
    long stepsTotal = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long seed = 1000 + round;
      CrashWorkload workload = CrashWorkload.of(seed, INPUTS);
      String mode = MODES[round % MODES.length];
      long snapshotBytes = rnd.nextBoolean() ? 2048 : 1 << 20;
      Path dir = root.resolve("round-" + round);
      int killAt = rnd.nextInt(workload.steps.size() + 1);
      int acked = runAndKill(dir, seed, mode, snapshotBytes, killAt);
      if (acked < workload.steps.size()) {
        killedMidRun++;
      }
      ackedTotal += acked;
      stepsTotal += workload.steps.size();
      check(workload, dir, mode, acked, "round " + round + " seed " + seed + " mode " + mode);
    }
    // The kills spread over the runs: most rounds die mid-run, after a good share of the steps.
    assertThat(killedMidRun).isGreaterThan(ROUNDS / 2);
    assertThat(ackedTotal).isGreaterThan(stepsTotal / 4);
  }

  /**
   * The test JVM's class and module paths as one class path: surefire runs the tests on the module
   * path, the child runs everything as the unnamed module.
   */
  static String classPath() {
    String modules = System.getProperty("jdk.module.path", "");
    String classes = System.getProperty("java.class.path", "");
    return modules.isEmpty() ? classes : modules + java.io.File.pathSeparator + classes;
  }

  /** The child's command line; with a crash point it halts there ({@link CrashPoints}). */
  static ProcessBuilder child(
      Path dir, long seed, String mode, long snapshotBytes, @Nullable String crashPoint) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1"));
    if (crashPoint != null) {
      command.add("-D" + CrashPoints.PROPERTY + "=" + crashPoint);
    }
    command.addAll(
        List.of(
            "-cp",
            classPath(),
            CrashChild.class.getName(),
            dir.toString(),
            Long.toString(seed),
            Integer.toString(INPUTS),
            mode,
            Long.toString(snapshotBytes)));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectError(dir.resolveSibling(dir.getFileName() + ".stderr").toFile());
    if (crashPoint != null) {
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    return pb;
  }

  /**
   * Named crash points (DESIGN §6): the child halts at the point, as a kill there would; recovery
   * must give a prefix of the commands with every acknowledged one, and leave no erased value in
   * any file, also of the erasure that was running (its purge is finished by the reopening).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        CrashPoints.SNAPSHOT_AFTER_TEMP_WRITE,
        CrashPoints.SNAPSHOT_AFTER_RENAME,
        CrashPoints.JOURNAL_AFTER_WRITE,
        "erase.beforePurge",
        "purge.afterSnapshots"
      })
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void haltedAtANamedPointRecoveryIsConsistentAndFinishesThePurge(String point) throws Exception {
    int halted = 0;
    for (long seed = 2000; seed < 2030 && halted < 2; seed++) {
      CrashWorkload workload = CrashWorkload.of(seed, INPUTS);
      Path dir = root.resolve(point + "-" + seed);
      Process child = child(dir, seed, "os", 4096, point).start();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      int status = child.exitValue();
      assertThat(status).as("seed %d exit status", seed).isIn(0, CrashPoints.EXIT_STATUS);
      if (status != CrashPoints.EXIT_STATUS) {
        continue;
      }
      halted++;
      List<String> acks = Files.readAllLines(CrashChild.acks(dir));
      int acked = acks.isEmpty() ? 0 : Integer.parseInt(acks.get(acks.size() - 1));
      String what = point + " seed " + seed;
      check(workload, dir, "os", acked, what);
      if (acked < workload.steps.size() && workload.steps.get(acked).size() == 1) {
        // The running erasure (not in a batch) was forced before the point: reopening purged it.
        for (CrashWorkload.Command c : workload.steps.get(acked)) {
          if (c.erased() != null && point.equals("erase.beforePurge")) {
            assertNoFileHolds(dir, c.erased().value(), what + " (running erasure)");
          }
        }
      }
    }
    assertThat(halted).as("seeds whose run reached %s", point).isGreaterThan(0);
  }

  /**
   * The crash points inside an erasure's rewrite of a journal segment (reached when writes land
   * between the purge snapshot and the journal's roll): after the halt, reopening finishes the
   * purge, so no file holds an erased value, and every acknowledged write is there.
   */
  @ParameterizedTest
  @ValueSource(strings = {CrashPoints.REWRITE_AFTER_TEMP_WRITE, CrashPoints.REWRITE_AFTER_RENAME})
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void haltedInTheMiddleOfAnErasuresRewriteReopeningFinishesIt(String point) throws Exception {
    int halted = 0;
    for (int attempt = 0; attempt < 10 && halted < 2; attempt++) {
      Path dir = root.resolve(point + "-" + attempt);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb =
          new ProcessBuilder(
              java,
              "-Xmx256m",
              "-XX:TieredStopAtLevel=1",
              "-D" + CrashPoints.PROPERTY + "=" + point,
              "-cp",
              classPath(),
              EraseRaceChild.class.getName(),
              dir.toString());
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Process child = pb.start();
      assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
      if (child.exitValue() != CrashPoints.EXIT_STATUS) {
        assertThat(child.exitValue()).as("attempt %d exit status", attempt).isZero();
        continue;
      }
      halted++;
      List<String> records = Files.readAllLines(Path.of(dir + ".records"));
      List<String> erased = Files.readAllLines(Path.of(dir + ".erased"));
      String what = point + " attempt " + attempt;
      try (ProfileStore store = ProfileStore.builder().storage(dir).build()) {
        assertThat(records).as(what).isNotEmpty();
        for (String line : records.subList(1, records.size())) {
          int i = Integer.parseInt(line);
          assertThat(store.lookup(EraseRaceChild.noise(i).identities().get(0).identity()).fetch())
              .as("%s: acknowledged noise record %d", what, i)
              .isPresent();
        }
        for (String line : erased) {
          int i = Integer.parseInt(line);
          assertThat(store.lookup(EraseRaceChild.email(i)).fetch()).as(what).isEmpty();
        }
      }
      for (String line : erased) {
        assertNoFileHolds(dir, EraseRaceChild.email(Integer.parseInt(line)).value(), what);
      }
      // The erasure that was running when the child halted: its entry was forced before the
      // purge began, so reopening purged it too.
      int running = erased.size();
      if (running < EraseRaceChild.PEOPLE) {
        assertNoFileHolds(dir, EraseRaceChild.email(running).value(), what + " (running)");
      }
    }
    assertThat(halted).as("attempts whose run reached %s", point).isGreaterThan(0);
  }

  /** Starts the child, kills it with SIGKILL once it acknowledged {@code killAt} steps. */
  private static int runAndKill(Path dir, long seed, String mode, long snapshotBytes, int killAt)
      throws IOException, InterruptedException {
    boolean opened = false;
    Process child = child(dir, seed, mode, snapshotBytes, null).start();
    int acked = 0;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        opened |= line.equals("open");
        if (line.startsWith("ack ")) {
          acked = Integer.parseInt(line.substring(4));
        }
        if ((line.startsWith("ack ") || line.equals("open")) && acked >= killAt) {
          child.destroyForcibly();
          break;
        }
      }

    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(opened).as("the child opened the store (seed %d)", seed).isTrue();
    // The child ran on while the parent read: the last acknowledgement it wrote before it died is
    // in its acknowledgement file (each written straight to the OS, which a kill does not undo).
    List<String> acks = Files.readAllLines(CrashChild.acks(dir));
    return acks.isEmpty() ? 0 : Integer.parseInt(acks.get(acks.size() - 1));
  }

  /**
   * Reopens the directory and checks it against in-memory stores fed the acknowledged steps plus
   * each prefix of the step that was running.
   */
  private static void check(CrashWorkload workload, Path dir, String mode, int acked, String what)
      throws IOException {
    List<Identity> erased = new ArrayList<>();
    ProfileStore reference = workload.scenario.newStore();
    for (int i = 0; i < acked; i++) {
      workload.run(i, reference);
      for (CrashWorkload.Command c : workload.steps.get(i)) {
        if (c.erased() != null) {
          erased.add(c.erased());
        }
      }
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(StoreSnapshot.render(workload.scenario, reference));
    if (acked < workload.steps.size()) {
      for (CrashWorkload.Command c : workload.steps.get(acked)) {
        c.apply().accept(reference);
        candidates.add(StoreSnapshot.render(workload.scenario, reference));
      }
    }
    String recovered;
    try (ProfileStore store = builder(workload, dir, mode, 1 << 20).build()) {
      recovered = StoreSnapshot.render(workload.scenario, store);
    }
    assertThat(candidates)
        .as(
            "%s: %d steps acknowledged; the recovered state must be that of the acknowledged steps"
                + " plus a prefix of the next; %s",
            what, acked, StoreSnapshot.firstDifference(candidates.get(0), recovered))
        .contains(recovered);
    for (Identity identity : erased) {
      assertNoFileHolds(dir, identity.value(), what);
    }
  }

  /** Fails if any file under {@code dir} holds {@code value}'s UTF-8 bytes. */
  static void assertNoFileHolds(Path dir, String value, String what) throws IOException {
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(indexOf(bytes, needle))
            .as(
                "%s: %s holds an erased value; journal entries holding it: %s",
                what, dir.relativize(file), entriesHolding(dir, needle))
            .isEqualTo(-1);
      }
    }
  }

  /** The seq and command type of each journal entry holding {@code needle}, for messages. */
  static String entriesHolding(Path dir, byte[] needle) {
    StringBuilder out = new StringBuilder();
    try (dev.rtprofile.journal.Journal journal =
        dev.rtprofile.journal.Journal.open(
            dir, dev.rtprofile.journal.JournalOptions.defaults().withReadOnly(true))) {
      journal.replay(
          journal.firstSeq(),
          (seq, payload) -> {
            byte[] bytes = new byte[payload.remaining()];
            payload.duplicate().get(bytes);
            if (indexOf(bytes, needle) >= 0) {
              out.append(seq).append(":type ").append(bytes[0]).append(' ');
            }
          });
    } catch (IOException e) {
      out.append("(unreadable: ").append(e.getMessage()).append(')');
    }
    return out.toString();
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
