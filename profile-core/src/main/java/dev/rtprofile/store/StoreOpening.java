package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.internal.GraphEngines;
import dev.rtprofile.journal.Snapshot;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opening a durable store (DESIGN §6): the newest valid snapshot derived under the settings the
 * store is opened with, then the journal after it; or, when no snapshot fits, the whole journal
 * replayed under the new settings (the state is always the commands derived under the current
 * settings); or a clear error when the journal no longer starts at its first command. Then the
 * unfinished work a crash may have left: a settings marker, an erasure's purge.
 */
final class StoreOpening {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

  /** The file of a generated deny-list salt. */
  static final String SALT_FILE = "deny-list.salt";

  private StoreOpening() {}

  static ProfileStore open(
      Path dir,
      StorageOptions options,
      StoreConfig config,
      IdentityGraph.Builder graph,
      byte @Nullable [] givenSalt,
      String storeSettings) {
    DurableStorage storage = DurableStorage.open(dir, options);
    try {
      // Under the directory's lock: two first openers cannot make two salts.
      byte[] salt = givenSalt != null ? givenSalt : salt(dir, options.readOnly());
      graph.denyListSalt(salt);
      String settings = GraphEngines.settingsDescription(graph) + "\n" + storeSettings;
      storage.settings = settings;
      return open(storage, config, graph, settings, salt);
    } catch (RuntimeException | Error e) {
      try {
        storage.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static ProfileStore open(
      DurableStorage storage,
      StoreConfig config,
      IdentityGraph.Builder graph,
      String settings,
      byte[] salt) {
    long key = erasedKey(salt);
    StoreEngine engine = null;
    Snapshot used = null;
    boolean purgeSnapshot = false;
    boolean purgePending = false;
    String otherSettings = null;
    List<String> skipped = new ArrayList<>();
    List<Snapshot> snapshots = storage.snapshots();
    for (Snapshot snapshot : snapshots) {
      try (DataInputStream in = storage.open(snapshot)) {
        StateSnapshot.Header header = StateSnapshot.header(in);
        if (!header.settings().equals(settings)) {
          if (otherSettings == null) {
            otherSettings = header.settings();
          }
          continue;
        }
        engine = StateSnapshot.read(in, header, config, graph, new ErasedValues(key));
        used = snapshot;
        purgeSnapshot = header.purge();
        purgePending = header.purgePending();
        break;
      } catch (IOException e) {
        LOG.warn(
            "skipping the snapshot {} of {}: {}",
            snapshot.path().getFileName(),
            storage.dir,
            e.getMessage());
        skipped.add(snapshot.path().getFileName() + ": " + e.getMessage());
      }
    }
    long firstSeq = storage.journal.firstSeq();
    long from;
    if (engine != null) {
      from = used.seq() + 1;
    } else {
      if (firstSeq > 1) {
        throw new StorageException(cannotRederive(storage.dir, settings, otherSettings, firstSeq));
      }
      engine = new StoreEngine(config, GraphEngines.unsynchronized(graph), new ErasedValues(key));
      from = 1;
    }
    ProfileStore store = new ProfileStore(engine);
    Replayed replayed = replay(storage, from, store.replayTarget());
    store.attach(storage);
    String last =
        replayed.lastSettings != null
            ? replayed.lastSettings
            : used != null ? settings : otherSettings;
    List<String> changed =
        used == null && last != null && !last.equals(settings)
            ? changedKeys(last, settings)
            : List.of();
    if (!changed.isEmpty()) {
      LOG.info(
          "the store in {} was opened with changed settings ({}): re-derived its {} journalled"
              + " commands under them",
          storage.dir,
          String.join(", ", changed),
          replayed.commands);
    } else {
      LOG.info(
          "opened the store in {}: {} snapshot, {} journalled commands replayed",
          storage.dir,
          used == null ? "no" : "a",
          replayed.commands);
    }
    var damage = storage.journal.recovery().damage();
    Optional<String> journalDamage =
        damage == null
            ? Optional.empty()
            : Optional.of(
                damage.segmentFile()
                    + " at offset "
                    + damage.offset()
                    + ": "
                    + damage.reason()
                    + "; "
                    + damage.bytesDropped()
                    + " bytes after it dropped");
    long snapshotSeq = used == null ? -1 : used.seq();
    if (storage.options.readOnly()) {
      storage.recovery =
          new RecoveryReport(
              storage.dir, snapshotSeq, replayed.commands, changed, journalDamage, skipped, false);
      return store;
    }
    if (!settings.equals(last)) {
      long seq = engine.lock.write(changes -> storage.settingsMarker());
      storage.acknowledge(seq);
    }
    boolean purged = false;
    if (replayed.erasures > 0 || purgePending) {
      // An erasure whose purge a crash interrupted before its snapshot.
      storage.purgePending();
      storage.purge();
      purged = true;
    } else if (purgeSnapshot && (snapshots.size() > 1 || firstSeq <= used.seq())) {
      // A purge a crash interrupted after its snapshot.
      storage.finishPurge(used.seq());
      purged = true;
    }
    storage.recovery =
        new RecoveryReport(
            storage.dir, snapshotSeq, replayed.commands, changed, journalDamage, skipped, purged);
    if (used == null && replayed.commands > 0) {
      // Re-derived (or only a journal): start the next restart from a snapshot.
      storage.snapshot(false);
    }
    storage.scheduleSnapshots();
    return store;
  }

  /** Replays the journal from {@code fromSeq}; returns what it saw. */
  static Replayed replay(DurableStorage storage, long fromSeq, Commands.Target target) {
    Replayed seen = new Replayed();
    try {
      storage.journal.replay(
          fromSeq,
          (seq, payload) -> {
            int type = Commands.type(payload);
            if (type == Commands.ERASE || type == Commands.ERASE_PROFILE) {
              seen.erasures++;
            }
            if (type == Commands.SETTINGS) {
              ByteBuffer copy = payload.duplicate();
              copy.get();
              seen.lastSettings = new Bytes.Reader(copy).readString();
            }
            Commands.apply(payload, target);
            seen.commands++;
          });
    } catch (IOException e) {
      throw new StorageException(
          "cannot replay the journal of " + storage.dir + ": " + DurableStorage.reason(e), e);
    }
    return seen;
  }

  /** What a replay saw. */
  static final class Replayed {
    long commands;
    long erasures;
    @Nullable String lastSettings;
  }

  private static String cannotRederive(
      Path dir, String settings, @Nullable String otherSettings, long firstSeq) {
    String changed =
        otherSettings == null
            ? "no valid snapshot is left"
            : "its snapshots were derived under other settings ("
                + String.join(", ", changedKeys(otherSettings, settings))
                + ")";
    return "cannot open the store in "
        + dir
        + ": "
        + changed
        + ", and its journal starts at entry "
        + firstSeq
        + " (the entries before were purged by an erasure), so its state cannot be re-derived;"
        + " open it with the settings it was written with, or ingest the data again into a new"
        + " directory";
  }

  /** The keys (text before '=') of the lines that differ between two settings descriptions. */
  static List<String> changedKeys(String before, String after) {
    Set<String> a = new LinkedHashSet<>(List.of(before.split("\n")));
    Set<String> b = new LinkedHashSet<>(List.of(after.split("\n")));
    Set<String> keys = new LinkedHashSet<>();
    for (String line : a) {
      if (!b.contains(line)) {
        keys.add(key(line));
      }
    }
    for (String line : b) {
      if (!a.contains(line)) {
        keys.add(key(line));
      }
    }
    return new ArrayList<>(keys);
  }

  private static String key(String line) {
    int eq = line.indexOf('=');
    return eq < 0 ? line : line.substring(0, eq);
  }

  /**
   * The deny-list salt kept in the directory: read, or generated and written (owner-only) if the
   * directory has none. A read-only opener of a directory without one gets a random salt (it has
   * nothing erased to check).
   */
  static byte[] salt(Path dir, boolean readOnly) {
    Path file = dir.resolve(SALT_FILE);
    try {
      if (Files.exists(file)) {
        byte[] salt = Files.readAllBytes(file);
        if (salt.length < 16) {
          throw new StorageException(
              "the deny-list salt file " + file + " is damaged: " + salt.length + " bytes");
        }
        return salt;
      }
      byte[] salt = new byte[32];
      new SecureRandom().nextBytes(salt);
      if (readOnly) {
        return salt;
      }
      Files.createDirectories(dir);
      Path tmp = dir.resolve(SALT_FILE + ".tmp");
      Files.deleteIfExists(tmp);
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
          // Not a POSIX file system: the directory's own permissions protect it.
        }
        ch.write(ByteBuffer.wrap(salt));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp);
        return Files.readAllBytes(file);
      }
      return salt;
    } catch (IOException e) {
      throw new StorageException(
          "cannot read or create the deny-list salt in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The key of the erased values' fingerprints, derived from the deny-list salt. */
  static long erasedKey(byte[] salt) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update("erased attribute values".getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
