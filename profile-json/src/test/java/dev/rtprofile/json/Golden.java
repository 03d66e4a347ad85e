package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden files under {@code src/test/resources/dev/rtprofile/json/golden}. Run the tests with
 * {@code -Dgolden.update=true} to rewrite them from the current output, then review the diff.
 */
final class Golden {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Path DIR = Path.of("src/test/resources/dev/rtprofile/json/golden");

  private Golden() {}

  /** Asserts that {@code actual} is the same JSON tree as the golden file {@code name}. */
  static void assertJson(String name, String actual) {
    update(
        name, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(actual)));
    JsonNode expected = MAPPER.readTree(Fixtures.resource("golden/" + name));
    assertThat(MAPPER.readTree(actual)).as("golden/" + name).isEqualTo(expected);
  }

  /** Asserts that {@code actual} is the text of the golden file {@code name}. */
  static void assertText(String name, String actual) {
    update(name, actual);
    assertThat(actual).as("golden/" + name).isEqualTo(Fixtures.resource("golden/" + name));
  }

  private static void update(String name, String content) {
    if (!Boolean.getBoolean("golden.update")) {
      return;
    }
    try {
      Files.createDirectories(DIR);
      Files.writeString(
          DIR.resolve(name),
          content.endsWith("\n") ? content : content + "\n",
          StandardCharsets.UTF_8);
      // Also refresh the copy on the class path so this run reads what it wrote.
      Path target = Path.of("target/test-classes/dev/rtprofile/json/golden");
      Files.createDirectories(target);
      Files.writeString(
          target.resolve(name),
          content.endsWith("\n") ? content : content + "\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders a report as text: the counts, then one line per problem line. */
  static String render(IngestReport report) {
    StringBuilder sb =
        new StringBuilder()
            .append("lines=")
            .append(report.lines())
            .append(" blank=")
            .append(report.blank())
            .append(" accepted=")
            .append(report.accepted())
            .append(" trimmed=")
            .append(report.trimmed())
            .append(" ignored=")
            .append(report.ignored())
            .append(" rejected=")
            .append(report.rejected())
            .append(" unreported=")
            .append(report.unreported())
            .append('\n');
    for (LineOutcome o : report.problems()) {
      sb.append("line ")
          .append(o.line())
          .append(": ")
          .append(o.status())
          .append(' ')
          .append(o.reason())
          .append(" | ")
          .append(o.detail())
          .append('\n');
    }
    return sb.toString();
  }
}
