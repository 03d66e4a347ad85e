package dev.rtprofile.cli;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.json.FieldMapping;
import dev.rtprofile.json.IngestReport;
import dev.rtprofile.json.InvalidJsonException;
import dev.rtprofile.json.LineOutcome;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.json.StoreConfiguration;
import dev.rtprofile.store.Durability;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import dev.rtprofile.store.StorageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A store and the inputs named by {@code --data}, checked before anything is ingested so that bad
 * usage fails fast and prints nothing on stdout. The store is built in memory from {@code
 * --config}, or opened in a durable store's directory ({@code --store DIR}): read-only for the
 * commands that answer, for writing for {@code ingest}. Closing the session closes a durable store
 * (a snapshot, the journal forced, the lock released).
 */
final class Session implements AutoCloseable {
  private final ProfileStore store;
  private final ProfileJson json;
  private final List<DataInput> inputs;
  private final @Nullable Path directory;
  private long journalledLines;
  private boolean configWritten;
  private boolean closed;

  Session(ProfileStore store, ProfileJson json, List<DataInput> inputs) {
    this(store, json, inputs, null);
  }

  Session(ProfileStore store, ProfileJson json, List<DataInput> inputs, @Nullable Path directory) {
    this.store = store;
    this.json = json;
    this.inputs = List.copyOf(inputs);
    this.directory = directory;
  }

  /**
   * For the commands that answer (lookup, events, search, graph, stats, view): with {@code --store
   * DIR}, opens the store there read-only, reading no data; otherwise reads the configuration,
   * builds the store in memory and resolves every {@code --data} input.
   *
   * @throws UsageException if a file is missing or unreadable, the configuration is invalid, an
   *     input cannot be read as named, {@code --store} is combined with {@code --data}, or the
   *     store directory holds no store or cannot be opened
   */
  static Session open(StoreOptions options) {
    if (options.store != null) {
      return openForReading(options, options.store);
    }
    StoreConfiguration config =
        options.config == null ? null : configuration(options.config, "--config");
    ProfileStore store =
        config == null ? ProfileStore.builder().build() : config.storeBuilder().build();
    Map<String, FieldMapping> mappings = config == null ? Map.of() : config.mappings();
    return new Session(store, ProfileJson.defaults(), DataInputs.resolve(options, mappings));
  }

