package dev.rtprofile.store;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One random profile-store case, drawn from a seed so that the merge rules bind often: two to four
 * datasets (some upsert), small pools of identities in three linking namespaces (so that records
 * link), leaf attributes from a small pool of nested paths, timestamps from a narrow range and a
 * fixed clock (so that ties happen), optional custom timestamps, removals, blocked and reserved
 * identities, sometimes a unique namespace and a namespace priority, and one to four random merge
 * policies with overrides and array settings.
 */
final class StoreScenario {
  /** The custom cross-device namespace every scenario registers. */
  static final String CRMID = "CRMID";

  /** The namespaces identities are drawn from, all of them linking person namespaces. */
  static final List<String> NAMESPACES = List.of(CRMID, "Email", "Phone");

  /** An Email value the application blocks. */
  static final String BLOCKED_EMAIL = "test@test.com";

  /** A reserved identity value, invalid in every namespace. */
  static final String RESERVED = "anonymous";

  /** The time of the store's fixed clock, inside the range record timestamps are drawn from. */
  static final long NOW = 1_003;

  /** The first timestamp records and events are drawn from. */
  static final long FIRST = 1_000;

  /** Leaf paths and the type of value they usually hold. */
  static final Map<String, Kind> PATHS = paths();

  /** A path no record sets; explanations of it are always empty. */
  static final String NEVER_SET = "person.name";

  private static final List<String> DATASET_NAMES = List.of("crm", "web", "loyalty", "mobile");
  private static final List<String> EVENT_DATASETS = List.of("clicks", "orders");
  private static final List<String> EVENT_TYPES = List.of("view", "purchase", "login");

  /** The built-in strategies a policy may override a path with, plus a user one. */
  static final List<AttributeStrategy> STRATEGIES =
      List.of(
          AttributeStrategy.sum(),
          AttributeStrategy.min(),
          AttributeStrategy.max(),
          AttributeStrategy.mostFrequent(),
          AttributeStrategy.oldest(),
          AttributeStrategy.newest(),
          AttributeStrategy.nonEmpty(),
          Trail.INSTANCE);

  /** The kinds of leaf values. */
  enum Kind {
    STRING,
    LONG,
    BOOLEAN,
    LIST
  }

  /**
   * A user strategy that sees the whole candidate list: it returns the candidates' datasets and
   * values joined in the order received, so a wrong candidate order changes the merged value.
   */
  static final class Trail implements AttributeStrategy {
    static final Trail INSTANCE = new Trail();

    private Trail() {}

    @Override
    public Object merge(String path, List<Candidate> candidates) {
      StringBuilder out = new StringBuilder();
      for (Candidate c : candidates) {
        out.append(c.dataset()).append('=').append(c.value()).append(';');
      }
      return out.toString();
    }

    @Override
    public String toString() {
      return "trail";
    }
  }

  /**
   * One generated input with what the generator meant: the attributes as leaf paths and the
   * removals, independent of how {@link Record.Builder} flattens them.
   *
   * @param item a {@link Record} or an {@link Event}
   * @param attributes the leaf attributes set (records only)
   * @param removals the paths removed (records only)
   */
  record Input(Object item, Map<String, Object> attributes, Set<String> removals) {
    boolean isRecord() {
      return item instanceof Record;
    }

    Record record() {
      return (Record) item;
    }

    Event event() {
      return (Event) item;
    }

    List<IdentityRef> identities() {
      return isRecord() ? record().identities() : event().identities();
    }
  }

  final long seed;
  final List<String> datasets;
  final Map<String, UpdateMode> modes;
  final boolean uniqueCrmId;
  final List<String> priority;
  final List<MergePolicy> policies;
  final MergePolicy defaultPolicy;
  final List<Identity> identities;
  final List<Input> inputs;
  final boolean cache;

