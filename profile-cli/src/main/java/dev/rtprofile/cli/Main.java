package dev.rtprofile.cli;

import dev.rtprofile.store.StorageException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code rtprofile} command line. {@link #run(String[], PrintStream, PrintStream)} is the whole
 * program minus {@code System.exit}, so that tests drive exactly what users run.
 *
 * <p>Exit codes: 0 success; 1 data rejected under {@code --strict}; 2 bad usage or a bad
 * environment (a store directory locked, unwritable, missing or damaged), with a message on stderr
 * naming the bad option or argument and nothing on stdout; 3 an unexpected failure (a bug).
 */
public final class Main {
  private Main() {}

  /** Runs {@code rtprofile} and exits with its exit code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, System.in, out, err, System.console() != null);
    out.flush();
    System.exit(code);
  }

  /**
   * Runs {@code rtprofile} with results on {@code out} and messages on {@code err}, never drawing a
   * progress bar.
   *
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    return run(args, System.in, out, err, false);
  }

  /**
   * Runs {@code rtprofile}.
   *
   * @param in standard input, read by {@code simulate -}
   * @param interactive whether stderr is a terminal, so that long inputs may draw a progress bar
   * @return the exit code
   */
  static int run(
      String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
    return run(args, in, out, err, interactive, new CountDownLatch(1));
  }

  /**
   * Runs {@code rtprofile}; a serving command ({@code view}) returns once {@code stop} is counted
   * down.
   */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean interactive,
      CountDownLatch stop) {
    return run(args, in, out, err, interactive, stop, System.getenv());
  }

  /** Runs {@code rtprofile} with {@code environment} as its environment variables. */
  static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean interactive,
      CountDownLatch stop,
      Map<String, String> environment) {
    Rtprofile root = new Rtprofile(in, out, err, interactive, stop, environment);
    CommandLine cli = new CommandLine(root);
    cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(Main::badParameters);
    cli.setExecutionExceptionHandler(
        (e, command, parsed) -> failed(e, command.getCommandName(), err));
    int code = cli.execute(args);
    out.flush();
    if (out.checkError() && code == ExitCode.OK) {
      err.println("rtprofile: could not write the output (is the disk full or the pipe closed?)");
      return ExitCode.INTERNAL;
    }
    return code;
  }

  private static int badParameters(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException u
        && command.getCommandSpec().parent() == null
        && !u.getUnmatched().isEmpty()
        && !u.getUnmatched().get(0).startsWith("-")) {
      message =
          "unknown command '"
              + u.getUnmatched().get(0)
              + "'; the commands are "
              + String.join(", ", command.getSubcommands().keySet());
    }
    err.println(prefix(command.getCommandSpec().qualifiedName()) + message);
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCode.USAGE;
  }

  private static int failed(Exception e, String command, PrintStream err) {
    String prefix = prefix(command);
    if (e instanceof UsageException) {
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    if (e instanceof StorageException) {
      // A durable store's directory failed (locked, unwritable, damaged): the environment, not a
      // bug; the library's message names the directory and what failed, never data.
      err.println(prefix + e.getMessage());
      return ExitCode.USAGE;
    }
    if (e instanceof DataRejectedException) {
      err.println(prefix + e.getMessage());
      return ExitCode.DATA_REJECTED;
    }
    err.println(prefix + "unexpected failure, please report it: " + e);
    e.printStackTrace(err);
    return ExitCode.INTERNAL;
  }

  private static String prefix(String command) {
    String name = command.startsWith("rtprofile") ? command : "rtprofile " + command;
    return name + ": ";
  }
}
