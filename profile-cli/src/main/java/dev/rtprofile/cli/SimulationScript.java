package dev.rtprofile.cli;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's input: one step per line, each labelled with its time {@code tN}.
 *
 * <pre>
 * t1: CRMID:tom, ECID:111             identities seen together (dataset "default")
 * t3 dataset=crm: CRMID:tom, Email:t@x  the same, asserted by dataset crm
 * t5: DELETE identity ECID:111        deletes an identity and its links
 * t6: DELETE dataset crm              deletes the links only that dataset asserted
 * # a comment; blank lines are skipped
 * </pre>
 *
 * Steps run in the order of their labels, steps with equal labels in the order written.
 */
final class SimulationScript {
  /** The dataset of steps that name none. */
  static final String DEFAULT_DATASET = "default";

  private static final Pattern LINE =
      Pattern.compile("t([0-9]{1,15})((?:\\s+[A-Za-z]+=[^\\s:]+)*)\\s*:(.*)");
  private static final Pattern DELETE =
      Pattern.compile("DELETE\\s+(identity|dataset)\\s+(\\S.*)", Pattern.CASE_INSENSITIVE);

  /** What a step does. */
  enum Kind {
    /** Identities seen together in one record. */
    LINK,
    /** Deletes one identity. */
    DELETE_IDENTITY,
    /** Deletes one dataset's links. */
    DELETE_DATASET
  }

  /**
   * One step.
   *
   * @param line the 1-based line number, for messages
   * @param time the {@code N} of its {@code tN} label, used as the timestamp in milliseconds
   * @param dataset the dataset that asserts its links, or the dataset deleted
   * @param kind what it does
   * @param identities the identities linked, or the one deleted
   */
  record Step(int line, long time, String dataset, Kind kind, List<Identity> identities) {}

  private SimulationScript() {}

  /**
   * Parses a script into steps sorted by time.
   *
   * @throws UsageException naming the line if one does not follow the grammar
   */
  static List<Step> parse(String text) {
    List<Step> steps = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      steps.add(step(i + 1, line));
    }
    steps.sort(Comparator.comparingLong(Step::time).thenComparingInt(Step::line));
    return List.copyOf(steps);
  }

  private static Step step(int number, String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw bad(
          number,
          "expected 'tN: NS:VALUE, NS:VALUE', 'tN dataset=NAME: ...', 'tN: DELETE identity"
              + " NS:VALUE' or 'tN: DELETE dataset NAME', but was '"
              + line
              + "'");
    }
    long time = Long.parseLong(m.group(1));
    String dataset = DEFAULT_DATASET;
    for (String option : m.group(2).strip().split("\\s+")) {
      if (option.isEmpty()) {
        continue;
      }
      if (!option.startsWith("dataset=")) {
        throw bad(number, "the only option after tN is dataset=NAME, but was '" + option + "'");
      }
      dataset = option.substring("dataset=".length());
    }
    String body = m.group(3).strip();
    Matcher delete = DELETE.matcher(body);
    if (delete.matches()) {
      String target = delete.group(2).strip();
      if (delete.group(1).equalsIgnoreCase("dataset")) {
        if (target.contains(" ") || target.contains(",")) {
          throw bad(number, "DELETE dataset takes one dataset name, but was '" + target + "'");
        }
        return new Step(number, time, target, Kind.DELETE_DATASET, List.of());
      }
      if (target.contains(",")) {
        throw bad(
            number, "DELETE identity takes one NS:VALUE (one step per identity), but was a list");
      }
      return new Step(
          number, time, dataset, Kind.DELETE_IDENTITY, List.of(identity(number, target)));
    }
    if (body.toUpperCase(java.util.Locale.ROOT).startsWith("DELETE")) {
      throw bad(
          number,
          "expected 'DELETE identity NS:VALUE' or 'DELETE dataset NAME', but was '" + body + "'");
    }
    List<Identity> identities = new ArrayList<>();
    for (String part : body.split(",", -1)) {
      identities.add(identity(number, part.strip()));
    }
    return new Step(number, time, dataset, Kind.LINK, List.copyOf(identities));
  }

  private static Identity identity(int number, String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1 || text.substring(0, colon).isBlank()) {
      throw bad(number, "identities must look like NS:VALUE, but one was '" + text + "'");
    }
    return Identity.parse(text);
  }

  private static UsageException bad(int number, String message) {
    return new UsageException("line " + number + ": " + message);
  }
}
