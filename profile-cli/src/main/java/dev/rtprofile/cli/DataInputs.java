package dev.rtprofile.cli;

import dev.rtprofile.json.FieldMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The {@code --data NAME=PATH} inputs of a command, resolved before anything is ingested: each file
 * checked readable, its syntax (XDM NDJSON, or CSV or plain NDJSON through a mapping) and its kind
 * (records or events) decided, so that bad usage fails before the first line is read.
 */
final class DataInputs {
  private DataInputs() {}

  /**
   * Resolves every {@code --data} input of {@code options} through the configuration's mappings.
   *
   * @throws UsageException if an input is malformed, missing or unreadable, needs a mapping there
   *     is none of, or a {@code --mapping} names a dataset no {@code --data} gives
   */
  static List<DataInput> resolve(StoreOptions options, Map<String, FieldMapping> mappings) {
    List<DataInput> inputs = new ArrayList<>();
    for (String spec : options.data) {
      inputs.add(input(spec, options, mappings));
    }
    for (String dataset : options.mappings.keySet()) {
      if (inputs.stream().noneMatch(i -> i.dataset().equals(dataset))) {
        throw new UsageException(
            "--mapping names dataset '" + dataset + "', which no --data option gives");
      }
    }
    return inputs;
  }

  private static DataInput input(
      String spec, StoreOptions options, Map<String, FieldMapping> mappings) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new UsageException("--data must look like NAME=PATH, but was '" + spec + "'");
    }
    String name = spec.substring(0, eq);
    Boolean events = null;
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String kind = name.substring(colon + 1);
      name = name.substring(0, colon);
      if (kind.equals("events")) {
        events = true;
      } else if (kind.equals("records")) {
        events = false;
      } else {
        throw new UsageException(
            "--data "
                + spec
                + ": the kind after NAME: must be events or records, but was '"
                + kind
                + "'");
      }
    }
    if (name.isBlank()) {
      throw new UsageException("--data must name a dataset before '=', but was '" + spec + "'");
    }
    Path path;
    try {
      path = Path.of(spec.substring(eq + 1));
    } catch (InvalidPathException e) {
      throw new UsageException("--data " + name + ": not a valid path: " + e.getMessage(), e);
    }
    Session.checkReadable(path, "--data " + name);
    String mappingName = options.mappings.get(name);
    if (mappingName == null && mappings.containsKey(name)) {
      mappingName = name;
    }
    FieldMapping mapping = null;
    if (mappingName != null) {
      mapping = mappings.get(mappingName);
      if (mapping == null) {
        throw new UsageException(
            "--mapping "
                + name
                + "="
                + mappingName
                + ": "
                + (options.config == null
                    ? "mappings come from a --config file, and none was given"
                    : "the configuration has no mapping '"
                        + mappingName
                        + "'; it has "
                        + new TreeSet<>(mappings.keySet())));
      }
    }
    boolean csv = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    DataInput.Syntax syntax;
    if (mapping != null) {
      syntax = csv ? DataInput.Syntax.CSV : DataInput.Syntax.JSON;
    } else if (csv) {
      throw new UsageException(
          "--data "
              + name
              + "="
              + path
              + ": CSV is read through a mapping; add mappings."
              + name
              + " to the --config file or pass --mapping "
              + name
              + "=MAPPING");
    } else {
      syntax = DataInput.Syntax.XDM;
    }
    if (events == null) {
      events = mapping != null ? mapping.readsEvents() : firstLineIsEvent(path, "--data " + name);
    }
    long size;
    try {
      size = Files.size(path);
    } catch (IOException e) {
      size = 0;
    }
    Path file = path;
    return new DataInput(
        name,
        path.toString(),
        size,
        () -> Files.newInputStream(file),
        events,
        syntax,
        mapping,
        mappingName);
  }

  /** An XDM NDJSON input holds events if its first non-blank line has {@code _id} and a time. */
  private static boolean firstLineIsEvent(Path path, String option) {
    try (var reader = Files.newBufferedReader(path)) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
          JsonNode node = CliJson.MAPPER.readTree(text);
          return node.isObject() && node.has("_id") && node.has("timestamp");
        }
      }
      return false;
    } catch (JacksonException | UncheckedIOException e) {
      return false;
    } catch (IOException e) {
      // Not UTF-8 or unreadable here: the ingest reports the lines.
      if (!Files.isReadable(path)) {
        throw new UsageException(option + ": cannot read " + path + ": " + e.getMessage(), e);
      }
      return false;
    }
  }
}
