package dev.rtprofile.store;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.GraphStatistics;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import java.util.List;
import java.util.Optional;

/**
 * The read-only face of the store's graph engine that {@link ProfileStore#identityGraph()} hands
 * out: every read under the store's read lock (or its exclusive lock for the reads that build the
 * profile-id index on first use), and no way to write. It is not a {@code MutableIdentityGraph}, so
 * a cast cannot reach the engine.
 */
final class GuardedGraph implements IdentityGraph {
  private final IdentityGraph engine;
  private final StoreLock lock;

  GuardedGraph(IdentityGraph engine, StoreLock lock) {
    this.engine = engine;
    this.lock = lock;
  }

  @Override
  public Optional<Identity> canonical(Identity identity) {
    return lock.read(() -> engine.canonical(identity));
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
    return lock.read(() -> engine.problem(identity));
  }

  @Override
  public boolean contains(Identity identity) {
    return lock.read(() -> engine.contains(identity));
  }

  @Override
  public Optional<GraphView> graph(Identity identity) {
    return lock.read(() -> engine.graph(identity));
  }

  @Override
  public Optional<Membership> membership(Identity identity) {
    return lock.read(() -> engine.membership(identity));
  }

  @Override
  public Optional<Identity> anchor(Identity identity) {
    return lock.read(() -> engine.anchor(identity));
  }

  @Override
  public List<Membership> membershipsUnordered() {
    return lock.read(engine::membershipsUnordered);
  }

  @Override
  public List<Identity> anchors() {
    return lock.read(engine::anchors);
  }

  @Override
  public List<Membership> memberships() {
    return lock.read(engine::memberships);
  }

  @Override
  public Optional<GraphView> graphByProfileId(String profileId) {
    return lock.exclusive(() -> engine.graphByProfileId(profileId));
  }

  @Override
  public Optional<String> resolveProfileId(String profileId) {
    return lock.exclusive(() -> engine.resolveProfileId(profileId));
  }

  @Override
  public Optional<String> profileId(Identity identity) {
    return lock.read(() -> engine.profileId(identity));
  }

  @Override
  public List<Identity> members(Identity identity, String namespace) {
    return lock.read(() -> engine.members(identity, namespace));
  }

  @Override
  public List<String> graphsWithMultipleValues(String namespace) {
    return lock.read(() -> engine.graphsWithMultipleValues(namespace));
  }

  @Override
  public GraphStatistics statistics() {
    return lock.read(engine::statistics);
  }
}
