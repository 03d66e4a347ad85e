package dev.rtprofile.store;

import static dev.rtprofile.store.SearchFixtures.EVENT_TYPES;
import static dev.rtprofile.store.SearchFixtures.LEAF_PATHS;
import static dev.rtprofile.store.SearchFixtures.NEVER_SET;
import static dev.rtprofile.store.SearchFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.SearchFixtures.Row;
import dev.rtprofile.store.SearchFixtures.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The search written out naively, for the model tests (STYLE 18): random queries ({@link
 * Generator}) whose conditions each carry a brute-force test of what their Javadoc says, the brute
 * force itself ({@link BruteForce}: every profile a lookup returns under a policy, for whole-graph
 * stitching one lookup per graph of {@link dev.rtprofile.graph.IdentityGraph#memberships()},
 * without stitching one per identity with data), and {@link #compare} of the two. The expected
 * order is the sort value (missing last; descending reverses only present values), then profile id,
 * then primary identity.
 */
final class SearchOracle {
  private SearchOracle() {}

  /**
   * Compares one query with the brute force: {@code count()}, the first page, and every page
   * followed by cursors (with the query's page size if {@code smallPages}, else the largest).
   */
  static int compare(
      ProfileStore store, BruteForce model, Query query, String when, boolean smallPages) {
    String policy = query.policy != null ? query.policy : store.defaultMergePolicy().id();
    List<Profile> matching = new ArrayList<>();
    for (Profile p : model.profiles(policy)) {
      if (query.specs.stream().allMatch(s -> s.test(p, model, policy))) {
        matching.add(p);
      }
    }
    matching.sort(query.order());
    List<Row> expected = Row.of(matching);

    assertThat(query.build(store).count())
        .as("count() of %s %s", query, when)
        .isEqualTo(expected.size());
    assertThat(Row.of(query.build(store).fetch()))
        .as("first page of %s %s", query, when)
        .isEqualTo(expected.subList(0, Math.min(query.limit, expected.size())));
    Query paged = smallPages ? query : query.withLimit(ProfileSearch.MAX_LIMIT);
    List<Profile> all = SearchFixtures.allPages(() -> paged.build(store), expected.size() + 2);
    assertThat(Row.of(all)).as("every page of %s %s", query, when).isEqualTo(expected);
    return expected.size();
  }

  // ---------------------------------------------------------------------------------------------
  // The brute force

  /** Every profile a lookup returns, per policy, and event counts by event lookups. */
  static final class BruteForce {
    private final ProfileStore store;
    private final List<Identity> pool;
    private final Random rnd;
    private final Map<String, List<Profile>> profiles = new HashMap<>();

    /** {@code pool} holds every identity ever ingested, for the lookups without stitching. */
    BruteForce(ProfileStore store, List<Identity> pool, Random rnd) {
      this.store = store;
      this.pool = pool;
      this.rnd = rnd;
    }

    List<Profile> profiles(String policyId) {
      return profiles.computeIfAbsent(policyId, this::lookUpAll);
    }

    private List<Profile> lookUpAll(String policyId) {
      MergePolicy policy = store.mergePolicies().get(policyId);
      List<Profile> out = new ArrayList<>();
      if (policy.stitching() == IdentityStitching.NONE) {
        for (Identity identity : pool) {
          store.lookup(identity).policy(policyId).fetch().ifPresent(out::add);
        }
        return out;
      }
      for (Membership m : store.identityGraph().memberships()) {
        Identity any = m.identities().get(rnd.nextInt(m.identities().size()));
        Optional<Profile> p = store.lookup(any).policy(policyId).fetch();
        assertThat(p).as("lookup of a member of graph %s", m.profileId()).isPresent();
        out.add(p.get());
      }
      return out;
    }

    /** The events of {@code type} with {@code from <= timestamp < to} that a lookup returns. */
    long events(Profile p, String policyId, String type, Instant from, Instant to) {
      if (to.isBefore(from)) {
        return 0;
      }
      return store
          .events(p.identities().get(0))
          .policy(policyId)
          .eventTypes(type)
          .between(from, to)
          .limit(EventQuery.MAX_LIMIT)
          .fetch()
          .events()
          .size();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Queries: each condition with its brute-force test

  /** A condition of a query with its naive test over a looked-up profile. */
  interface Spec {
    Condition condition();

    boolean test(Profile p, BruteForce model, String policy);

    /** Adds the condition to the search. */
    default ProfileSearch addTo(ProfileSearch search) {
      return search.where(condition());
    }
  }

  enum Op {
    EQ,
    NE,
    IN,
    LT,
    LE,
    GT,
    GE,
    BETWEEN,
    EXISTS,
    MISSING,
    STARTS_WITH,
    CONTAINS
  }

  /**
   * A condition on one path; {@code fluent} adds it through {@link ProfileSearch#where(String)}
   * rather than a {@link Condition} factory.
   */
  record Leaf(Op op, String path, List<Object> values, boolean fluent) implements Spec {
    private Object value() {
      return values.get(0);
    }

    @Override
    public Condition condition() {
      return switch (op) {
        case EQ -> Condition.eq(path, value());
        case NE -> Condition.ne(path, value());
        case IN -> Condition.in(path, values.toArray());
        case LT -> Condition.lt(path, value());
        case LE -> Condition.le(path, value());
        case GT -> Condition.gt(path, value());
        case GE -> Condition.ge(path, value());
        case BETWEEN -> Condition.between(path, values.get(0), values.get(1));
        case EXISTS -> Condition.exists(path);
        case MISSING -> Condition.missing(path);
        case STARTS_WITH -> Condition.startsWith(path, (String) value());
        case CONTAINS -> Condition.contains(path, value());
      };
    }

    @Override
    public ProfileSearch addTo(ProfileSearch search) {
      if (!fluent) {
        return search.where(condition());
      }
      ProfileSearch.Where where = search.where(path);
      return switch (op) {
        case EQ -> where.eq(value());
        case NE -> where.ne(value());
        case IN -> where.in(values.toArray());
        case LT -> where.lt(value());
        case LE -> where.le(value());
        case GT -> where.gt(value());
        case GE -> where.ge(value());
        case BETWEEN ->
            values.get(0) instanceof Instant a && values.get(1) instanceof Instant b
                ? where.between(a, b)
                : where.between(values.get(0), values.get(1));
        case EXISTS -> where.exists();
        case MISSING -> where.missing();
        case STARTS_WITH -> where.startsWith((String) value());
        case CONTAINS -> where.contains(value());
      };
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      Optional<Object> found = p.get(path);
      if (op == Op.EXISTS) {
        return found.isPresent();
      }
      if (op == Op.MISSING) {
        return found.isEmpty();
      }
      if (found.isEmpty()) {
        return false;
      }
      Object v = found.get();
      return switch (op) {
        case EQ -> SearchFixtures.same(v, value());
        case NE -> !SearchFixtures.same(v, value());
        case IN -> values.stream().anyMatch(x -> SearchFixtures.same(v, x));
        case LT -> ordered(v, value(), c -> c < 0);
        case LE -> ordered(v, value(), c -> c <= 0);
        case GT -> ordered(v, value(), c -> c > 0);
        case GE -> ordered(v, value(), c -> c >= 0);
        case BETWEEN ->
            ordered(v, values.get(0), c -> c >= 0) && ordered(v, values.get(1), c -> c <= 0);
        case STARTS_WITH -> v instanceof String s && s.startsWith((String) value());
        case CONTAINS ->
            v instanceof List<?> list
                && list.stream().anyMatch(e -> SearchFixtures.same(e, value()));
        default -> throw new IllegalStateException(op.toString());
      };
    }

    private static boolean ordered(Object v, Object bound, IntPredicate test) {
      Integer c = SearchFixtures.rangeOrder(v, bound);
      return c != null && test.test(c);
    }

    @Override
    public String toString() {
      return op + "(" + path + ", " + values + (fluent ? ", fluent" : "") + ")";
    }
  }

  record And(List<Spec> children) implements Spec {
    @Override
    public Condition condition() {
      return Condition.and(children.stream().map(Spec::condition).toArray(Condition[]::new));
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return children.stream().allMatch(c -> c.test(p, model, policy));
    }

    @Override
    public String toString() {
      return "and" + children;
    }
  }

  record Or(List<Spec> children) implements Spec {
    @Override
    public Condition condition() {
      return Condition.or(children.stream().map(Spec::condition).toArray(Condition[]::new));
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return children.stream().anyMatch(c -> c.test(p, model, policy));
    }

    @Override
    public String toString() {
      return "or" + children;
    }
  }

  record Not(Spec child) implements Spec {
    @Override
    public Condition condition() {
      return Condition.not(child.condition());
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return !child.test(p, model, policy);
    }

    @Override
    public String toString() {
      return "not(" + child + ")";
    }
  }

  record HasNamespace(String code) implements Spec {
    @Override
    public Condition condition() {
      return Condition.hasNamespace(code);
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return p.identities().stream().anyMatch(i -> i.namespace().equalsIgnoreCase(code));
    }

    @Override
    public String toString() {
      return "hasNamespace(" + code + ")";
    }
  }

  record HasIdentity(Identity identity) implements Spec {
    @Override
    public Condition condition() {
      return Condition.hasIdentity(identity);
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return p.identities().stream()
          .anyMatch(
              i ->
                  i.namespace().equalsIgnoreCase(identity.namespace())
                      && i.value().equals(identity.value()));
    }

    @Override
    public String toString() {
      return "hasIdentity(" + identity.toText() + ")";
    }
  }

  record Events(String type, int count, Instant from, Instant to) implements Spec {
    @Override
    public Condition condition() {
      return Condition.events(type, count, from, to);
    }

    @Override
    public boolean test(Profile p, BruteForce model, String policy) {
      return model.events(p, policy, type, from, to) >= count;
    }

    @Override
    public String toString() {
      return "events(" + type + " >= " + count + " in [" + from + ", " + to + "))";
    }
  }

  /** A whole query: policy (null for the default), conditions, sort and page size. */
  record Query(
      @Nullable String policy,
      List<Spec> specs,
      @Nullable String sortPath,
      boolean descending,
      int limit) {

    Query withLimit(int pageSize) {
      return new Query(policy, specs, sortPath, descending, pageSize);
    }

    ProfileSearch build(ProfileStore store) {
      ProfileSearch search = store.search();
      if (policy != null) {
        search = search.policy(policy);
      }
      for (Spec spec : specs) {
        search = spec.addTo(search);
      }
      if (sortPath != null) {
        search = descending ? search.sortByDescending(sortPath) : search.sortBy(sortPath);
      }
      return search.limit(limit);
    }

    /** Sort value (missing last, descending reverses only present values), id, primary. */
    Comparator<Profile> order() {
      Comparator<Profile> byValue =
          (a, b) -> {
            if (sortPath == null) {
              return 0;
            }
            Object x = a.get(sortPath).orElse(null);
            Object y = b.get(sortPath).orElse(null);
            if (x == null || y == null) {
              return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = SearchFixtures.sortOrder(x, y);
            return descending ? -c : c;
          };
      return byValue
          .thenComparing(Profile::profileId)
          .thenComparing(Profile::primaryIdentity, Identity.canonicalOrder());
    }

    @Override
    public String toString() {
      return "search(policy "
          + policy
          + ", where "
          + specs
          + (sortPath == null ? "" : ", sort " + sortPath + (descending ? " desc" : " asc"))
          + ", limit "
          + limit
          + ")";
    }
  }

  /** Draws queries. */
  static final class Generator {
    private final Random rnd;
    private final Values values;
    private final List<String> policyIds;
    private final List<Identity> pool;

    Generator(Random rnd, List<String> policyIds, List<Identity> pool) {
      this.rnd = rnd;
      this.values = new Values(rnd);
      this.policyIds = policyIds;
      this.pool = pool;
    }

    private <T> T any(List<T> list) {
      return list.get(rnd.nextInt(list.size()));
    }

    Query query() {
      String policy = rnd.nextInt(4) == 0 ? null : any(policyIds);
      List<Spec> specs = new ArrayList<>();
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        specs.add(spec(0));
      }
      String sortPath = null;
      if (rnd.nextInt(3) != 0) {
        sortPath = rnd.nextInt(12) == 0 ? NEVER_SET : any(LEAF_PATHS);
      }
      int r = rnd.nextInt(10);
      int limit = r < 7 ? 1 + rnd.nextInt(5) : r < 9 ? 20 : ProfileSearch.MAX_LIMIT;
      return new Query(policy, List.copyOf(specs), sortPath, rnd.nextBoolean(), limit);
    }

    private Spec spec(int depth) {
      int r = rnd.nextInt(20);
      if (depth < 3 && r < 4) {
        if (r == 0) {
          return new Not(spec(depth + 1));
        }
        List<Spec> children = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
          children.add(spec(depth + 1));
        }
        return r < 3 ? new And(List.copyOf(children)) : new Or(List.copyOf(children));
      }
      if (r == 4) {
        String code = any(List.of("CRMID", "Email", "Phone", "ECID"));
        return new HasNamespace(rnd.nextBoolean() ? code : code.toLowerCase(Locale.ROOT));
      }
      if (r == 5) {
        Identity id = rnd.nextInt(5) == 0 ? Identity.of("Email", "nobody@example.com") : any(pool);
        return new HasIdentity(
            rnd.nextInt(4) == 0
                ? Identity.of(id.namespace().toUpperCase(Locale.ROOT), id.value())
                : id);
      }
      if (r == 6) {
        Instant from = T0.plus(Duration.ofHours(rnd.nextInt(12 * 24) - 24));
        Instant to = from.plus(Duration.ofHours(rnd.nextInt(8 * 24) - 12));
        return new Events(
            rnd.nextInt(8) == 0 ? "login" : any(EVENT_TYPES), 1 + rnd.nextInt(3), from, to);
      }
      return leaf();
    }

    private Spec leaf() {
      String path = rnd.nextInt(15) == 0 ? NEVER_SET : any(LEAF_PATHS);
      Op op = any(List.of(Op.values()));
      List<Object> vs =
          switch (op) {
            case EQ, NE -> List.of(values.compared(path));
            case IN -> {
              List<Object> list = new ArrayList<>();
              int n = 1 + rnd.nextInt(3);
              for (int i = 0; i < n; i++) {
                list.add(values.compared(path));
              }
              yield List.copyOf(list);
            }
            case LT, LE, GT, GE -> List.of(values.ranged(path));
            case BETWEEN -> {
              Object low = values.ranged(path);
              Object high = values.ranged(path);
              while (SearchFixtures.kind(high) != SearchFixtures.kind(low)) {
                high = values.ranged(path);
              }
              yield List.of(low, high);
            }
            case EXISTS, MISSING -> List.of();
            case STARTS_WITH -> List.of(values.prefix());
            case CONTAINS -> List.of(values.element());
          };
      return new Leaf(op, path, vs, rnd.nextBoolean());
    }
  }
}
