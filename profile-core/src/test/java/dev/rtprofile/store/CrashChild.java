package dev.rtprofile.store;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: opens a durable store, runs a seeded {@link
 * CrashWorkload} step by step and prints {@code ack N} after step N returned (after its durability
 * step), until the parent kills it. Arguments: directory, seed, inputs, durability ({@code every},
 * {@code interval}, {@code os}), snapshot threshold in bytes. Prints {@code done} at the end.
 */
public final class CrashChild {
  private CrashChild() {}

  /** The file the child writes each acknowledged step's number to, unbuffered. */
  static Path acks(Path dir) {
    return dir.resolveSibling(dir.getFileName() + ".acks");
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    int inputs = Integer.parseInt(args[2]);
    CrashWorkload workload = CrashWorkload.of(seed, inputs);
    PrintStream out = new PrintStream(System.out, false, "UTF-8");
    java.io.FileOutputStream acks = new java.io.FileOutputStream(acks(dir).toFile());
    try (ProfileStore store =
        CrashRecoveryTest.builder(workload, dir, args[3], Long.parseLong(args[4])).build()) {
      out.println("open");
      out.flush();
      for (int i = 0; i < workload.steps.size(); i++) {
        workload.run(i, store);
        acks.write(((i + 1) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.println("ack " + (i + 1));
        out.flush();
      }
    }
    out.println("done");
    out.flush();
  }
}
