package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.identity.NamespaceRegistry;
import dev.rtprofile.internal.GraphEngines;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory identity graph, read-only: which identities records and events linked together, and
 * which of them form one person under the linking rules. {@link MutableIdentityGraph} adds the
 * writes; {@link #builder()} builds one.
 *
 * <p>The accepted graph is a pure function of the links asserted so far (with their evidence) minus
 * what was deleted: the same records in any order, from any number of threads, give the same graphs
 * and the same profile ids. Rules, in order: unique namespaces and do-not-link rules through the
 * identity optimization algorithm, then the graph limit, with the hub guard deciding which links
 * are eligible at all. See {@link LinkingRules} and the builder's setters.
 *
 * <p>The graph that {@link Builder#build()} returns is thread-safe: every method is atomic. Reads
 * run concurrently with each other; a write excludes reads for its duration, which is bounded by
 * the size of the components it touches. No method logs identity values.
 */
public interface IdentityGraph {

  /** Returns a builder with the standard namespaces, no linking rules and default limits. */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the checked form of an identity: canonical namespace code and normalized value, as the
   * graph stores it; empty if the identity is invalid, blocked or erased.
   */
  Optional<Identity> canonical(Identity identity);

  /** Returns every registered namespace, standard and custom, sorted by code. */
  List<Namespace> namespaces();

  /** Returns the registered namespace with {@code code}, matched case-insensitively. */
  Optional<Namespace> namespace(String code);

  /**
   * Returns why the graph would drop an identity from a record (invalid, blocked or erased), or
   * empty if it would keep it.
   */
  Optional<DroppedIdentity> problem(Identity identity);

  /** Whether the graph holds this identity. */
  boolean contains(Identity identity);

  /** Returns the graph (person) holding an identity, with evidence; empty if unknown. */
  Optional<GraphView> graph(Identity identity);

  /** Returns the profile id and identities of the graph holding an identity; empty if unknown. */
  Optional<Membership> membership(Identity identity);

  /**
   * Returns the anchor of the graph holding an identity: its oldest identity, from which the
   * profile id derives. The anchor names the graph until the graph's oldest identity changes (a
   * merge with an older graph, a split, a deletion, or an earlier timestamp for a member), so it is
   * a cheap cache key: one lookup, no hash, no list. Empty if the identity is invalid, erased or
   * unknown.
   */
  Optional<Identity> anchor(Identity identity);

  /**
   * Returns every graph's membership in no particular order, without computing a profile id;
   * O(identities). For scans that filter first and order only what they keep.
   */
  List<Membership> membershipsUnordered();

  /**
   * Returns every graph's {@linkplain #anchor(Identity) anchor}, one identity per graph, in no
   * particular order; O(identities) without building member lists. For scans that look most graphs
   * up in a cache keyed by anchor.
   */
  List<Identity> anchors();

  /**
   * Returns every graph with its profile id and identities, ordered by profile id; O(identities).
   */
  List<Membership> memberships();

  /** Returns the graph with a profile id, also one merged away since; empty if unknown. */
  Optional<GraphView> graphByProfileId(String profileId);

  /**
   * Returns the current profile id of the graph that a profile id names: itself if it is current,
   * the surviving graph's id if its graph was merged away; empty if none of its identities remain.
   * The first call indexes every identity's id (other calls wait meanwhile), after which new
   * identities cost one hash more each.
   */
  Optional<String> resolveProfileId(String profileId);

  /** Returns the profile id of the graph holding an identity; empty if unknown. */
  Optional<String> profileId(Identity identity);

  /** Returns the identities of one namespace in the graph holding {@code identity}, sorted. */
  List<Identity> members(Identity identity, String namespace);

  /** Returns the profile ids of the graphs holding two or more values of {@code namespace}. */
  List<String> graphsWithMultipleValues(String namespace);

  /** Returns counts over the whole graph; O(identities). */
  GraphStatistics statistics();

  /**
   * Builds an {@link IdentityGraph} (a {@link MutableIdentityGraph}, to write to). Setters validate
   * their argument at once; cross-setting rules (namespaces named by the linking rules or blocked
   * values exist, person namespaces rank above device ones) are checked by {@link #build()}. Not
   * thread-safe; {@code build()} may be called again.
   */
  final class Builder {
    private final List<Namespace> namespaces = new ArrayList<>();
    private LinkingRules linkingRules = LinkingRules.NONE;
    private int graphLimit = 50;
    private int hubLimit = 50;
    private int maxComponentSize = 1000;
    private int maxIdentitiesPerRecord = 20;
    private byte @Nullable [] denyListSalt;
    private final Map<String, Set<String>> blockedValues = new LinkedHashMap<>();
    private final Map<String, List<Pattern>> blockedPatterns = new LinkedHashMap<>();

    static {
      // The bridge for the profile store: unlocked engines and their state, from a builder.
      GraphEngines.register(new EngineAccess());
    }

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
     * Sets the component limit, a safety valve against broken or hostile data: a connected
     * component of links (before the rules split it into graphs; links a hub refused do not count)
     * larger than this is not solved: every one of its links is refused with {@link
     * LinkStatus#REFUSED_COMPONENT_LIMIT} and every one of its identities is a graph of its own. A
     * pure function of the component, like the rules, so the outcome does not depend on arrival
     * order; a component back within the limit (after a deletion) is solved again. Linking into a
     * component already over the limit costs nothing more. At least {@code graphLimit}. Default:
     * 1000.
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
     * Builds the graph: a thread-safe {@link MutableIdentityGraph} whose every method is atomic;
     * reads run concurrently with each other, and a write excludes reads for its duration.
     *
     * @throws IllegalStateException if the linking rules contradict each other or the namespaces
     * @throws IllegalArgumentException if a setting names an unknown namespace
     */
    public MutableIdentityGraph build() {
      return new LockedIdentityGraph(new GraphEngine(config()));
    }

    /**
     * The graph's configuration from these settings, validated, with a random salt if none is set;
     * the builder is not changed.
     */
    GraphConfig config() {
      NamespaceRegistry registry = NamespaceRegistry.standard().with(namespaces);
      byte[] salt = denyListSalt;
      if (salt == null) {
        salt = new byte[32];
        new SecureRandom().nextBytes(salt);
      }
      return new GraphConfig(
          registry,
          linkingRules,
          graphLimit,
          hubLimit,
          maxComponentSize,
          maxIdentitiesPerRecord,
          salt,
          denyListSalt == null,
          blockedValues,
          blockedPatterns);
    }
  }
}
