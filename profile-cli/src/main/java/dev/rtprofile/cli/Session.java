package dev.rtprofile.cli;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.json.FieldMapping;
import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.InvalidJsonException;
import dev.rtprofile.json.LineOutcome;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.json.StoreConfiguration;
import dev.rtprofile.store.ProfileStore;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A store built from {@code --config} and the inputs named by {@code --data}, checked before
 * anything is ingested so that bad usage fails fast and prints nothing on stdout.
 */
final class Session {
  private final ProfileStore store;
  private final ProfileJson json;
  private final List<DataInput> inputs;

  Session(ProfileStore store, ProfileJson json, List<DataInput> inputs) {
    this.store = store;
    this.json = json;
    this.inputs = List.copyOf(inputs);
  }

  /**
   * Reads the configuration, builds the store and resolves every {@code --data} input.
   *
   * @throws UsageException if a file is missing or unreadable, the configuration is invalid, or an
   *     input cannot be read as named
   */
  static Session open(StoreOptions options) {
    StoreConfiguration config = null;
    if (options.config != null) {
      Path path = options.config;
      String text = readText(path, "--config");
      try {
        config = ProfileJson.defaults().readStoreConfiguration(text);
      } catch (InvalidJsonException e) {
        throw new UsageException("--config " + path + ": " + e.getMessage(), e);
      }
    }
    ProfileStore store =
        config == null ? ProfileStore.builder().build() : config.storeBuilder().build();
    Map<String, FieldMapping> mappings = config == null ? Map.of() : config.mappings();
    List<DataInput> inputs = new ArrayList<>();
    for (String spec : options.data) {
      inputs.add(resolve(spec, options, mappings));
    }
    for (String dataset : options.mappings.keySet()) {
      if (inputs.stream().noneMatch(i -> i.dataset().equals(dataset))) {
        throw new UsageException(
            "--mapping names dataset '" + dataset + "', which no --data option gives");
      }
    }
    return new Session(store, ProfileJson.defaults(), inputs);
  }

  ProfileStore store() {
    return store;
  }

  List<DataInput> inputs() {
    return inputs;
  }

  /**
   * Ingests every input in order, drawing progress for long ones.
   *
   * @throws UsageException if an input cannot be read to its end
   */
  List<DatasetReport> ingest(Progress progress) {
    List<DatasetReport> reports = new ArrayList<>();
    for (DataInput input : inputs) {
      Progress.Tracker tracker = progress.start(input.dataset(), input.size());
      long started = System.nanoTime();
      IngestReport report;
      try (InputStream in = tracker.wrap(new BufferedInputStream(input.source().open(), 1 << 16))) {
        report = ingest(input, in);
      } catch (IOException | UncheckedIOException e) {
        throw new UsageException(
            "--data " + input.dataset() + ": reading " + input.label() + " failed: " + e, e);
      } finally {
        tracker.finish();
      }
      reports.add(new DatasetReport(input, report, System.nanoTime() - started));
    }
    return reports;
  }

  private IngestReport ingest(DataInput input, InputStream in) throws IOException {
    String dataset = input.dataset();
    FieldMapping mapping = input.mapping();
    return switch (input.syntax()) {
      case XDM ->
          input.events()
              ? json.ingestEvents(store, dataset, in)
              : json.ingestRecords(store, dataset, in);
      case JSON ->
          input.events()
              ? json.mapping(required(mapping)).ingestEvents(store, dataset, in)
              : json.mapping(required(mapping)).ingestRecords(store, dataset, in);
      case CSV ->
          input.events()
              ? json.mapping(required(mapping)).ingestCsvEvents(store, dataset, in)
              : json.mapping(required(mapping)).ingestCsvRecords(store, dataset, in);
    };
  }

  private static FieldMapping required(@Nullable FieldMapping mapping) {
    if (mapping == null) {
      throw new IllegalStateException("a mapped input has no mapping");
    }
    return mapping;
  }

  /**
   * Under {@code --strict}, fails with exit code 1 if any input line was rejected.
   *
   * @throws DataRejectedException if strict and some line was rejected
   */
  static void checkStrict(boolean strict, List<DatasetReport> reports) {
    if (!strict) {
      return;
    }
    long rejected = reports.stream().mapToLong(r -> r.report().rejected()).sum();
    if (rejected == 0) {
      return;
    }
    List<String> first = new ArrayList<>();
    for (DatasetReport r : reports) {
      for (LineOutcome line : r.report().problems()) {
        if (line.status() == dev.rtprofile.store.IngestStatus.REJECTED && first.size() < 3) {
          first.add(r.input().label() + " line " + line.line() + " " + line.reason());
        }
      }
    }
    throw new DataRejectedException(
        "--strict: the store rejected "
            + rejected
            + (rejected == 1 ? " line" : " lines")
            + " ("
            + String.join(", ", first)
            + (rejected > first.size() ? ", ..." : "")
            + "); 'rtprofile ingest' with the same options lists them all");
  }

  /**
   * Checks that the store knows a merge policy.
   *
   * @throws UsageException naming {@code --policy} if it does not
   */
  void checkPolicy(@Nullable String policy) {
    if (policy != null && !store.mergePolicies().containsKey(policy)) {
      throw new UsageException(
          "--policy: unknown merge policy '"
              + policy
              + "'; the store has "
              + new TreeSet<>(store.mergePolicies().keySet()));
    }
  }

  /**
   * Checks that an identity given on the command line is one the store can hold.
   *
   * @throws UsageException naming {@code what} if its namespace is unknown or its value invalid
   */
  void checkIdentity(Identity identity, String what) {
    Optional<DroppedIdentity> problem = store.identityGraph().problem(identity);
    if (problem.isEmpty()) {
      return;
    }
    DroppedIdentity p = problem.get();
    String hint =
        switch (p.problem()) {
          case UNKNOWN_NAMESPACE ->
              "unknown namespace '"
                  + identity.namespace()
                  + "'; the store knows "
                  + store.identityGraph().namespaces().stream()
                      .map(Namespace::code)
                      .collect(Collectors.joining(", "))
                  + "; register custom namespaces in the --config file's namespaces";
          default -> "not a valid identity: " + p.problem() + " (" + p.detail() + ")";
        };
    throw new UsageException(what + " " + identity.toText() + ": " + hint);
  }

  // ---------------------------------------------------------------------------------------------

  private static DataInput resolve(
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
    checkReadable(path, "--data " + name);
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

  static void checkReadable(Path path, String option) {
    if (!Files.exists(path)) {
      throw new UsageException(option + ": no such file: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw new UsageException(option + ": not a regular file: " + path);
    }
    if (!Files.isReadable(path)) {
      throw new UsageException(option + ": cannot read " + path + " (permission denied)");
    }
  }

  static String readText(Path path, String option) {
    checkReadable(path, option);
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UsageException(option + ": cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
