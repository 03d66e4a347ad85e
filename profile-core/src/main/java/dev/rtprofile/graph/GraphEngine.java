package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.EpochMillis;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity graph's engine: its state and every read and write over it, with no locking at all.
 *
 * <p>The accepted graph is a pure function of the eligible links (those the hub guard lets both
 * endpoints take) and their evidence: a raw component that breaks no rule is accepted whole; one
 * that does is recomputed from its own links by {@link ComponentSolver}. The fast path is a plain
 * union of clean graphs whose union breaks nothing, which is exact; anything else recomputes the
 * raw components it touches.
 *
 * <p>The engine checks arguments, logs (never identity values) and hands each operation to the part
 * that owns it; each part owns its fields and has no locking of its own:
 *
 * <ul>
 *   <li>{@link GraphState}: the tables (identities, evidence, links, forest, raw components, deny
 *       list) every part reads;
 *   <li>{@link IdentityResolution}: checking a record's identities once;
 *   <li>{@link Linker}: linking a checked record, interning and evidence, the fast path;
 *   <li>{@link HubGuard}: which links a hub takes;
 *   <li>{@link Recomputation}: the rules' recomputation of components with the solver;
 *   <li>{@link Deletions}: unlink, delete, delete a dataset;
 *   <li>{@link NeverLinkRules}: the do-not-link rules;
 *   <li>{@link ProfileIdIndex}: profile ids merged away;
 *   <li>{@link Datasets}: dataset names and ids;
 *   <li>{@link GraphReads}: memberships, views and statistics.
 * </ul>
 *
 * <p>Not thread-safe: its owner guards it, {@link LockedIdentityGraph} with a read-write lock, the
 * profile store with its own protocol. Reads ({@link IdentityGraph}'s methods and {@link #check})
 * never modify anything and may run concurrently with each other, except {@link #resolveProfileId}
 * and {@link #graphByProfileId}, which build an index on first use: the owner must call them under
 * its write lock unless {@link #profileIdIndexBuilt()}. {@link #dryRun} changes nothing but uses
 * the writer's scratch, so it too runs under the write lock. Every other method is a write.
 *
 * <p>{@link #writeParts} and {@link #readParts} carry its whole state for {@link StateFormat}: what
 * each part holds between operations; scratch (cleared by every operation before use) is not state.
 * {@link #writeParts} is a read.
 */
final class GraphEngine implements MutableIdentityGraph {
  /** The graph's logger, named after the public face. */
  private static final Logger LOG = LoggerFactory.getLogger(IdentityGraph.class);

  final GraphState state;
  final IdentityResolution resolution;
  final NeverLinkRules neverLink;
  final GraphReads reads;
  private final Datasets datasets = new Datasets();
  private final HubGuard hub;
  private final ProfileIdIndex profileIds;
  private final Recomputation recomputation;
  private final Linker linker;
  private final Deletions deletions;

  /** How many identities were added to the deny list: a check made before an erasure is stale. */
  private long erasures;

  GraphEngine(GraphConfig config) {
    state = new GraphState(config);
    resolution = new IdentityResolution(state);
    neverLink = new NeverLinkRules(state);
    reads = new GraphReads(state, datasets);
    hub = new HubGuard(state);
    profileIds = new ProfileIdIndex(state);
    recomputation = new Recomputation(state, hub, neverLink);
    linker = new Linker(state, datasets, hub, recomputation, neverLink, profileIds, reads);
    deletions = new Deletions(state, datasets, hub, recomputation, neverLink, profileIds);
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  @Override
  public LinkResult link(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    IdentityResolution.Resolved r = resolution.scratch;
    resolution.resolveInto(list, r);
    return logged(linker.link(dataset, timestamp, r), dataset);
  }

  @Override
  public LinkResult link(String dataset, Instant timestamp, Identity... identities) {
    Objects.requireNonNull(timestamp, "timestamp");
    return link(dataset, EpochMillis.of(timestamp, "timestamp"), List.of(identities));
  }

  /** A read: checks into scratch of its own. */
  @Override
  public CheckedIdentities check(Collection<Identity> identities) {
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    return new CheckedIdentities(this, erasures, list, resolution.check(list), state.config);
  }

  @Override
  public LinkResult link(String dataset, long timestamp, CheckedIdentities checked) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(checked, "checked");
    if (!checked.checkedBy(this)) {
      throw new IllegalArgumentException(
          "checked must come from this graph's check(), but came from another graph");
    }
    IdentityResolution.Resolved r = checked.resolved();
    if (checked.erasures() != erasures) {
      // The deny list grew since the check: check again, so that an erased identity never links.
      r = resolution.scratch;
      resolution.resolveInto(checked.sent(), r);
    }
    return logged(linker.link(dataset, timestamp, r), dataset);
  }

  private static LinkResult logged(LinkResult result, String dataset) {
    if (!result.removedLinks().isEmpty()) {
      long capped =
          result.removedLinks().stream()
              .filter(l -> l.status() == LinkStatus.REFUSED_COMPONENT_LIMIT)
              .count();
      if (capped > 0) {
        LOG.warn(
            "component limit refused {} links of a record from dataset {}; check the data for"
                + " values shared by unrelated people",
            capped,
            dataset);
      }
    }
    return result;
  }

  @Override
  public Optional<GraphChange> unlink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    int x = state.lookup(a);
    int y = state.lookup(b);
    if (x < 0 || y < 0) {
      return Optional.empty();
    }
    return Optional.ofNullable(deletions.unlink(x, y));
  }

  @Override
  public IdentityDeletion delete(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    int x = state.lookup(identity);
    if (x < 0) {
      return IdentityDeletion.NO_CHANGE;
    }
    IdentityDeletion deletion = deletions.delete(x);
    LOG.debug("deleted a {} identity: {}", identity.namespace(), deletion.outcome());
    return deletion;
  }

  @Override
  public IdentityDeletion erase(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    state.config.checker().check(identity, c);
    if (c.problem != null) {
      return IdentityDeletion.NO_CHANGE;
    }
    Identity canonical = new Identity(state.config.namespace(c.namespace).code(), c.value);
    state.deny.add(canonical.namespace(), canonical.value());
    erasures++;
    neverLink.forget(canonical);
    int x = state.lookup(canonical);
    IdentityDeletion deletion = x < 0 ? IdentityDeletion.NO_CHANGE : deletions.delete(x);
    LOG.info("erased a {} identity: {}", canonical.namespace(), deletion.outcome());
    return deletion;
  }

  @Override
  public DatasetDeletion deleteDataset(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    int[] counts = deletions.deleteDataset(dataset);
    LOG.info("deleted a dataset's graph data: {} links, {} identities", counts[0], counts[1]);
    return new DatasetDeletion(counts[0], counts[1]);
  }

  @Override
  public GraphChange neverLink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Identity ca = checked(a, "a");
    Identity cb = checked(b, "b");
    if (ca.equals(cb)) {
      throw new IllegalArgumentException("b must differ from a, but both were " + ca);
    }
    hub.begin();
    IntList seeds = new IntList();
    neverLink.add(ca, cb, seeds);
    if (seeds.size() < 2) {
      return GraphChange.NONE;
    }
    return recomputation.recompute(seeds, new IntList(), null);
  }

  private Identity checked(Identity identity, String name) {
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    state.config.checker().check(identity, c);
    if (c.problem != null) {
      throw new IllegalArgumentException(
          name + " must be a valid identity, but was " + c.problem + ": " + c.detail);
    }
    return new Identity(state.config.namespace(c.namespace).code(), c.value);
  }

  /**
   * Changes nothing, but uses the writer's scratch: the owner must call it under its write lock.
   */
  @Override
  public DryRun dryRun(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    return new DryRunner(this).run(dataset, timestamp, list);
  }

  // ---------------------------------------------------------------------------------------------
  // State

  /** Writes the state of every part, in the order {@link #readParts} reads it. A read. */
  void writeParts(StateOutput out) throws IOException {
    datasets.writeTo(out);
    state.writeTo(out);
    neverLink.writeTo(out);
    hub.writeTo(out);
    profileIds.writeTo(out);
    out.writeLong(erasures);
  }

  /**
   * Replaces the state of every part of this engine, which must be new, with what {@link
   * #writeParts} wrote, mapping namespace indexes and unique-namespace bits through the maps given
   * (unless null).
   *
   * @param namespaces how many namespaces the writer's configuration had
   * @throws MalformedStateException if the input is not such a state
   */
  void readParts(
      StateInput in, int namespaces, int @Nullable [] namespaceMap, int @Nullable [] uniqueBitMap)
      throws IOException {
    datasets.readFrom(in);
    state.readFrom(in, namespaces, namespaceMap, uniqueBitMap, datasets.size());
    int identities = state.ids.highWater();
    neverLink.readFrom(in, identities);
    hub.readFrom(in, identities, state.links.highWater());
    profileIds.readFrom(in, identities);
    erasures = in.readLong();
  }

  /** Whether the deny list is empty: whether the state depends on the deny-list salt. */
  boolean denyListEmpty() {
    return state.deny.isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @Override
  public Optional<Identity> canonical(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    state.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.empty();
    }
    String code = state.config.namespace(c.namespace).code();
    return state.deny.contains(code, c.value)
        ? Optional.empty()
        : Optional.of(new Identity(code, c.value));
  }

  /** Reads the configuration only, which never changes: needs no guard. */
  @Override
  public List<Namespace> namespaces() {
    List<Namespace> out = new ArrayList<>(state.config.namespaces());
    out.sort(Comparator.comparing(Namespace::code));
    return List.copyOf(out);
  }

  /** Reads the configuration only, which never changes: needs no guard. */
  @Override
  public Optional<Namespace> namespace(String code) {
    Objects.requireNonNull(code, "code");
    int index = state.config.namespaceIndex(code);
    return index < 0 ? Optional.empty() : Optional.of(state.config.namespace(index));
  }

  @Override
  public Optional<DroppedIdentity> problem(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    state.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.of(new DroppedIdentity(identity, c.problem, c.detail));
    }
    String code = state.config.namespace(c.namespace).code();
    if (state.deny.contains(code, c.value)) {
      return Optional.of(
          new DroppedIdentity(
              identity, IdentityProblem.ERASED, "identity was erased for a privacy request"));
    }
    return Optional.empty();
  }

  @Override
  public boolean contains(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return state.lookup(identity) >= 0;
  }

  @Override
  public Optional<GraphView> graph(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    int x = state.lookup(identity);
    return x < 0 ? Optional.empty() : Optional.of(reads.view(x));
  }

  @Override
  public Optional<Membership> membership(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    int x = state.lookup(identity);
    return x < 0 ? Optional.empty() : Optional.of(reads.membershipOf(x));
  }

  @Override
  public Optional<Identity> anchor(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    state.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.empty();
    }
    if (!state.deny.isEmpty()
        && state.deny.contains(state.config.namespace(c.namespace).code(), c.value)) {
      return Optional.empty();
    }
    int x = state.ids.find(c.namespace, c.value);
    return x < 0 ? Optional.empty() : Optional.of(reads.anchorOf(x));
  }

  @Override
  public List<Membership> membershipsUnordered() {
    return reads.membershipsUnordered();
  }

  @Override
  public List<Identity> anchors() {
    return reads.anchors();
  }

  @Override
  public List<Membership> memberships() {
    List<Membership> out = reads.membershipsUnordered();
    out.sort(Comparator.comparing(Membership::profileId));
    return out;
  }

  /** Builds an index on first use: the owner must call it under its write lock until then. */
  @Override
  public Optional<GraphView> graphByProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    int x = profileIds.resolve(profileId);
    return x < 0 ? Optional.empty() : Optional.of(reads.view(x));
  }

  /** Builds an index on first use: the owner must call it under its write lock until then. */
  @Override
  public Optional<String> resolveProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    int x = profileIds.resolve(profileId);
    return x < 0 ? Optional.empty() : Optional.of(state.profileIdOfGraph(x));
  }

  /**
   * Whether the profile id index exists, so that {@link #resolveProfileId} and {@link
   * #graphByProfileId} are plain reads.
   */
  boolean profileIdIndexBuilt() {
    return profileIds.built();
  }

  @Override
  public Optional<String> profileId(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    int x = state.lookup(identity);
    return x < 0 ? Optional.empty() : Optional.of(state.profileIdOfGraph(x));
  }

  @Override
  public List<Identity> members(Identity identity, String namespace) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(namespace, "namespace");
    int x = state.lookup(identity);
    int ns = state.config.namespaceIndex(namespace);
    return x < 0 || ns < 0 ? List.of() : reads.members(x, ns);
  }

  @Override
  public List<String> graphsWithMultipleValues(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    int ns = state.config.namespaceIndex(namespace);
    return ns < 0 ? new ArrayList<>() : reads.graphsWithMultipleValues(ns);
  }

  @Override
  public GraphStatistics statistics() {
    return reads.statistics();
  }
}