  private StoreScenario(
      long seed,
      List<String> datasets,
      Map<String, UpdateMode> modes,
      boolean uniqueCrmId,
      List<String> priority,
      List<MergePolicy> policies,
      MergePolicy defaultPolicy,
      List<Identity> identities,
      List<Input> inputs,
      boolean cache) {
    this.seed = seed;
    this.datasets = datasets;
    this.modes = modes;
    this.uniqueCrmId = uniqueCrmId;
    this.priority = priority;
    this.policies = policies;
    this.defaultPolicy = defaultPolicy;
    this.identities = identities;
    this.inputs = inputs;
    this.cache = cache;
  }

  /**
   * Options of the generator.
   *
   * @param events whether to draw events besides records
   * @param cache whether the store caches profiles
   * @param printAlike whether to draw unequal values that print alike ({@code 1} and {@code
   *     BigDecimal 1}, {@code ["a, b"]} and {@code ["a", "b"]}), which only the value order can
   *     tell apart
   * @param maxInputs the most inputs to draw
   */
  record Options(boolean events, boolean cache, boolean printAlike, int maxInputs) {}

  /** Draws a scenario from {@code seed}. */
  static StoreScenario random(long seed, Options options) {
    Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
    List<String> names = new ArrayList<>(DATASET_NAMES);
    Collections.shuffle(names, rnd);
    List<String> datasets = List.copyOf(names.subList(0, 2 + rnd.nextInt(3)));
    Map<String, UpdateMode> modes = new TreeMap<>();
    for (String d : datasets) {
      int r = rnd.nextInt(3);
      if (r == 1) {
        modes.put(d, UpdateMode.REPLACE);
      } else if (r == 2) {
        modes.put(d, UpdateMode.UPSERT);
      }
    }
    boolean unique = rnd.nextInt(4) == 0;
    List<String> priority = List.of();
    if (rnd.nextInt(3) == 0) {
      List<String> p = new ArrayList<>(NAMESPACES);
      Collections.shuffle(p, rnd);
      priority = List.copyOf(p.subList(0, 2 + rnd.nextInt(2)));
    }

    List<Identity> pool = new ArrayList<>();
    for (String ns : NAMESPACES) {
      int n = 1 + rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        pool.add(Identity.of(ns, value(ns, i)));
      }
    }

    List<MergePolicy> policies = new ArrayList<>();
    int policyCount = 1 + rnd.nextInt(4);
    for (int i = 0; i < policyCount; i++) {
      policies.add(randomPolicy(rnd, "p" + i, datasets));
    }
    MergePolicy defaultPolicy =
        rnd.nextBoolean()
            ? MergePolicy.timestampOrdered()
            : policies.get(rnd.nextInt(policies.size()));

