package dev.rtprofile.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile simulate}. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "The simulate.")
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;

  @Override
  public Integer call() {
    return 0;
  }
}
