package dev.rtprofile.store;

import dev.rtprofile.graph.DatasetDeletion;
import dev.rtprofile.graph.DeleteOutcome;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityDeletion;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.journal.CrashPoints;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The profile store: ingests records and events from many datasets, links their identities into an
 * identity graph, and answers lookups from any identity with the unified profile under a merge
 * policy, its events and the evidence behind both.
 *
 * <p><b>Thread safety.</b> Thread-safe: any number of threads may ingest and look up at once. Each
 * operation is atomic: a lookup sees every write that returned before it started and none that
 * started after it returned, never half of one. Writes run one at a time. Lookups (by identity, by
 * profile id, batch) take no lock and never wait for a write; searches, event pages, graph views
 * and statistics run concurrently with each other and wait for a write in progress, which is
 * bounded by the size of the graphs it touches. Large scans run in parallel on the {@linkplain
 * ProfileStoreBuilder#executor executor}. The change feed is delivered after each change is
 * visible. The protocol is described in {@code docs/ARCHITECTURE.md}.
 *
 * <p><b>Durability.</b> A store built with {@link ProfileStoreBuilder#storage(java.nio.file.Path)}
 * journals every write in its directory before the write returns (when, relative to the disk, is
 * {@link Durability}'s policy), writes snapshots beside the journal, and restarts where it was when
 * built again on the directory; {@link #close()} it when done. Without storage it lives in memory.
 *
 * <p>Data problems never throw: {@link #ingest(Record)} returns a result per record. Programming
 * errors (null arguments, an unknown policy id) throw with a message naming the argument; a durable
 * store's disk problems throw {@link StorageException}.
 */
public final class ProfileStore implements AutoCloseable {
  private final StoreEngine engine;
  private final Ingestion ingestion;
  private final Deletions deletions;

  /** The storage directory of a durable store, set once opening replayed the journal; or null. */
  private volatile @Nullable DurableStorage storage;

  /** The engine behind this face, for the store's own tests (work counts); not public. */
  StoreEngine engine() {
    return engine;
  }

  ProfileStore(StoreEngine engine) {
    this.engine = engine;
    this.ingestion = new Ingestion(engine);
    this.deletions = new Deletions(engine);
  }

  /** Returns a builder with the standard namespaces and a timestamp-ordered default policy. */
  public static ProfileStoreBuilder builder() {
    return new ProfileStoreBuilder();
  }

  /**
   * The identity graph behind the store, read-only: every read is atomic against the store's
   * writes, and nothing reached through it can change the store (it is not a {@code
   * MutableIdentityGraph}).
   */
  public IdentityGraph identityGraph() {
    return engine.graphView;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /**
   * Ingests one record: links its identities, then updates the fragment of (dataset, primary
   * identity) by the dataset's update mode. Never throws for data problems; a durable store throws
   * {@link StorageException} if the record could not be journalled.
   */
  public IngestResult ingest(Record record) {
    Objects.requireNonNull(record, "record");
    // The clock is read only for a record without a timestamp.
    OptionalLong sent = record.timestamp();
    long now = sent.isPresent() ? sent.getAsLong() : engine.config.clock.millis();
    return write(
        changes -> ingestion.record(record, now, changes),
        (s, r) ->
            r.status() == IngestStatus.REJECTED
                ? 0
                : s.record(record, now, r.dropped(), engine.erased));
  }

  /**
   * Ingests one event: deduplicated by (dataset, id), stored under its primary identity (for events
   * the namespace priority wins over the primary mark), and its identities linked.
   */
  public IngestResult ingest(Event event) {
    Objects.requireNonNull(event, "event");
    return write(
        changes -> ingestion.event(event, changes),
        (s, r) ->
            r.status() == IngestStatus.REJECTED ? 0 : s.event(event, r.dropped(), engine.erased));
  }

  /**
   * Tells what ingesting a record would do (what it would link, which rules would fire, which
   * attributes of its fragment would change) without changing anything.
   */
  public RecordDryRun dryRun(Record record) {
    Objects.requireNonNull(record, "record");
    // The graph's dry run uses the writer's scratch: it excludes writes and other readers.
    return engine.lock.exclusive(() -> ingestion.dryRun(record));
  }

  /**
   * Un-merges: removes the link between two identities with its evidence, which may split a
   * profile; a {@code SPLIT} change is published.
   *
   * @return whether there was such a link
   */
  public boolean unlink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return write(
        changes -> deletions.unlink(a, b, changes),
        (s, r) -> r ? s.pair(Commands.UNLINK, a, b) : 0);
  }

  /**
   * Adds a do-not-link rule: the two identities never end up in one profile; links that would join
   * them are removed by the identity optimization algorithm, as for unique namespaces.
   *
   * @throws IllegalArgumentException if either identity is invalid
   */
  public void neverLink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    write(
        changes -> deletions.neverLink(a, b, changes),
        (s, r) -> r ? s.pair(Commands.NEVER_LINK, a, b) : 0);
  }

  /**
   * Deletes an identity (AEP's identity delete): the identity, its links, and the fragments and
   * events stored under it; its profile may split. Unlike {@link #erase}, nothing is deny-listed:
   * later data may bring the identity back. An {@code ERASED} change is published.
   *
   * @return what the deletion did to the identity's graph
   */
  public IdentityDeletion delete(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return write(
        changes -> deletions.delete(identity, changes),
        (s, r) ->
            r.outcome() == DeleteOutcome.NO_CHANGE ? 0 : s.identity(Commands.DELETE, identity));
  }

  /**
   * Erases an identity for a privacy request: the identity, its links, the fragments and events
   * stored under it, cached profiles and every index entry go; a salted hash on the deny list keeps
   * later data from bringing it back. Copies of its value in string attributes of the rest of its
   * graph and of the events carrying it are removed too, and later data has them removed at ingest;
   * data whose primary identity is the erased one is rejected as {@link
   * IngestProblem#ERASED_IDENTITY}, so ingesting old data again changes nothing. Costs what it
   * touches (that graph and those events), not the size of the store.
   *
   * <p>A durable store also purges the value from its directory before returning: it writes a
   * snapshot of the state after the erasure and deletes or rewrites every older file holding it,
   * which costs a snapshot (O(store)); inside a {@link #batch} the purge runs once, at its end.
   */
  public void erase(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    erasing(
        changes -> {
          deletions.erase(identity, changes);
          return Boolean.TRUE;
        },
        Commands.ERASE,
        identity);
  }

  /** Erases every identity of the profile holding {@code identity}, with all their data. */
  public void eraseProfile(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    erasing(
        changes -> {
          deletions.eraseProfile(identity, changes);
          return Boolean.TRUE;
        },
        Commands.ERASE_PROFILE,
        identity);
  }

  private void erasing(Function<List<ProfileChange>, Boolean> apply, byte type, Identity identity) {
    write(apply, (s, r) -> s.identity(type, identity));
    DurableStorage s = storage;
    if (s != null) {
      CrashPoints.hit("erase.beforePurge");
      s.purgeAfterErasure();
    }
  }

  /**
   * Deletes a dataset's data: its fragments, its events and the identity links only it asserted.
   *
   * @return what the deletion did to the identity graph
   */
  public DatasetDeletion deleteDataset(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    return write(
        changes -> deletions.deleteDataset(dataset, changes), (s, r) -> s.deleteDataset(dataset));
  }

  /**
   * Removes the events older than their dataset's retention at the clock's now; expired events are
   * already invisible to queries, this frees their memory.
   *
   * @return the number of events removed
   */
  public int expireEvents() {
    return expireEventsAt(engine.config.clock.millis());
  }

  private int expireEventsAt(long now) {
    return write(
        changes -> deletions.expireEvents(now, changes), (s, r) -> r > 0 ? s.expire(now) : 0);
  }

  /**
   * Runs {@code work}, whose writes on this thread share one disk step: each returns once applied
   * and journalled, and the durability policy's step (a force, for {@link Durability#everyWrite()})
   * is taken once, before this returns; erasures in it are purged from the directory once, at its
   * end. After a crash during a batch, a prefix of its writes survives. Batches nest (the outermost
   * takes the step). In a store without storage it just runs {@code work}.
   *
   * @throws StorageException if the disk step failed; none of the batch's writes is acknowledged
   */
  public void batch(Runnable work) {
    Objects.requireNonNull(work, "work");
    DurableStorage s = storage;
    if (s == null) {
      work.run();
      return;
    }
    s.batch(work);
  }

  /**
   * What opening a durable store found in its directory and did about it: the snapshot it started
   * from, the commands it replayed, a re-derivation under changed settings, damage it stopped at.
   * Empty for a store without storage.
   */
  public Optional<RecoveryReport> recovery() {
    DurableStorage s = storage;
    return s == null ? Optional.empty() : Optional.ofNullable(s.recovery);
  }

  /**
   * Writes a snapshot of a durable store now, so that a restart replays only what comes after it;
   * snapshots are also written in the background as the journal grows and on {@link #close()}.
   * Writes wait while it is written; lookups and searches do not. Does nothing in a store without
   * storage.
   *
   * @throws StorageException if it could not be written; the store carries on
   */
  public void snapshot() {
    DurableStorage s = storage;
    if (s != null) {
      s.checkWritable();
      s.snapshot(false);
    }
  }

  /**
   * Closes a durable store: writes a snapshot if anything changed since the last, forces and closes
   * the journal and releases the directory's lock. Reads still answer from memory afterwards;
   * writes throw. Idempotent; does nothing in a store without storage.
   *
   * @throws StorageException if the final snapshot or force failed (what was acknowledged is safe)
   */
  @Override
  public void close() {
    DurableStorage s = storage;
    if (s != null) {
      s.closeStore();
    }
  }

  /**
   * Closes a durable store as a crash would leave it, but releasing its lock: the journal is synced
   * and closed, no snapshot written. For tests of the journal's replay.
   */
  void closeWithoutSnapshot() {
    DurableStorage s = storage;
    if (s != null) {
      try {
        s.close();
      } catch (java.io.IOException e) {
        throw new StorageException("cannot close the journal: " + e.getMessage(), e);
      }
    }
  }

  /** The storage of a durable store, for its tests; null in memory. */
  @Nullable DurableStorage storage() {
    return storage;
  }

  /** The journal step of a write: what to append for its result, returning its seq (0: none). */
  private interface JournalStep<T> {
    long append(DurableStorage storage, T result);
  }

  /**
   * Runs a write under the write lock; in a durable store also journals it there, then takes the
   * disk step after the lock is released (ARCHITECTURE §5).
   */
  private <T> T write(Function<List<ProfileChange>, T> apply, JournalStep<T> journal) {
    DurableStorage s = storage;
    if (s == null) {
      return engine.lock.write(apply);
    }
    s.checkWritable();
    long[] seq = {0};
    T result =
        engine.lock.write(
            changes -> {
              T r = apply.apply(changes);
              seq[0] = journal.append(s, r);
              return r;
            });
    s.acknowledge(seq[0]);
    s.maybeSnapshot();
    return result;
  }

  /** Makes the store durable on {@code storage}, once opening has replayed its journal. */
  void attach(DurableStorage storage) {
    this.storage = storage;
    storage.attach(engine);
  }

  /**
   * The writes a replay applies: the face's own, which journal nothing while no storage is attached
   * (opening attaches it after the replay).
   */
  Commands.Target replayTarget() {
    ProfileStore face = this;
    return new Commands.Target() {
      @Override
      public void record(Record record) {
        face.ingest(record);
      }

      @Override
      public void event(Event event) {
        face.ingest(event);
      }

      @Override
      public void unlink(Identity a, Identity b) {
        face.unlink(a, b);
      }

      @Override
      public void neverLink(Identity a, Identity b) {
        face.neverLink(a, b);
      }

      @Override
      public void delete(Identity identity) {
        face.delete(identity);
      }

      @Override
      public void erase(Identity identity) {
        face.erase(identity);
      }

      @Override
      public void eraseProfile(Identity identity) {
        face.eraseProfile(identity);
      }

      @Override
      public void deleteDataset(String dataset) {
        face.deleteDataset(dataset);
      }

      @Override
      public void expire(long now) {
        face.expireEventsAt(now);
      }

      @Override
      public void settings(String description) {
        // A marker: the state is always derived under the settings the store is opened with.
      }
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** Starts a lookup of the profile holding {@code identity}. */
  public ProfileQuery lookup(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return new ProfileQuery(engine, List.of(identity));
  }

  /**
   * Starts a lookup of the profile a profile id names: the profile itself, or the one it was merged
   * into since (a merged-away id redirects to the survivor). Under a policy of NONE stitching, the
   * profile of the graph's first identity in canonical order that holds data of its own.
   */
  public ProfileQuery lookupByProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return new ProfileQuery(engine, profileId);
  }

  /**
   * Starts a batch lookup; {@link ProfileQuery#fetchAll()} answers per identity, all from one state
   * of the store.
   */
  public ProfileQuery lookupAll(Collection<Identity> identities) {
    Objects.requireNonNull(identities, "identities");
    List<Identity> list = new ArrayList<>(identities.size());
    for (Identity identity : identities) {
      list.add(Objects.requireNonNull(identity, "identity"));
    }
    return new ProfileQuery(engine, list);
  }

  /** The merge policies by id, the default among them. */
  public Map<String, MergePolicy> mergePolicies() {
    return engine.config.policies;
  }

  /** The default merge policy. */
  public MergePolicy defaultMergePolicy() {
    return engine.config.defaultPolicy;
  }

  /** Starts a query of the events of the profile holding {@code identity}. */
  public EventQuery events(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return new EventQuery(engine, identity);
  }

  /** The identity graph holding {@code identity}, with evidence; empty if unknown. */
  public Optional<GraphView> graph(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return engine.lock.read(() -> engine.graph.graph(identity));
  }

  /**
   * The identity graph a profile id names, with evidence: the graph itself, or the one it was
   * merged into since; empty if none of its identities remain.
   */
  public Optional<GraphView> graphByProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return engine.resolveProfileId(profileId).flatMap(this::graph);
  }

  /** Starts a search over the merged profiles. */
  public ProfileSearch search() {
    return new ProfileSearch(engine);
  }

  /**
   * Returns a deterministic sample of up to {@code size} profiles under the default policy: the
   * profiles with the smallest profile ids, which are hashes and so spread over all data.
   */
  public List<Profile> sample(int size) {
    if (size < 1 || size > ProfileSearch.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + ProfileSearch.MAX_LIMIT + ", but was " + size);
    }
    return search().limit(size).fetch();
  }

  /** Counts the profiles holding at least one identity of each namespace, by namespace code. */
  public Map<String, Long> profileCountsByNamespace() {
    return engine.lock.read(
        () -> {
          Map<String, Long> counts = new TreeMap<>();
          for (Membership m : engine.graph.membershipsUnordered()) {
            m.identities().stream()
                .map(Identity::namespace)
                .distinct()
                .forEach(ns -> counts.merge(ns, 1L, Long::sum));
          }
          return counts;
        });
  }

  /** Counts over the whole store. */
  public StoreStatistics statistics() {
    return engine.lock.read(
        () -> {
          var stats = engine.graph.statistics();
          return new StoreStatistics(
              stats.graphs(), engine.fragments.count(), engine.events.size(), stats);
        });
  }

  /**
   * Subscribes to the change feed. The listener is called on the writing thread after each change
   * is visible; if it throws, the exception is logged and the store carries on.
   *
   * @return a handle whose {@code close()} unsubscribes
   */
  public AutoCloseable subscribe(ProfileListener listener) {
    Objects.requireNonNull(listener, "listener");
    return engine.feed.subscribe(listener);
  }
}
