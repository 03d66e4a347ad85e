package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.GraphEngines;
import dev.rtprofile.journal.FileOps;
import dev.rtprofile.merge.MergePolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link ProfileStore}. Setters validate at once; cross-setting rules are checked by
 * {@link #build()}. Not thread-safe; {@code build()} may be called again.
 */
public final class ProfileStoreBuilder {
  private final IdentityGraph.Builder graph = IdentityGraph.builder();
  private LinkingRules linkingRules = LinkingRules.NONE;
  private final Map<String, MergePolicy> policies = new LinkedHashMap<>();
  private final Set<String> conflictingIds = new TreeSet<>();
  private MergePolicy defaultPolicy = MergePolicy.timestampOrdered();
  private final Map<String, UpdateMode> modes = new HashMap<>();
  private final Map<String, Duration> retention = new HashMap<>();
  private Clock clock = Clock.systemUTC();
  private int maxRecordSize = 100 * 1024;
  private int maxEventSize = 10 * 1024;
  private int profileCacheSize = 100_000;
  private boolean scanTables = true;
  private final List<String[]> indexes = new ArrayList<>();
  private ForkJoinPool executor = ForkJoinPool.commonPool();
  private @Nullable Path storage;
  private Durability durability = Durability.everyWrite();
  private boolean readOnly;
  private long snapshotBytes = StorageOptions.DEFAULT_SNAPSHOT_BYTES;
  private @Nullable Duration snapshotInterval;
  private long segmentBytes = StorageOptions.DEFAULT_SEGMENT_BYTES;
  private boolean compactJournal;
  private FileOps files = FileOps.DEFAULT;
  private byte @Nullable [] salt;

  ProfileStoreBuilder() {}

  /**
   * Makes the store durable in {@code directory} (created if missing): every write is journalled
   * there before it returns, snapshots are written beside the journal, and building the store again
   * on the directory restarts it where it was (DESIGN §6). One process at a time may open a
   * directory for writing (a second one gets a {@link StorageException} naming the holder). Without
   * storage the store lives in memory only. Close a durable store when done.
   *
   * <p>The directory keeps the deny list as salted hashes; without a {@link #denyListSalt} the salt
   * is generated and kept in the directory (owner-only permissions), which lets anyone who can read
   * the directory test guesses of erased values: give a salt from a secret store to prevent that.
   */
  public ProfileStoreBuilder storage(Path directory) {
    this.storage = Objects.requireNonNull(directory, "directory");
    return this;
  }

  /** Sets when writes of a durable store return; see {@link Durability}. Default: every write. */
  public ProfileStoreBuilder durability(Durability durability) {
    this.durability = Objects.requireNonNull(durability, "durability");
    return this;
  }

  /**
   * Opens the {@link #storage} directory for reading only (tools, a second process): no lock is
   * taken, nothing on disk changes, writes throw {@link IllegalStateException}. Default: off.
   */
  public ProfileStoreBuilder readOnly(boolean readOnly) {
    this.readOnly = readOnly;
    return this;
  }

  /**
   * Writes a snapshot in the background once the journal has grown by {@code journalBytes} since
   * the last one. Default: 268435456 (256 MiB).
   */
  public ProfileStoreBuilder snapshotAfter(long journalBytes) {
    if (journalBytes < 1) {
      throw new IllegalArgumentException("snapshotAfter must be positive, but was " + journalBytes);
    }
    this.snapshotBytes = journalBytes;
    return this;
  }

  /** Also writes a snapshot every {@code interval} when something changed. Default: never. */
  public ProfileStoreBuilder snapshotInterval(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException(
          "snapshotInterval must be at least 1 ms, but was " + interval);
    }
    this.snapshotInterval = interval;
    return this;
  }

  /**
   * Whether each snapshot deletes the journal segments that the older of the two kept snapshots
   * covers, so that the directory holds about two snapshots and the journal since the older one
   * instead of every command ever written. The price: a store opened under changed settings can no
   * longer re-derive its state from the whole journal (opening then fails, naming the settings).
   * Default: off, the journal is kept whole (an erasure's purge compacts it anyway).
   */
  public ProfileStoreBuilder compactJournal(boolean compact) {
    this.compactJournal = compact;
    return this;
  }

  /** The journal's segment size, for tests of segment rolls. */
  ProfileStoreBuilder segmentBytes(long bytes) {
    this.segmentBytes = bytes;
    return this;
  }

  /** The file operations, for tests that inject failures. */
  ProfileStoreBuilder files(FileOps files) {
    this.files = files;
    return this;
  }

  /**
   * Declares a secondary index on a leaf attribute path of profiles merged under the default
   * policy; equality, {@code in}, ranges, prefixes and array {@code contains} on it are answered
   * from the index. Indexes cost a re-merge of each changed profile at ingest. Default: none.
   */
  public ProfileStoreBuilder index(String path) {
    indexes.add(new String[] {null, AttributeValues.path(path, "index")});
    return this;
  }

  /** Declares a secondary index on a path of profiles merged under the named policy. */
  public ProfileStoreBuilder index(String policyId, String path) {
    Objects.requireNonNull(policyId, "policyId");
    indexes.add(new String[] {policyId, AttributeValues.path(path, "index")});
    return this;
  }

  /** Registers a namespace; see {@link IdentityGraph.Builder#namespace}. */
  public ProfileStoreBuilder namespace(Namespace namespace) {
    graph.namespace(namespace);
    return this;
  }

  /** Sets the linking rules; also the namespace priority for primary identities. */
  public ProfileStoreBuilder linkingRules(LinkingRules rules) {
    graph.linkingRules(rules);
    this.linkingRules = rules;
    return this;
  }

  /** Sets the graph limit. Default: 50. */
  public ProfileStoreBuilder graphLimit(int limit) {
    graph.graphLimit(limit);
    return this;
  }

  /** Sets the hub guard. Default: 50. */
  public ProfileStoreBuilder hubLimit(int limit) {
    graph.hubLimit(limit);
    return this;
  }

  /** Sets the component limit. Default: 1000. */
  public ProfileStoreBuilder maxComponentSize(int max) {
    graph.maxComponentSize(max);
    return this;
  }

  /** Sets the most identities per record. Default: 20. */
  public ProfileStoreBuilder maxIdentitiesPerRecord(int max) {
    graph.maxIdentitiesPerRecord(max);
    return this;
  }

  /** Blocks an identity value; see {@link IdentityGraph.Builder#blockedValue}. */
  public ProfileStoreBuilder blockedValue(String namespace, String value) {
    graph.blockedValue(namespace, value);
    return this;
  }

  /** Blocks identity values by pattern; see {@link IdentityGraph.Builder#blockedPattern}. */
  public ProfileStoreBuilder blockedPattern(String namespace, String regex) {
    graph.blockedPattern(namespace, regex);
    return this;
  }

  /** Sets the deny list's salt; see {@link IdentityGraph.Builder#denyListSalt}. */
  public ProfileStoreBuilder denyListSalt(byte[] salt) {
    graph.denyListSalt(salt);
    this.salt = salt.clone();
    return this;
  }

  /** Registers a named merge policy that lookups may name. Default: only the default one. */
  public ProfileStoreBuilder mergePolicy(MergePolicy policy) {
    Objects.requireNonNull(policy, "policy");
    MergePolicy earlier = policies.putIfAbsent(policy.id(), policy);
    if (earlier != null && !earlier.equals(policy)) {
      conflictingIds.add(policy.id());
    }
    return this;
  }

  /**
   * Sets the default merge policy, also registered under its id. Default: {@link
   * MergePolicy#timestampOrdered()} with whole-graph stitching.
   */
  public ProfileStoreBuilder defaultMergePolicy(MergePolicy policy) {
    this.defaultPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** Sets how a dataset's records update their fragment. Default: {@link UpdateMode#REPLACE}. */
  public ProfileStoreBuilder updateMode(String dataset, UpdateMode mode) {
    Objects.requireNonNull(dataset, "dataset");
    modes.put(dataset, Objects.requireNonNull(mode, "mode"));
    return this;
  }

  /** Keeps a dataset's events for {@code ttl} of event time. Default: forever. */
  public ProfileStoreBuilder eventRetention(String dataset, Duration ttl) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("eventRetention must be positive, but was " + ttl);
    }
    retention.put(dataset, ttl);
    return this;
  }

  /** Sets the clock for default timestamps and event retention. Default: the UTC clock. */
  public ProfileStoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Sets the largest record accepted, in bytes of attributes. Default: 102400 (100 KB). */
  public ProfileStoreBuilder maxRecordSize(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxRecordSize must be positive, but was " + bytes);
    }
    this.maxRecordSize = bytes;
    return this;
  }

  /** Sets the largest event accepted, in bytes of attributes. Default: 10240 (10 KB). */
  public ProfileStoreBuilder maxEventSize(int bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("maxEventSize must be positive, but was " + bytes);
    }
    this.maxEventSize = bytes;
    return this;
  }

  /**
   * Whether unindexed searches under whole-graph policies keep scan tables: a slot per profile and
   * a column of merged values per attribute path a scan has read, kept up to date lazily, so that a
   * scan walks arrays (several times faster) at the cost of a reference per profile per column and
   * about 80 bytes per profile per scanned policy. Without them, a scan merges the paths it reads
   * profile by profile. Default: on.
   */
  public ProfileStoreBuilder scanTables(boolean enabled) {
    this.scanTables = enabled;
    return this;
  }

  /**
   * Sets about how many merged profiles the cache keeps (concurrent lookups may overshoot by a
   * few); when it is full, each new profile evicts one in hash order. 0 turns it off. Default:
   * 100000.
   */
  public ProfileStoreBuilder profileCacheSize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("profileCacheSize must not be negative, but was " + size);
    }
    this.profileCacheSize = size;
    return this;
  }

  /**
   * Sets the pool that searches scanning many profiles (20,000 or more candidates) split their work
   * over; a pool of parallelism 1 keeps scans to one core. The scan's caller waits for it, holding
   * the store's read lock. Default: {@link ForkJoinPool#commonPool()}.
   */
  public ProfileStoreBuilder executor(ForkJoinPool executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /**
   * Builds the store.
   *
   * @throws IllegalStateException if two policies share an id or the graph settings conflict
   */
  public ProfileStore build() {
    if (!conflictingIds.isEmpty()) {
      throw new IllegalStateException(
          "mergePolicy was called with different policies under the ids "
              + conflictingIds
              + "; give each policy its own id");
    }
    Map<String, MergePolicy> all = StoreConfig.allPolicies(policies, defaultPolicy);
    Map<String, List<String>> indexPaths = StoreConfig.indexPaths(indexes, all, defaultPolicy);
    StoreConfig config =
        new StoreConfig(
            clock,
            all,
            defaultPolicy,
            modes,
            retention,
            linkingRules.priority(),
            maxRecordSize,
            maxEventSize,
            profileCacheSize,
            scanTables,
            indexPaths,
            executor);
    Path dir = storage;
    if (dir == null) {
      return new ProfileStore(new StoreEngine(config, GraphEngines.unsynchronized(graph)));
    }
    StorageOptions options =
        new StorageOptions(
            durability,
            readOnly,
            snapshotBytes,
            snapshotInterval,
            segmentBytes,
            compactJournal,
            files);
    return StoreOpening.open(dir, options, config, graph, salt, storeSettings());
  }

  /** The store's settings that change what it derives from the same commands, one per line. */
  private String storeSettings() {
    StringBuilder out = new StringBuilder();
    out.append("store.maxRecordSize=").append(maxRecordSize).append('\n');
    out.append("store.maxEventSize=").append(maxEventSize).append('\n');
    new TreeMap<>(modes)
        .forEach(
            (dataset, mode) ->
                out.append("store.updateMode.")
                    .append(dataset)
                    .append('=')
                    .append(mode)
                    .append('\n'));
    new TreeMap<>(retention)
        .forEach(
            (dataset, ttl) ->
                out.append("store.eventRetention.")
                    .append(dataset)
                    .append('=')
                    .append(ttl.toMillis())
                    .append('\n'));
    return out.toString();
  }
}