  /**
   * For {@code ingest}: like {@link #open} without {@code --store}; with it, resolves the inputs
   * (through the mappings of {@code --config}, else of {@code DIR/config.json}), then opens the
   * store in DIR for writing (creating it) and, if {@code --config} was given, makes it the
   * directory's configuration once the store accepted it.
   *
   * @param durability the {@code --durability} policy, or null for the default (every write)
   * @throws UsageException as {@link #open} does, if {@code --durability} is given without {@code
   *     --store}, or if the directory is locked by another writer, cannot be written, or holds a
   *     store that cannot be re-derived under the configuration
   */
  static Session openForIngest(StoreOptions options, @Nullable DurabilityOption durability) {
    Path dir = options.store;
    if (dir == null) {
      if (durability != null) {
        throw new UsageException("--durability applies to a durable store: add --store DIR");
      }
      return open(options);
    }
    String text = null;
    StoreConfiguration config = null;
    if (options.config != null) {
      text = readText(options.config, "--config");
      config = parse(text, "--config " + options.config);
    } else {
      Optional<Path> kept = StoreDirectory.configuration(dir);
      if (kept.isPresent()) {
        config = configuration(kept.get(), "--store " + dir + ": its configuration");
      }
    }
    List<DataInput> inputs =
        DataInputs.resolve(options, config == null ? Map.of() : config.mappings());
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new UsageException("--store " + dir + ": not a directory");
    }
    Durability policy = (durability == null ? DurabilityOption.EVERY : durability).durability();
    ProfileStore store = StoreDirectory.open(builder(config), dir, false, policy);
    Session session = new Session(store, ProfileJson.defaults(), inputs, dir);
    if (text != null) {
      try {
        session.configWritten = StoreDirectory.saveConfiguration(dir, text);
      } catch (RuntimeException e) {
        session.closeQuietly(e);
        throw e;
      }
    }
    return session;
  }

  private static Session openForReading(StoreOptions options, Path dir) {
    if (!options.data.isEmpty()) {
      throw new UsageException(
          "--data cannot be combined with --store here: the store in "
              + dir
              + " answers without reading any data; add data to it with 'rtprofile ingest --store "
              + dir
              + " --data NAME=PATH'");
    }
    if (!options.mappings.isEmpty()) {
      throw new UsageException(
          "--mapping reads --data inputs, which --store does not take here; use it with"
              + " 'rtprofile ingest --store "
              + dir
              + "'");
    }
    StoreDirectory.requireStore(dir);
    StoreConfiguration config;
    if (options.config != null) {
      config = configuration(options.config, "--config");
    } else {
      Optional<Path> kept = StoreDirectory.configuration(dir);
      config =
          kept.isEmpty()
              ? null
              : configuration(kept.get(), "--store " + dir + ": its configuration");
    }
    ProfileStore store =
        StoreDirectory.open(builder(config), dir, true, DurabilityOption.EVERY.durability());
    return new Session(store, ProfileJson.defaults(), List.of(), dir);
  }

  private static ProfileStoreBuilder builder(@Nullable StoreConfiguration config) {
    return config == null ? ProfileStore.builder() : config.storeBuilder();
  }

  /**
   * Reads and parses a configuration file; {@code option} names it in messages.
   *
   * @throws UsageException naming {@code option} and the file if it is unreadable or invalid
   */
  static StoreConfiguration configuration(Path path, String option) {
    return parse(readText(path, option), option + " " + path);
  }

  private static StoreConfiguration parse(String text, String what) {
    try {
      return ProfileJson.defaults().readStoreConfiguration(text);
    } catch (InvalidJsonException e) {
      throw new UsageException(what + ": " + e.getMessage(), e);
    }
  }

  /** The durable store's directory, or null for a store in memory. */
  @Nullable Path directory() {
    return directory;
  }

  /** Whether opening for ingest wrote the directory's configuration (it had changed). */
  boolean configWritten() {
    return configWritten;
  }

  /**
   * The input lines the journal holds (every line read but the blank and rejected ones) of the
   * inputs whose ingest returned: each input is one batch, so under {@code every} they are on the
   * disk once it returns, and under every policy once the session is closed.
   */
  long journalledLines() {
    return journalledLines;
  }

  /** Closes the session; see {@link #finish()}. */
  @Override
  public void close() {
    finish();
  }

  /**
   * Closes a durable store: writes a snapshot, forces the journal, releases the lock; idempotent.
   * Reads still answer from memory afterwards. A command calls it before reporting, so that what it
   * reports as durable is on the disk.
   *
   * @throws UsageException naming {@code --store DIR} if the final snapshot or force failed
   */
  void finish() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      store.close();
    } catch (StorageException e) {
      throw new UsageException("--store " + directory + ": " + e.getMessage(), e);
    }
  }

  private void closeQuietly(Throwable failure) {
    try {
      close();
    } catch (RuntimeException suppressed) {
      failure.addSuppressed(suppressed);
    }
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
      } catch (StorageException e) {
        throw new UsageException(
            "--store "
                + directory
                + ": "
                + e.getMessage()
                + "; the "
                + Text.count(journalledLines)
                + " lines of the inputs before "
                + input.label()
                + " are in the journal, and the same ingest run again completes the store",
            e);
      } catch (IOException | UncheckedIOException e) {
        throw new UsageException(
            "--data " + input.dataset() + ": reading " + input.label() + " failed: " + e, e);
      } finally {
        tracker.finish();
      }
      journalledLines += report.lines() - report.blank() - report.rejected();
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
   * Checks that an identity given on the command line is one the store can hold, or held before it
   * was erased.
   *
   * @throws UsageException naming {@code what} if its namespace is unknown or its value invalid
   */
  void checkIdentity(Identity identity, String what) {
    Optional<DroppedIdentity> problem = store.identityGraph().problem(identity);
    if (problem.isEmpty() || problem.get().problem() == IdentityProblem.ERASED) {
      // An erased identity is one the store no longer holds: the command finds nothing.
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
