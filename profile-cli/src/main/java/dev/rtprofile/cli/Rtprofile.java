package dev.rtprofile.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level {@code rtprofile} command: holds the streams and lists the subcommands. */
@Command(
    name = "rtprofile",
    mixinStandardHelpOptions = true,
    versionProvider = Rtprofile.Version.class,
    description = "Real-time customer profiles: an identity graph, merged profiles and events.",
    subcommands = {
      DemoCommand.class,
      IngestCommand.class,
      LookupCommand.class,
      EventsCommand.class,
      SearchCommand.class,
      GraphCommand.class,
      StatsCommand.class,
      SimulateCommand.class,
      ViewCommand.class,
      EraseCommand.class
    })
final class Rtprofile implements Callable<Integer> {
  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean interactive;
  private final CountDownLatch stop;
  private final Map<String, String> environment;

  @Spec CommandSpec spec;

  Rtprofile(
      InputStream in,
      PrintStream out,
      PrintStream err,
      boolean interactive,
      CountDownLatch stop,
      Map<String, String> environment) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.interactive = interactive;
    this.stop = stop;
    this.environment = environment;
  }

  /** An environment variable, or null when unset. */
  @Nullable String environment(String name) {
    return environment.get(name);
  }

  /** Blocks a serving command until it is told to stop: never, in a real run (Ctrl-C ends it). */
  void awaitStop() throws InterruptedException {
    stop.await();
  }

  /** Standard input, for {@code simulate -}. */
  InputStream in() {
    return in;
  }

  /** Where results go. */
  PrintStream out() {
    return out;
  }

  /** Where messages and the progress bar go. */
  PrintStream err() {
    return err;
  }

  /** Draws progress bars for inputs that take more than a second, if stderr is a terminal. */
  Progress progress() {
    return new Progress(err, interactive);
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "a command is required: demo, ingest, lookup, events, search, graph, stats, simulate, view"
            + " or erase");
  }

  /** The version from the jar's manifest, when there is one. */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Rtprofile.class.getPackage().getImplementationVersion();
      return new String[] {"rtprofile " + (version == null ? "(development build)" : version)};
    }
  }
}
