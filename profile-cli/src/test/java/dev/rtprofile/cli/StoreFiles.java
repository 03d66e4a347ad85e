package dev.rtprofile.cli;

import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.SearchPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers over store directories: copies, byte scans and a canonical dump of the state. */
final class StoreFiles {
  private StoreFiles() {}

  /** The demo's four datasets as {@code --data} arguments, read from {@code dir}. */
  static List<String> dataArgs(Path dir) {
    List<String> args = new ArrayList<>();
    for (String[] file : DemoData.FILES) {
      args.add("--data");
      args.add(file[0] + "=" + dir.resolve(file[1]));
    }
    return args;
  }

  /** Copies a (closed) flat store directory. */
  static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path file : files.toList()) {
        Files.copy(file, to.resolve(file.getFileName()));
      }
    }
    return to;
  }

  /** The files under {@code dir} whose bytes hold {@code value}'s UTF-8 bytes. */
  static List<Path> filesHolding(Path dir, String value) throws IOException {
    byte[] needle = value.getBytes(StandardCharsets.UTF_8);
    List<Path> holding = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          holding.add(dir.relativize(file));
        }
      }
    }
    return holding;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /**
   * Everything a store answers, as one canonical text: its statistics, then every profile (sorted
   * by profile id, in the entities-API JSON) with all its events. Two stores with the same text
   * hold the same profiles, graphs, ids and events.
   */
  static String dump(Path dir, Path config) {
    ProfileJson json = ProfileJson.defaults();
    ProfileStore store;
    try {
      store =
          json.readStoreConfiguration(Files.readString(config))
              .storeBuilder()
              .storage(dir)
              .readOnly(true)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (store) {
      StringBuilder out = new StringBuilder();
      out.append(StatsCommand.json(store)).append('\n');
      SearchPage page = store.search().limit(10_000).fetchPage();
      if (page.nextCursor() != null) {
        throw new IllegalStateException("more than 10000 profiles: page through them");
      }
      for (Profile p : page.profiles()) {
        out.append(json.writeProfile(p)).append('\n');
        out.append(json.writeEvents(store.events(p.primaryIdentity()).limit(10_000).fetch(), ""))
            .append('\n');
      }
      return out.toString();
    }
  }
}
