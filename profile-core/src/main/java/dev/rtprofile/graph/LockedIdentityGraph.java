package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.EpochMillis;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The thread-safe identity graph that {@link IdentityGraph.Builder#build()} returns: a {@link
 * GraphEngine} guarded by one read-write lock.
 *
 * <p>Concurrency protocol: every method of the engine runs under {@link #lock}. Reads take the read
 * lock and run concurrently with each other; writes take the write lock, and so do the methods that
 * change nothing but use the writer's scratch ({@link #dryRun}) or build an index on first use
 * ({@link #resolveProfileId}, {@link #graphByProfileId}, until the index exists). {@link #check} is
 * a read: an erasure after it makes the engine check again when the record is linked. The
 * namespaces are configuration, read without the lock.
 */
final class LockedIdentityGraph implements MutableIdentityGraph {
  /** Guarded by {@link #lock}: every field of it and of its parts. */
  private final GraphEngine engine;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  LockedIdentityGraph(GraphEngine engine) {
    this.engine = engine;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  @Override
  public LinkResult link(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    // Copied before the lock is taken; the engine's copy of the copy is the copy itself.
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    lock.writeLock().lock();
    try {
      return engine.link(dataset, timestamp, list);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public LinkResult link(String dataset, Instant timestamp, Identity... identities) {
    Objects.requireNonNull(timestamp, "timestamp");
    return link(dataset, EpochMillis.of(timestamp, "timestamp"), List.of(identities));
  }

  @Override
  public CheckedIdentities check(Collection<Identity> identities) {
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    lock.readLock().lock();
    try {
      return engine.check(list);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public LinkResult link(String dataset, long timestamp, CheckedIdentities checked) {
    lock.writeLock().lock();
    try {
      return engine.link(dataset, timestamp, checked);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<GraphChange> unlink(Identity a, Identity b) {
    return write(() -> engine.unlink(a, b));
  }

  @Override
  public IdentityDeletion delete(Identity identity) {
    return write(() -> engine.delete(identity));
  }

  @Override
  public IdentityDeletion erase(Identity identity) {
    return write(() -> engine.erase(identity));
  }

  @Override
  public DatasetDeletion deleteDataset(String dataset) {
    return write(() -> engine.deleteDataset(dataset));
  }

  @Override
  public GraphChange neverLink(Identity a, Identity b) {
    return write(() -> engine.neverLink(a, b));
  }

  @Override
  public DryRun dryRun(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    // A dry run uses the writer's scratch buffers, so it takes the write lock; it changes nothing.
    return write(() -> engine.dryRun(dataset, timestamp, list));
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Optional<Identity> canonical(Identity identity) {
    return read(() -> engine.canonical(identity));
  }

  @Override
  public List<Namespace> namespaces() {
    return engine.namespaces();
  }

  @Override
  public Optional<Namespace> namespace(String code) {
    return engine.namespace(code);
  }

  @Override
  public Optional<DroppedIdentity> problem(Identity identity) {
    return read(() -> engine.problem(identity));
  }

  @Override
  public boolean contains(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    lock.readLock().lock();
    try {
      return engine.contains(identity);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<GraphView> graph(Identity identity) {
    return read(() -> engine.graph(identity));
  }

  @Override
  public Optional<Membership> membership(Identity identity) {
    return read(() -> engine.membership(identity));
  }

  @Override
  public Optional<Identity> anchor(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    lock.readLock().lock();
    try {
      return engine.anchor(identity);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Membership> membershipsUnordered() {
    return read(engine::membershipsUnordered);
  }

  @Override
  public List<Identity> anchors() {
    return read(engine::anchors);
  }

  @Override
  public List<Membership> memberships() {
    // Sorted outside the lock, which readers share anyway.
    List<Membership> out = membershipsUnordered();
    out.sort(Comparator.comparing(Membership::profileId));
    return out;
  }

  @Override
  public Optional<GraphView> graphByProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return resolving(() -> engine.graphByProfileId(profileId));
  }

  @Override
  public Optional<String> resolveProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return resolving(() -> engine.resolveProfileId(profileId));
  }

  /**
   * Runs a method that resolves profile ids: under the read lock once the index exists, else under
   * the write lock, since the first call builds it.
   */
  private <T> T resolving(Supplier<T> action) {
    lock.readLock().lock();
    try {
      if (engine.profileIdIndexBuilt()) {
        return action.get();
      }
    } finally {
      lock.readLock().unlock();
    }
    return write(action);
  }

  @Override
  public Optional<String> profileId(Identity identity) {
    return read(() -> engine.profileId(identity));
  }

  @Override
  public List<Identity> members(Identity identity, String namespace) {
    return read(() -> engine.members(identity, namespace));
  }

  @Override
  public List<String> graphsWithMultipleValues(String namespace) {
    return read(() -> engine.graphsWithMultipleValues(namespace));
  }

  @Override
  public GraphStatistics statistics() {
    return read(engine::statistics);
  }

  private <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
