package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's store workflow (the first {@code sh} block of its "Command line" section) runs as
 * written: every command but {@code view}, which serves until Ctrl-C, exits 0 with nothing on
 * stderr. Relative paths are moved under a temporary directory and the demo is made smaller; the
 * identities the README names must exist in the data.
 */
class ReadmeCommandLineTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String JAR = "java -jar profile-cli/target/rtprofile.jar ";

  @TempDir Path dir;

  @Test
  void commandLine_storeWorkflow_runsAsTheReadmeSays() throws IOException {
    List<String> commands = storeWorkflow(Files.readString(README));

    assertThat(commands).hasSizeGreaterThanOrEqualTo(6);
    assertThat(commands.get(0)).startsWith("demo ").contains("--out demo-data");
    assertThat(commands).anyMatch(c -> c.startsWith("lookup --store demo-data/store "));
    assertThat(commands).anyMatch(c -> c.startsWith("ingest --store "));
    assertThat(commands).anyMatch(c -> c.startsWith("erase --store "));
    for (String command : commands) {
      if (command.startsWith("view ")) {
        continue;
      }
      Cli.Result result = Cli.run(args(command));

      assertThat(result.exitCode()).as(command + "\n" + result).isZero();
      assertThat(result.stderr()).as(command).isEmpty();
      if (command.startsWith("erase ")) {
        assertThat(result.json().get("held").asInt())
            .as("the README erases a stored identity")
            .isOne();
      }
      if (command.startsWith("lookup ") || command.startsWith("graph ")) {
        assertThat(result.stdout()).as(command).isNotEqualTo("{}\n");
      }
    }
  }

  /** The commands of the first {@code sh} block after "## Command line", without the jar. */
  static List<String> storeWorkflow(String readme) {
    String section = readme.substring(readme.indexOf("\n## Command line\n"));
    String block = section.substring(section.indexOf("```sh\n") + 6);
    block = block.substring(0, block.indexOf("```"));
    List<String> commands = new ArrayList<>();
    for (String line : block.split("\n")) {
      assertThat(line).as("each line runs the jar").startsWith(JAR);
      commands.add(line.substring(JAR.length()));
    }
    return commands;
  }

  /** The command's arguments, its relative paths under {@link #dir}, the demo at 200 people. */
  private String[] args(String command) {
    String moved =
        command
            .replace("--people 2000", "--people 200")
            .replace("demo-data", dir.resolve("demo-data").toString())
            .replace("my-store", dir.resolve("my-store").toString());
    return moved.split(" ");
  }
}
