package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.identity.NamespaceRegistry;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory identity graph: links the identities that records and events carry together, keeps
 * people apart by the linking rules, and answers which identities form one person.
 *
 * <p>The accepted graph is a pure function of the links asserted so far (with their evidence) minus
 * what was deleted: the same records in any order, from any number of threads, give the same graphs
 * and the same profile ids. Rules, in order: unique namespaces and do-not-link rules through the
 * identity optimization algorithm, then the graph limit, with the hub guard deciding which links
 * are eligible at all. See {@link LinkingRules} and the builder's setters.
 *
 * <p>Thread-safe: every method is atomic. Reads run concurrently with each other; a write excludes
 * reads for its duration, which is bounded by the size of the components it touches. No method logs
 * identity values.
 */
public final class IdentityGraph {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityGraph.class);

  /** Canonical identity order: namespace code, then value. */
  static final Comparator<Identity> CANONICAL = Identity.canonicalOrder();

  private final GraphCore core;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private IdentityGraph(GraphConfig config) {
    this.core = new GraphCore(config);
  }

  /** Returns a builder with the standard namespaces, no linking rules and default limits. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /**
   * Links the identities of one record or event: every pair of linkable identities becomes a link
   * (or refreshes its evidence) asserted by {@code dataset} at {@code timestamp}. Invalid
   * identities are dropped with a reason; a record with too many identities, none valid, or two
   * values of one unique namespace is rejected whole. Never throws for data problems.
   *
   * @param dataset the dataset that asserts the links
   * @param timestamp when the record was observed, epoch milliseconds
   * @param identities the record's identities
   */
  public LinkResult link(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    LinkResult result;
    lock.writeLock().lock();
    try {
      result = core.link(dataset, timestamp, list);
    } finally {
      lock.writeLock().unlock();
    }
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

  /** Links the identities of one record; see {@link #link(String, long, Collection)}. */
  public LinkResult link(String dataset, Instant timestamp, Identity... identities) {
    Objects.requireNonNull(timestamp, "timestamp");
    return link(dataset, timestamp.toEpochMilli(), List.of(identities));
  }

  /**
   * Removes the link between {@code a} and {@code b} with all its evidence, which may split a
   * graph. Later records may assert the link again.
   *
   * @return the graphs touched, or empty if there was no such link
   */
  public Optional<GraphChange> unlink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return write(
        () -> {
          int x = core.lookup(a);
          int y = core.lookup(b);
          if (x < 0 || y < 0) {
            return Optional.empty();
          }
          return Optional.ofNullable(core.unlink(x, y));
        });
  }

  /**
   * Deletes an identity and its links; its graph may split. Later records may bring it back; use
   * {@link #erase} for privacy requests.
   */
  public IdentityDeletion delete(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return write(
        () -> {
          int x = core.lookup(identity);
          if (x < 0) {
            return IdentityDeletion.NO_CHANGE;
          }
          IdentityDeletion deletion = core.delete(x);
          LOG.debug("deleted a {} identity: {}", identity.namespace(), deletion.outcome());
          return deletion;
        });
  }

  /**
   * Erases an identity for a privacy request: deletes it and its links, forgets do-not-link rules
   * that name it, and records a salted hash of it (never the value) on the deny list so that later
   * records carrying it drop it with {@link dev.rtprofile.identity.IdentityProblem#ERASED}. Erasing
   * an identity the graph does not hold still adds it to the deny list.
   */
  public IdentityDeletion erase(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return write(
        () -> {
          IdentityChecker.Checked c = new IdentityChecker.Checked();
          core.config.checker().check(identity, c);
          if (c.problem != null) {
            return IdentityDeletion.NO_CHANGE;
          }
          Identity canonical = new Identity(core.config.namespace(c.namespace).code(), c.value);
          core.deny.add(canonical.namespace(), canonical.value());
          core.forgetNeverLink(canonical);
          int x = core.lookup(canonical);
          IdentityDeletion deletion = x < 0 ? IdentityDeletion.NO_CHANGE : core.delete(x);
          LOG.info("erased a {} identity: {}", canonical.namespace(), deletion.outcome());
          return deletion;
        });
  }

  /**
   * Deletes the links a dataset asserted: links no other dataset asserted are removed, the others
   * keep the other datasets' evidence; identities only that dataset saw are removed.
   */
  public DatasetDeletion deleteDataset(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    return write(
        () -> {
          int[] counts = core.deleteDataset(dataset);
          LOG.info("deleted a dataset's graph data: {} links, {} identities", counts[0], counts[1]);
          return new DatasetDeletion(counts[0], counts[1]);
        });
  }

  /**
   * Adds a do-not-link rule: {@code a} and {@code b} never end up in one graph; links that would
   * join them are removed by the identity optimization algorithm, as for unique namespaces.
   *
   * @throws IllegalArgumentException if either identity is invalid
   */
  public GraphChange neverLink(Identity a, Identity b) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    return write(
        () -> {
          Identity ca = checked(a, "a");
          Identity cb = checked(b, "b");
          if (ca.equals(cb)) {
            throw new IllegalArgumentException("b must differ from a, but both were " + ca);
          }
          return core.neverLink(ca, cb);
        });
  }

  private Identity checked(Identity identity, String name) {
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    core.config.checker().check(identity, c);
    if (c.problem != null) {
      throw new IllegalArgumentException(
          name + " must be a valid identity, but was " + c.problem + ": " + c.detail);
    }
    return new Identity(core.config.namespace(c.namespace).code(), c.value);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /**
   * Returns what linking these identities would do (which graphs they would join or split, which
   * rule would remove which link), without changing anything.
   */
  public DryRun dryRun(String dataset, long timestamp, Collection<Identity> identities) {
    Objects.requireNonNull(dataset, "dataset");
    List<Identity> list = List.copyOf(Objects.requireNonNull(identities, "identities"));
    // A dry run uses the writer's scratch buffers, so it takes the write lock; it changes nothing.
    return write(() -> new DryRunner(core).run(dataset, timestamp, list));
  }

  /**
   * Returns the checked form of an identity: canonical namespace code and normalized value, as the
   * graph stores it; empty if the identity is invalid, blocked or erased.
   */
  public Optional<Identity> canonical(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    core.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.empty();
    }
    String code = core.config.namespace(c.namespace).code();
    boolean erased = read(() -> core.deny.contains(code, c.value));
    return erased ? Optional.empty() : Optional.of(new Identity(code, c.value));
  }

  /** Returns every registered namespace, standard and custom, sorted by code. */
  public List<Namespace> namespaces() {
    List<Namespace> out = new ArrayList<>(core.config.namespaces());
    out.sort(Comparator.comparing(Namespace::code));
    return List.copyOf(out);
  }

  /** Returns the registered namespace with {@code code}, matched case-insensitively. */
  public Optional<Namespace> namespace(String code) {
    Objects.requireNonNull(code, "code");
    int index = core.config.namespaceIndex(code);
    return index < 0 ? Optional.empty() : Optional.of(core.config.namespace(index));
  }

  /**
   * Returns why the graph would drop an identity from a record (invalid, blocked or erased), or
   * empty if it would keep it.
   */
  public Optional<DroppedIdentity> problem(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    core.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.of(new DroppedIdentity(identity, c.problem, c.detail));
    }
    String code = core.config.namespace(c.namespace).code();
    if (read(() -> core.deny.contains(code, c.value))) {
      return Optional.of(
          new DroppedIdentity(
              identity, IdentityProblem.ERASED, "identity was erased for a privacy request"));
    }
    return Optional.empty();
  }

  /** Whether the graph holds this identity. */
  public boolean contains(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return read(() -> core.lookup(identity) >= 0);
  }

  /** Returns the graph (person) holding an identity, with evidence; empty if unknown. */
  public Optional<GraphView> graph(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return read(
        () -> {
          int x = core.lookup(identity);
          return x < 0 ? Optional.empty() : Optional.of(view(x));
        });
  }

  /** Returns the profile id and identities of the graph holding an identity; empty if unknown. */
  public Optional<Membership> membership(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return read(
        () -> {
          int x = core.lookup(identity);
          return x < 0 ? Optional.<Membership>empty() : Optional.of(membershipOf(x));
        });
  }

  /** The membership of identity x's graph; call under the read lock. */
  private Membership membershipOf(int x) {
    IntList members = core.members(x);
    Identity[] out = new Identity[members.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = core.identity(members.get(i));
    }
    Arrays.sort(out, CANONICAL);
    return new Membership(
        core.identity(core.forest.oldest(core.forest.findReadOnly(x))), List.of(out));
  }

  /**
   * Returns the anchor of the graph holding an identity: its oldest identity, from which the
   * profile id derives. The anchor names the graph until the graph's oldest identity changes (a
   * merge with an older graph, a split, a deletion, or an earlier timestamp for a member), so it is
   * a cheap cache key: one lookup, no hash, no list. Empty if the identity is invalid, erased or
   * unknown.
   */
  public Optional<Identity> anchor(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    core.config.checker().check(identity, c);
    if (c.problem != null) {
      return Optional.empty();
    }
    lock.readLock().lock();
    try {
      if (!core.deny.isEmpty()
          && core.deny.contains(core.config.namespace(c.namespace).code(), c.value)) {
        return Optional.empty();
      }
      int x = core.ids.find(c.namespace, c.value);
      return x < 0
          ? Optional.empty()
          : Optional.of(core.identity(core.forest.oldest(core.forest.findReadOnly(x))));
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns every graph's membership in no particular order, without computing a profile id;
   * O(identities). For scans that filter first and order only what they keep.
   */
  public List<Membership> membershipsUnordered() {
    return read(
        () -> {
          List<Membership> out = new ArrayList<>();
          for (int x = 0; x < core.ids.highWater(); x++) {
            if (core.ids.live(x) && core.forest.findReadOnly(x) == x) {
              out.add(membershipOf(x));
            }
          }
          return out;
        });
  }

  /**
   * Returns every graph's {@linkplain #anchor(Identity) anchor}, one identity per graph, in no
   * particular order; O(identities) without building member lists. For scans that look most graphs
   * up in a cache keyed by anchor.
   */
  public List<Identity> anchors() {
    return read(
        () -> {
          List<Identity> out = new ArrayList<>();
          for (int x = 0; x < core.ids.highWater(); x++) {
            if (core.ids.live(x) && core.forest.findReadOnly(x) == x) {
              out.add(core.identity(core.forest.oldest(x)));
            }
          }
          return out;
        });
  }

  /**
   * Returns every graph with its profile id and identities, ordered by profile id; O(identities).
   */
  public List<Membership> memberships() {
    List<Membership> out = membershipsUnordered();
    out.sort(Comparator.comparing(Membership::profileId));
    return out;
  }

  /** Returns the graph with a profile id, also one merged away since; empty if unknown. */
  public Optional<GraphView> graphByProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return read(
        () -> {
          int x = core.resolveProfileId(profileId);
          return x < 0 ? Optional.empty() : Optional.of(view(x));
        });
  }

  /**
   * Returns the current profile id of the graph that a profile id names: itself if it is current,
   * the surviving graph's id if its graph was merged away; empty if none of its identities remain.
   * The first call indexes every identity's id (reads go on meanwhile; writes wait), after which
   * new identities cost one hash more each.
   */
  public Optional<String> resolveProfileId(String profileId) {
    Objects.requireNonNull(profileId, "profileId");
    return read(
        () -> {
          int x = core.resolveProfileId(profileId);
          return x < 0 ? Optional.<String>empty() : Optional.of(core.profileIdOfGraph(x));
        });
  }

  /** Returns the profile id of the graph holding an identity; empty if unknown. */
  public Optional<String> profileId(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return read(
        () -> {
          int x = core.lookup(identity);
          return x < 0 ? Optional.<String>empty() : Optional.of(core.profileIdOfGraph(x));
        });
  }

  /** Returns the identities of one namespace in the graph holding {@code identity}, sorted. */
  public List<Identity> members(Identity identity, String namespace) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(namespace, "namespace");
    return read(
        () -> {
          int x = core.lookup(identity);
          int ns = core.config.namespaceIndex(namespace);
          if (x < 0 || ns < 0) {
            return List.<Identity>of();
          }
          List<Identity> out = new ArrayList<>();
          IntList members = core.members(x);
          for (int i = 0; i < members.size(); i++) {
            if (core.ids.namespace(members.get(i)) == ns) {
              out.add(core.identity(members.get(i)));
            }
          }
          out.sort(CANONICAL);
          return out;
        });
  }

  /** Returns the profile ids of the graphs holding two or more values of {@code namespace}. */
  public List<String> graphsWithMultipleValues(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    return read(
        () -> {
          int ns = core.config.namespaceIndex(namespace);
          List<String> out = new ArrayList<>();
          if (ns < 0) {
            return out;
          }
          forEachGraph(
              (root, counts) -> {
                if (counts.getOrDefault(ns, 0) > 1) {
                  out.add(core.profileId(core.forest.oldest(root)));
                }
              });
          out.sort(null);
          return out;
        });
  }

  /** Returns counts over the whole graph; O(identities). */
  public GraphStatistics statistics() {
    return read(
        () -> {
          Map<String, Integer> byNamespace = new TreeMap<>();
          Map<Integer, Integer> histogram = new TreeMap<>();
          Map<String, Integer> multiple = new TreeMap<>();
          int[] graphs = {0};
          forEachGraph(
              (root, counts) -> {
                graphs[0]++;
                histogram.merge(core.forest.size(root), 1, Integer::sum);
                counts.forEach(
                    (ns, count) -> {
                      String code = core.config.namespace(ns).code();
                      byNamespace.merge(code, count, Integer::sum);
                      if (count > 1) {
                        multiple.merge(code, 1, Integer::sum);
                      }
                    });
              });
          int removed = 0;
          for (int l = 0; l < core.links.highWater(); l++) {
            if (core.links.live(l) && core.links.status(l) != LinkStatus.ACCEPTED) {
              removed++;
            }
          }
          return new GraphStatistics(
              graphs[0],
              core.ids.size(),
              core.links.count(),
              removed,
              new TreeMap<>(byNamespace),
              new TreeMap<>(histogram),
              new TreeMap<>(multiple));
        });
  }

  /** Visits every graph's root with its identity count per namespace index. */
  private void forEachGraph(BiConsumer<Integer, Map<Integer, Integer>> visitor) {
    for (int x = 0; x < core.ids.highWater(); x++) {
      if (!core.ids.live(x) || core.forest.findReadOnly(x) != x) {
        continue;
      }
      Map<Integer, Integer> counts = new HashMap<>();
      IntList members = core.members(x);
      for (int i = 0; i < members.size(); i++) {
        counts.merge(core.ids.namespace(members.get(i)), 1, Integer::sum);
      }
      visitor.accept(x, counts);
    }
  }

  private GraphView view(int x) {
    IntList members = core.members(x);
    Set<Integer> memberSet = new LinkedHashSet<>();
    for (int i = 0; i < members.size(); i++) {
      memberSet.add(members.get(i));
    }
    List<IdentityView> identities = new ArrayList<>();
    Map<Integer, LinkView> accepted = new LinkedHashMap<>();
    Map<Integer, LinkView> removed = new LinkedHashMap<>();
    for (int m : memberSet) {
      identities.add(core.identityView(m));
      for (int l = core.links.head(m); l >= 0; l = core.links.next(l, m)) {
        if (core.links.status(l) == LinkStatus.ACCEPTED) {
          accepted.computeIfAbsent(l, core::linkView);
        } else {
          removed.computeIfAbsent(l, core::linkView);
        }
      }
    }
    identities.sort(Comparator.comparing(IdentityView::identity, CANONICAL));
    Comparator<LinkView> byEnds =
        Comparator.comparing(LinkView::from, CANONICAL).thenComparing(LinkView::to, CANONICAL);
    List<LinkView> acceptedLinks = new ArrayList<>(accepted.values());
    acceptedLinks.sort(byEnds);
    List<LinkView> removedLinks = new ArrayList<>(removed.values());
    removedLinks.sort(byEnds);
    return new GraphView(core.profileIdOfGraph(x), identities, acceptedLinks, removedLinks);
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

  /**
   * Builds an {@link IdentityGraph}. Setters validate their argument at once; cross-setting rules
   * (namespaces named by the linking rules or blocked values exist, person namespaces rank above
   * device ones) are checked by {@link #build()}. Not thread-safe; {@code build()} may be called
   * again.
   */
  public static final class Builder {
    private final List<Namespace> namespaces = new ArrayList<>();
    private LinkingRules linkingRules = LinkingRules.NONE;
    private int graphLimit = 50;
    private int hubLimit = 50;
    private int maxComponentSize = 1000;
    private int maxIdentitiesPerRecord = 20;
    private byte @Nullable [] denyListSalt;
    private final Map<String, Set<String>> blockedValues = new LinkedHashMap<>();
    private final Map<String, List<Pattern>> blockedPatterns = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Registers a namespace: a custom one, or a standard one with an opt-in normalizer or
     * validator. Default: the standard catalogue only.
     */
    public Builder namespace(Namespace namespace) {
      namespaces.add(Objects.requireNonNull(namespace, "namespace"));
      return this;
    }

    /** Sets the linking rules (unique namespaces, priority). Default: {@link LinkingRules#NONE}. */
    public Builder linkingRules(LinkingRules rules) {
      this.linkingRules = Objects.requireNonNull(rules, "rules");
      return this;
    }

    /** Sets the most identities one graph may hold, at least 2. Default: 50. */
    public Builder graphLimit(int limit) {
      if (limit < 2) {
        throw new IllegalArgumentException("graphLimit must be at least 2, but was " + limit);
      }
      this.graphLimit = limit;
      return this;
    }

    /**
     * Sets the hub guard: how many links one identity may take; links beyond its earliest this many
     * (by first-seen, then the other identity's canonical order) are refused. At least 1. Default:
     * 50.
     */
    public Builder hubLimit(int limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("hubLimit must be at least 1, but was " + limit);
      }
      this.hubLimit = limit;
      return this;
    }

    /**
     * Sets the component limit, a safety valve against broken or hostile data: a link that would
     * join identities into one connected component of links (before the rules split it into graphs)
     * larger than this is refused with {@link LinkStatus#REFUSED_COMPONENT_LIMIT}. Work per
     * operation is bounded by this size. Unlike the rules, which links the valve refuses depends on
     * arrival order, so determinism holds while no component reaches it. At least {@code
     * graphLimit}. Default: 1000.
     */
    public Builder maxComponentSize(int max) {
      if (max < 2) {
        throw new IllegalArgumentException("maxComponentSize must be at least 2, but was " + max);
      }
      this.maxComponentSize = max;
      return this;
    }

    /**
     * Sets the most identities one record may carry; a record with more is rejected with {@link
     * RecordProblem#TOO_MANY_IDENTITIES}. Between 1 and 1000. Default: 20.
     */
    public Builder maxIdentitiesPerRecord(int max) {
      if (max < 1 || max > 1000) {
        throw new IllegalArgumentException(
            "maxIdentitiesPerRecord must be between 1 and 1000, but was " + max);
      }
      this.maxIdentitiesPerRecord = max;
      return this;
    }

    /**
     * Blocks an exact (normalized) value in one namespace, such as {@code test@test.com} in {@code
     * Email}; {@code "*"} blocks it in every namespace. Default: nothing blocked beyond the
     * reserved values {@code null}, {@code anonymous} and {@code invalid}.
     */
    public Builder blockedValue(String namespace, String value) {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(value, "value");
      blockedValues.computeIfAbsent(namespace, k -> new LinkedHashSet<>()).add(value);
      return this;
    }

    /**
     * Blocks values of one namespace that a regular expression finds a match in, such as {@code
     * ^0+$}; {@code "*"} applies it to every namespace. Default: none.
     *
     * @throws IllegalArgumentException if the expression does not compile
     */
    public Builder blockedPattern(String namespace, String regex) {
      Objects.requireNonNull(namespace, "namespace");
      Objects.requireNonNull(regex, "regex");
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "blockedPattern must be a valid regular expression, but was " + regex, e);
      }
      blockedPatterns.computeIfAbsent(namespace, k -> new ArrayList<>()).add(pattern);
      return this;
    }

    /**
     * Sets the salt of the deny list's hashes, at least 16 bytes; set it to the same secret on
     * every run when erasures must survive a rebuild from the same data. Default: random per graph.
     */
    public Builder denyListSalt(byte[] salt) {
      Objects.requireNonNull(salt, "salt");
      if (salt.length < 16) {
        throw new IllegalArgumentException(
            "denyListSalt must be at least 16 bytes, but was " + salt.length + " bytes");
      }
      this.denyListSalt = salt.clone();
      return this;
    }

    /**
     * Builds the graph.
     *
     * @throws IllegalStateException if the linking rules contradict each other or the namespaces
     * @throws IllegalArgumentException if a setting names an unknown namespace
     */
    public IdentityGraph build() {
      NamespaceRegistry registry = NamespaceRegistry.standard().with(namespaces);
      byte[] salt = denyListSalt;
      if (salt == null) {
        salt = new byte[32];
        new SecureRandom().nextBytes(salt);
      }
      return new IdentityGraph(
          new GraphConfig(
              registry,
              linkingRules,
              graphLimit,
              hubLimit,
              maxComponentSize,
              maxIdentitiesPerRecord,
              salt,
              blockedValues,
              blockedPatterns));
    }
  }
}