    Gen gen = new Gen(rnd, datasets, pool, !priority.isEmpty(), unique, options.printAlike());
    List<Input> inputs = new ArrayList<>();
    int count = 1 + rnd.nextInt(options.maxInputs());
    for (int i = 0; i < count; i++) {
      if (options.events() && rnd.nextInt(4) == 0) {
        inputs.add(gen.event());
      } else {
        inputs.add(gen.record());
      }
    }
    return new StoreScenario(
        seed,
        datasets,
        Collections.unmodifiableMap(modes),
        unique,
        priority,
        List.copyOf(policies),
        defaultPolicy,
        List.copyOf(pool),
        List.copyOf(inputs),
        options.cache());
  }

  private static String value(String namespace, int i) {
    switch (namespace) {
      case CRMID:
        return "c-" + i;
      case "Email":
        return "u" + i + "@example.com";
      default:
        return "+1555000000" + i;
    }
  }

  private static MergePolicy randomPolicy(Random rnd, String id, List<String> datasets) {
    MergePolicy p;
    if (rnd.nextBoolean()) {
      p = MergePolicy.timestampOrdered();
    } else {
      List<String> order = new ArrayList<>(datasets);
      if (rnd.nextInt(4) == 0) {
        order.add("ghost");
      }
      Collections.shuffle(order, rnd);
      p = MergePolicy.dataSetPrecedence(order.subList(0, 1 + rnd.nextInt(order.size())));
    }
    p = p.id(id);
    if (rnd.nextInt(3) == 0) {
      p = p.stitching(IdentityStitching.NONE);
    }
    if (rnd.nextInt(3) == 0) {
      p = p.arrays(ArrayMerge.UNION);
    }
    List<String> paths = new ArrayList<>(PATHS.keySet());
    if (rnd.nextInt(4) == 0) {
      String path = paths.get(rnd.nextInt(paths.size()));
      p = p.arrays(path, rnd.nextBoolean() ? ArrayMerge.UNION : ArrayMerge.WINNER);
    }
    int overrides = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0;
    for (int i = 0; i < overrides; i++) {
      String path = paths.get(rnd.nextInt(paths.size()));
      p = p.override(path, STRATEGIES.get(rnd.nextInt(STRATEGIES.size())));
    }
    return p;
  }

  /** Draws records and events. */
  private static final class Gen {
    private final Random rnd;
    private final List<String> datasets;
    private final List<Identity> pool;
    private final boolean priority;
    private final boolean unique;
    private final boolean printAlike;
    private final long range;
    private final List<Input> sentEvents = new ArrayList<>();
    private int nextEvent;

    Gen(
        Random rnd,
        List<String> datasets,
        List<Identity> pool,
        boolean priority,
        boolean unique,
        boolean printAlike) {
      this.rnd = rnd;
      this.datasets = datasets;
      this.pool = pool;
      this.priority = priority;
      this.unique = unique;
      this.printAlike = printAlike;
      this.range = 2 + rnd.nextInt(6);
    }

    Input record() {
      Record.Builder b = Record.builder(datasets.get(rnd.nextInt(datasets.size())));
      List<Identity> ids = identities(1 + rnd.nextInt(3));
      // Usually one identity is marked primary; without a mark the only identity or the namespace
      // priority decides, or the record is rejected.
      int marked = rnd.nextInt(10) < 8 ? rnd.nextInt(ids.size()) : -1;
      for (int i = 0; i < ids.size(); i++) {
        Identity id = spelled(ids.get(i));
        if (i == marked) {
          b.primary(id);
        } else {
          b.identity(id);
        }
        if (rnd.nextInt(20) == 0) {
          b.identity(invalid());
        }
      }
      if (rnd.nextInt(10) != 0) {
        b.timestamp(timestamp());
      }
      if (rnd.nextInt(10) < 3) {
        b.customTimestamp(timestamp());
      }
      Map<String, Object> attributes = new TreeMap<>();
      Set<String> removals = new TreeSet<>();
      List<String> paths = new ArrayList<>(PATHS.keySet());
      Collections.shuffle(paths, rnd);
      int set = rnd.nextInt(5);
      int removed = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
      for (int i = 0; i < set; i++) {
        attributes.put(paths.get(i), value(paths.get(i)));
      }
      for (int i = set; i < set + removed; i++) {
        removals.add(paths.get(i));
      }
      if (rnd.nextInt(5) == 0) {
        b.attributes(nest(attributes));
      } else {
        attributes.forEach(b::attribute);
      }
      removals.forEach(b::remove);
      return new Input(b.build(), Collections.unmodifiableMap(attributes), Set.copyOf(removals));
    }

    Input event() {
      if (!sentEvents.isEmpty() && rnd.nextInt(8) == 0) {
        // An exact re-send: deduplicated by (dataset, id).
        return sentEvents.get(rnd.nextInt(sentEvents.size()));
      }
      Event.Builder b =
          Event.builder(EVENT_DATASETS.get(rnd.nextInt(EVENT_DATASETS.size())), "e" + nextEvent++)
              .timestamp(FIRST + rnd.nextInt(4))
              .eventType(EVENT_TYPES.get(rnd.nextInt(EVENT_TYPES.size())));
      List<Identity> ids = identities(1 + rnd.nextInt(2));
      int marked = rnd.nextInt(10) < 8 ? rnd.nextInt(ids.size()) : -1;
      for (int i = 0; i < ids.size(); i++) {
        Identity id = spelled(ids.get(i));
        if (i == marked) {
          b.primary(id.namespace(), id.value());
        } else {
          b.identity(id);
        }
      }
      if (rnd.nextBoolean()) {
        b.attribute("page.name", "home" + rnd.nextInt(3));
      }
      Input input = new Input(b.build(), Map.of(), Set.of());
      sentEvents.add(input);
      return input;
    }

    private List<Identity> identities(int n) {
      List<Identity> shuffled = new ArrayList<>(pool);
      Collections.shuffle(shuffled, rnd);
      List<Identity> out = new ArrayList<>();
      boolean crm = false;
      for (Identity id : shuffled) {
        if (out.size() == n) {
          break;
        }
        // With a unique namespace, two CRMIDs in one record are rejected; draw that rarely.
        if (unique && id.namespace().equals(CRMID) && crm && rnd.nextInt(6) != 0) {
          continue;
        }
        crm |= id.namespace().equals(CRMID);
        out.add(id);
      }
      return out;
    }

    /** The identity, its namespace code sometimes in another case (codes match either way). */
    private Identity spelled(Identity id) {
      int r = rnd.nextInt(10);
      if (r == 0) {
        return Identity.of(id.namespace().toLowerCase(Locale.ROOT), id.value());
      }
      if (r == 1) {
        return Identity.of(id.namespace().toUpperCase(Locale.ROOT), id.value());
      }
      return id;
    }

    private Identity invalid() {
      return rnd.nextBoolean()
          ? Identity.of("Email", BLOCKED_EMAIL)
          : Identity.of(NAMESPACES.get(rnd.nextInt(NAMESPACES.size())), RESERVED);
    }

    private long timestamp() {
      return FIRST + rnd.nextInt((int) range);
    }

    private Object value(String path) {
      Kind kind = PATHS.get(path);
      if (rnd.nextInt(8) == 0) {
        kind = Kind.values()[rnd.nextInt(Kind.values().length)];
      }
      switch (kind) {
        case STRING:
          return List.of("Ann", "Bob", "Cy", "  ").get(rnd.nextInt(4));
        case LONG:
          if (printAlike) {
            // 1 and BigDecimal 1 print alike but are not equal.
            return List.<Object>of(1L, BigDecimal.ONE, 2L).get(rnd.nextInt(3));
          }
          return (long) (rnd.nextInt(6) - 1);
        case BOOLEAN:
          return rnd.nextBoolean();
        default:
          List<List<String>> lists =
              printAlike
                  ? List.of(List.of("a, b"), List.of("a", "b"), List.of("b"), List.of())
                  : List.of(List.of(), List.of("a"), List.of("a", "b"), List.of("b", "c"));
          return lists.get(rnd.nextInt(lists.size()));
      }
    }
  }

  /** Rebuilds nested maps from leaf paths, for records built with {@code attributes(Map)}. */
  private static Map<String, Object> nest(Map<String, Object> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> node = root;
      for (int i = 0; i < parts.length - 1; i++) {
        Object child = node.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) child;
        node = next;
      }
      node.put(parts[parts.length - 1], e.getValue());
    }
    return root;
  }

  private static Map<String, Kind> paths() {
    Map<String, Kind> paths = new TreeMap<>();
    paths.put("person.name.firstName", Kind.STRING);
    paths.put("person.name.lastName", Kind.STRING);
    paths.put("homeAddress.city", Kind.STRING);
    paths.put("loyalty.tier", Kind.STRING);
    paths.put("loyalty.points", Kind.LONG);
    paths.put("visits", Kind.LONG);
    paths.put("consents.marketing", Kind.BOOLEAN);
    paths.put("segments", Kind.LIST);
    paths.put("person.tags", Kind.LIST);
    return Collections.unmodifiableMap(paths);
  }

  /** A new store for this scenario, its clock fixed at {@link #NOW}. */
  ProfileStore newStore() {
    return newBuilder().build();
  }

  /** A builder of {@link #newStore()}'s configuration, for a store under test to add to. */
  ProfileStoreBuilder newBuilder() {
    ProfileStoreBuilder b =
        ProfileStore.builder()
            .namespace(Namespace.custom(CRMID, IdentityType.CROSS_DEVICE))
            .blockedValue("Email", BLOCKED_EMAIL)
            .clock(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))
            .defaultMergePolicy(defaultPolicy);
    if (!cache) {
      b.profileCacheSize(0);
    }
    if (uniqueCrmId || !priority.isEmpty()) {
      LinkingRules.Builder rules = LinkingRules.builder();
      if (uniqueCrmId) {
        rules.unique(CRMID);
      }
      rules.priority(priority.toArray(new String[0]));
      b.linkingRules(rules.build());
    }
    modes.forEach(b::updateMode);
    policies.forEach(b::mergePolicy);
    return b;
  }

  /** The ids of every registered policy, sorted, the default among them. */
  List<String> policyIds() {
    TreeSet<String> ids = new TreeSet<>();
    for (MergePolicy p : policies) {
      ids.add(p.id());
    }
    ids.add(defaultPolicy.id());
    return List.copyOf(ids);
  }

  /** The policy with {@code id}, or the default for null. */
  MergePolicy policy(@Nullable String id) {
    if (id == null || id.equals(defaultPolicy.id())) {
      return defaultPolicy;
    }
    for (MergePolicy p : policies) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no policy " + id);
  }

  /**
   * The identities to look up: the pool, some spelled with another namespace case, one never
   * ingested, one reserved and one of an unknown namespace.
   */
  List<Identity> lookups() {
    List<Identity> out = new ArrayList<>(identities);
    out.add(
        Identity.of(
            "email",
            identities.stream()
                .filter(i -> i.namespace().equals("Email"))
                .findFirst()
                .orElseThrow()
                .value()));
    out.add(Identity.of("crmid", "c-0"));
    out.add(Identity.of("Email", "nobody@example.com"));
    out.add(Identity.of("Email", RESERVED));
    out.add(Identity.of("Unknown", "x"));
    return out;
  }

  /** One input in full, for failure messages (test data, so identity values are printed). */
  static String describe(Input input) {
    StringBuilder out = new StringBuilder();
    if (input.isRecord()) {
      Record r = input.record();
      out.append("record ").append(r.dataset());
      r.timestamp().ifPresent(t -> out.append(" ts=").append(t));
      r.customTimestamp().ifPresent(t -> out.append(" custom=").append(t));
    } else {
      Event e = input.event();
      out.append("event ")
          .append(e.dataset())
          .append('/')
          .append(e.id())
          .append(" ts=")
          .append(e.timestamp());
    }
    out.append(" ids=[");
    for (IdentityRef ref : input.identities()) {
      out.append(ref.primary() ? "*" : "").append(ref.identity().toText()).append(' ');
    }
    out.append(']');
    if (input.isRecord()) {
      out.append(" attributes=").append(input.attributes());
      if (!input.removals().isEmpty()) {
        out.append(" removals=").append(input.removals());
      }
    }
    return out.toString();
  }

  /** The scenario in full, for failure messages. */
  String dump() {
    StringBuilder out = new StringBuilder(describe());
    for (int i = 0; i < inputs.size(); i++) {
      out.append("\n  #").append(i).append(' ').append(describe(inputs.get(i)));
    }
    return out.toString();
  }

  /** A summary for failure messages. */
  String describe() {
    return "datasets "
        + datasets
        + ", modes "
        + modes
        + ", unique CRMID "
        + uniqueCrmId
        + ", priority "
        + priority
        + ", default "
        + defaultPolicy
        + ", policies "
        + policies
        + ", "
        + inputs.size()
        + " inputs";
  }
}
