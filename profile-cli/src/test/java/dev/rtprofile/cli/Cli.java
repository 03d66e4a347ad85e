package dev.rtprofile.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Runs {@code rtprofile} through {@link Main#run} and captures what it prints. */
final class Cli {
  private Cli() {}

  /**
   * What one run printed and returned.
   *
   * @param exitCode the exit code
   * @param stdout everything printed on stdout
   * @param stderr everything printed on stderr
   */
  record Result(int exitCode, String stdout, String stderr) {
    /** Parses stdout as one JSON document. */
    JsonNode json() {
      return CliJson.MAPPER.readTree(stdout);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  static Result run(String... args) {
    return runWithInput("", args);
  }

  static Result runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code =
          Main.run(
              args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), o, e, false);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
