package dev.rtprofile.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that build a store and feed it: {@code --store}, {@code --config}, {@code --data},
 * {@code --mapping}, {@code --strict}.
 */
final class StoreOptions {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = {
        "A durable store directory. ingest appends the --data inputs to it (creating it); the other"
            + " commands answer from it, read-only, without reading any data. Its configuration is"
            + " DIR/config.json unless --config is given."
      })
  @Nullable Path store;

  @Option(
      names = "--data",
      paramLabel = "NAME=PATH",
      description = {
        "A dataset to ingest, repeatable. NDJSON in XDM shape by default; CSV (*.csv) or plain JSON"
            + " through a mapping of --config. NAME:events=PATH or NAME:records=PATH says what the"
            + " lines are; otherwise NDJSON lines with _id and timestamp are events."
      })
  List<String> data = new ArrayList<>();

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The store configuration file: namespaces, rules, policies, mappings. With --store, the"
              + " default is DIR/config.json; ingest --store copies FILE there.")
  @Nullable Path config;

  @Option(
      names = "--mapping",
      paramLabel = "DATASET=MAPPING",
      description =
          "Reads DATASET through the named mapping of --config. Default: the mapping named like"
              + " the dataset, if there is one.")
  Map<String, String> mappings = new LinkedHashMap<>();

  @Option(names = "--strict", description = "Exit with code 1 if the store rejects any input line.")
  boolean strict;
}
