package dev.rtprofile.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile demo}. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "The demo.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;

  @Override
  public Integer call() {
    return 0;
  }
}
