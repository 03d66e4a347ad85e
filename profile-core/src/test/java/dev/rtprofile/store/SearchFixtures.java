package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Shared by the search tests: attribute paths and value pools, random stores ({@link Scenario}),
 * the value semantics of the search written out naively (equality, ranges, sort order), and paging
 * through every page of a search.
 */
final class SearchFixtures {
  static final Instant T0 = Instant.parse("2025-03-01T00:00:00Z");

  /** The stores' fixed clock: ten days after {@link #T0}. */
  static final Instant NOW = T0.plus(Duration.ofDays(10));

  static final String TIER = "loyalty.tier";
  static final String POINTS = "loyalty.points";
  static final String SCORE = "score";
  static final String TAGS = "person.tags";
  static final String NAME = "person.name.last";
  static final String VISIT = "lastVisit";
  static final String CONSENT = "consent.email";

  /** A leaf path no record ever sets. */
  static final String NEVER_SET = "nickname";

  static final List<String> LEAF_PATHS = List.of(TIER, POINTS, SCORE, TAGS, NAME, VISIT, CONSENT);
  static final List<String> TIERS = List.of("bronze", "silver", "gold", "platinum");
  static final List<String> TAG_VALUES = List.of("vip", "new", "churn", "mobile");
  static final List<String> NAMES = List.of("Ng", "Nguyen", "Smith", "Smythe", "Stone");
  static final List<String> DATASETS = List.of("crm", "web", "loyalty");

  /** The upsert dataset: its records may remove paths. */
  static final String UPSERT_DATASET = "loyalty";

  static final List<String> EVENT_DATASETS = List.of("clicks", "orders");

  /** The event dataset kept for five days of event time. */
  static final String RETAINED_EVENTS = "clicks";

  static final List<String> EVENT_TYPES = List.of("view", "purchase");
  static final List<String> NAMESPACES = List.of("CRMID", "Email", "Phone");

  private SearchFixtures() {}

  static Identity crm(int i) {
    return Identity.of("CRMID", "c-" + i);
  }

  static Identity email(int i) {
    return Identity.of("Email", "u" + i + "@example.com");
  }

  static Identity phone(int i) {
    return Identity.of("Phone", "+1555000" + (1000 + i));
  }

  /** A builder with CRMID (cross-device) registered and the fixed clock. */
  static ProfileStoreBuilder builder() {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A search result as a value: a failed comparison shows identities and attributes. */
  record Row(
      String profileId, String primary, List<String> identities, Map<String, Object> attributes) {
    static Row of(Profile p) {
      return new Row(
          p.profileId(),
          p.primaryIdentity().toText(),
          p.identities().stream().map(Identity::toText).toList(),
          p.attributes());
    }

    static List<Row> of(List<Profile> profiles) {
      return profiles.stream().map(Row::of).toList();
    }
  }

  /**
   * Fetches every page of the search {@code query} builds, following the cursors; fails if a page
   * other than the first is empty or there are more pages than {@code maxPages}.
   */
  static List<Profile> allPages(Supplier<ProfileSearch> query, int maxPages) {
    List<Profile> out = new ArrayList<>();
    SearchPage page = query.get().fetchPage();
    out.addAll(page.profiles());
    int pages = 1;
    while (page.nextCursor() != null) {
      assertThat(page.profiles()).as("a page with a next cursor").isNotEmpty();
      assertThat(pages)
          .as("pages fetched so far, at most %s: more means a cursor repeats profiles", maxPages)
          .isLessThan(maxPages);
      page = query.get().after(page.nextCursor()).fetchPage();
      out.addAll(page.profiles());
      pages++;
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // The value semantics of the search, as the Javadoc of Condition and ProfileSearch states them

  /** The kind of a value: 0 boolean, 1 number, 2 string, 3 instant, 4 list, 5 anything else. */
  static int kind(Object v) {
    if (v instanceof Boolean) {
      return 0;
    }
    if (v instanceof Number) {
      return 1;
    }
    if (v instanceof String) {
      return 2;
    }
    if (v instanceof Instant) {
      return 3;
    }
    if (v instanceof List) {
      return 4;
    }
    return 5;
  }

  private static BigDecimal decimal(Object n) {
    return new BigDecimal(n.toString());
  }

  /** Equality as the search means it: numbers by value (1 equals 1.0), lists element-wise. */
  static boolean same(Object a, Object b) {
    if (a instanceof Number && b instanceof Number) {
      return decimal(a).compareTo(decimal(b)) == 0;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /**
   * The order of a range condition: numbers numerically, strings lexicographically, instants by
   * time; null when the two cannot be ordered (different kinds, booleans, lists).
   */
  static @Nullable Integer rangeOrder(Object value, Object bound) {
    if (value instanceof Number && bound instanceof Number) {
      return decimal(value).compareTo(decimal(bound));
    }
    if (value instanceof String x && bound instanceof String y) {
      return x.compareTo(y);
    }
    if (value instanceof Instant x && bound instanceof Instant y) {
      return x.compareTo(y);
    }
    return null;
  }

  /**
   * The sort order of two present values: within a kind as {@link #rangeOrder}, booleans false
   * first, lists element by element then by length; across kinds by kind (only numbers of different
   * types mix in these tests).
   */
  static int sortOrder(Object a, Object b) {
    if (kind(a) != kind(b)) {
      return Integer.compare(kind(a), kind(b));
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = sortOrder(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    Integer c = rangeOrder(a, b);
    return c == null ? 0 : c;
  }

  // ---------------------------------------------------------------------------------------------
  // Random stores

  /** One step of a scenario: an ingest, an erase, an unlink, a dataset deletion. */
  record Step(String description, Consumer<ProfileStore> action) {
    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * A random store: its configuration (policies, the default one, unique CRMID or not, the cache on
   * or off) and the steps that fill it, records and events over small identity pools so that
   * profiles merge, with occasional erasures, unlinks and dataset deletions.
   */
  static final class Scenario {
    final long seed;
    final List<MergePolicy> policies;
    final MergePolicy defaultPolicy;
    final boolean uniqueCrmId;
    final int cacheSize;
    final boolean scanTables;
    final List<Identity> pool;
    final List<Step> steps;

    private Scenario(long seed, Random rnd, int maxSteps) {
      this.seed = seed;
      this.uniqueCrmId = rnd.nextInt(3) == 0;
      this.cacheSize = rnd.nextInt(4) == 0 ? 0 : 100_000;
      this.scanTables = rnd.nextInt(3) != 0;
      List<Identity> ids = new ArrayList<>();
      int crms = 3 + rnd.nextInt(6);
      int emails = 2 + rnd.nextInt(6);
      int phones = 1 + rnd.nextInt(4);
      for (int i = 0; i < crms; i++) {
        ids.add(crm(i));
      }
      for (int i = 0; i < emails; i++) {
        ids.add(email(i));
      }
      for (int i = 0; i < phones; i++) {
        ids.add(phone(i));
      }
      this.pool = List.copyOf(ids);
      this.policies = policies(rnd);
      this.defaultPolicy = policies.get(rnd.nextInt(policies.size()));
      List<Step> out = new ArrayList<>();
      Values values = new Values(rnd);
      int n = 5 + rnd.nextInt(maxSteps - 4);
      int events = 0;
      List<Event> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int r = rnd.nextInt(100);
        if (r < 72) {
          out.add(record(rnd, values, i));
        } else if (r < 90) {
          Event e =
              !sent.isEmpty() && rnd.nextInt(6) == 0
                  ? sent.get(rnd.nextInt(sent.size()))
                  : event(rnd, events++);
          sent.add(e);
          out.add(new Step("event " + e.dataset() + "/" + e.id(), s -> s.ingest(e)));
        } else if (r < 94) {
          Identity a = pick(rnd);
          Identity b = pick(rnd);
          out.add(new Step("unlink " + a.toText() + " " + b.toText(), s -> s.unlink(a, b)));
        } else if (r < 97) {
          Identity a = pick(rnd);
          out.add(new Step("erase " + a.toText(), s -> s.erase(a)));
        } else if (r < 98) {
          Identity a = pick(rnd);
          out.add(new Step("eraseProfile " + a.toText(), s -> s.eraseProfile(a)));
        } else {
          String d = DATASETS.get(rnd.nextInt(DATASETS.size()));
          out.add(new Step("deleteDataset " + d, s -> s.deleteDataset(d)));
        }
      }
      this.steps = List.copyOf(out);
    }

    /** Draws a scenario of 5 to {@code maxSteps} steps from {@code seed}. */
    static Scenario random(long seed, int maxSteps) {
      return new Scenario(seed, new Random(seed * 0x9E3779B97F4A7C15L + 11), maxSteps);
    }

    private static List<MergePolicy> policies(Random rnd) {
      List<MergePolicy> out = new ArrayList<>();
      out.add(MergePolicy.timestampOrdered());
      out.add(MergePolicy.timestampOrdered().id("ts-own").stitching(IdentityStitching.NONE));
      out.add(precedence(rnd).id("ds"));
      out.add(precedence(rnd).id("ds-own").stitching(IdentityStitching.NONE));
      MergePolicy sum =
          MergePolicy.timestampOrdered()
              .id("sum")
              .override(POINTS, AttributeStrategy.sum())
              .arrays(TAGS, ArrayMerge.UNION);
      out.add(rnd.nextBoolean() ? sum : sum.stitching(IdentityStitching.NONE));
      return List.copyOf(out);
    }

    private static MergePolicy precedence(Random rnd) {
      List<String> order = new ArrayList<>(DATASETS);
      if (rnd.nextInt(4) == 0) {
        order.add("ghost");
      }
      Collections.shuffle(order, rnd);
      MergePolicy p =
          MergePolicy.dataSetPrecedence(order.subList(0, 1 + rnd.nextInt(order.size())));
      return rnd.nextInt(3) == 0 ? p.arrays(ArrayMerge.UNION) : p;
    }

    /** The policy ids a search may name. */
    List<String> policyIds() {
      return policies.stream().map(MergePolicy::id).toList();
    }

    ProfileStore newStore() {
      ProfileStoreBuilder b =
          builder()
              .defaultMergePolicy(defaultPolicy)
              .updateMode(UPSERT_DATASET, UpdateMode.UPSERT)
              .eventRetention(RETAINED_EVENTS, Duration.ofDays(5))
              .profileCacheSize(cacheSize)
              .scanTables(scanTables);
      if (uniqueCrmId) {
        b.linkingRules(LinkingRules.builder().unique("CRMID").build());
      }
      for (MergePolicy p : policies) {
        b.mergePolicy(p);
      }
      return b.build();
    }

    private Identity pick(Random rnd) {
      return pool.get(rnd.nextInt(pool.size()));
    }

    private Step record(Random rnd, Values values, int i) {
      String dataset = DATASETS.get(rnd.nextInt(DATASETS.size()));
      Record.Builder b = Record.builder(dataset);
      List<Identity> ids = new ArrayList<>(pool);
      Collections.shuffle(ids, rnd);
      int n = 1 + rnd.nextInt(3);
      int primary = rnd.nextInt(n);
      for (int k = 0; k < n; k++) {
        if (k == primary) {
          b.primary(ids.get(k));
        } else {
          b.identity(ids.get(k));
        }
      }
      b.timestamp(T0.plus(Duration.ofMinutes(rnd.nextInt(10 * 24 * 60))));
      if (rnd.nextInt(5) == 0) {
        b.customTimestamp(T0.plus(Duration.ofMinutes(rnd.nextInt(10 * 24 * 60))));
      }
      for (String path : LEAF_PATHS) {
        int r = rnd.nextInt(10);
        if (r < 5) {
          b.attribute(path, values.stored(path));
        } else if (r == 5 && dataset.equals(UPSERT_DATASET)) {
          b.remove(path);
        }
      }
      Record record = b.build();
      String description =
          "record "
              + i
              + " "
              + dataset
              + " "
              + record.identities().stream()
                  .map(ref -> (ref.primary() ? "*" : "") + ref.identity().toText())
                  .toList()
              + " "
              + record.attributes()
              + (record.removals().isEmpty() ? "" : " removes " + record.removals())
              + " at "
              + record.customTimestamp().orElse(record.timestamp().orElse(0));
      return new Step(description, s -> s.ingest(record));
    }

    private Event event(Random rnd, int i) {
      Event.Builder b =
          Event.builder(EVENT_DATASETS.get(rnd.nextInt(EVENT_DATASETS.size())), "e" + i)
              .timestamp(T0.plus(Duration.ofMinutes(rnd.nextInt(10 * 24 * 60))))
              .eventType(EVENT_TYPES.get(rnd.nextInt(EVENT_TYPES.size())));
      Identity first = pick(rnd);
      b.primary(first.namespace(), first.value());
      if (rnd.nextInt(3) == 0) {
        Identity second = pick(rnd);
        if (!second.equals(first)) {
          b.identity(second);
        }
      }
      return b.build();
    }
  }

  /** Draws values: those records store and those queries compare with. */
  static final class Values {
    private final Random rnd;

    Values(Random rnd) {
      this.rnd = rnd;
    }

    private <T> T any(List<T> list) {
      return list.get(rnd.nextInt(list.size()));
    }

    /** A value a record stores at {@code path}; {@code score} is mostly a Double, sometimes not. */
    Object stored(String path) {
      switch (path) {
        case TIER:
          return any(TIERS);
        case POINTS:
          return 50L * rnd.nextInt(11);
        case SCORE:
          return rnd.nextInt(4) == 0 ? (Object) (long) rnd.nextInt(6) : 0.5 * rnd.nextInt(11);
        case TAGS:
          List<String> tags = new ArrayList<>(TAG_VALUES);
          Collections.shuffle(tags, rnd);
          return List.copyOf(tags.subList(0, rnd.nextInt(4)));
        case NAME:
          return any(NAMES);
        case VISIT:
          return T0.plus(Duration.ofHours(6L * rnd.nextInt(13)));
        case CONSENT:
          return rnd.nextBoolean();
        default:
          throw new IllegalArgumentException(path);
      }
    }

    /**
     * A value to compare {@code path} with: usually one of the kind stored there (numbers also as
     * the other number type), sometimes of another kind.
     */
    Object compared(String path) {
      int r = rnd.nextInt(10);
      if (path.equals(NEVER_SET) || r >= 8) {
        return stored(any(LEAF_PATHS));
      }
      Object v = stored(path);
      if (r == 0 && v instanceof Long n) {
        return rnd.nextBoolean() ? (Object) n.doubleValue() : (Object) n.intValue();
      }
      if (r == 1 && v instanceof Double d) {
        return rnd.nextBoolean() ? (Object) (long) Math.floor(d) : (Object) (d + 0.25);
      }
      return v;
    }

    /** A value a range may compare {@code path} with: a number, a string or an instant. */
    Object ranged(String path) {
      Object v = compared(path);
      while (!(v instanceof Number || v instanceof String || v instanceof Instant)) {
        v = stored(any(List.of(TIER, POINTS, SCORE, NAME, VISIT)));
      }
      return v;
    }

    /** An element {@code contains} may look for: usually a tag. */
    Object element() {
      return rnd.nextInt(6) == 0 ? stored(any(List.of(TIER, POINTS, NAME))) : any(TAG_VALUES);
    }

    /** A prefix {@code startsWith} may look for. */
    String prefix() {
      return any(List.of("", "S", "Sm", "Smith", "N", "Ng", "Ngu", "g", "go", "s", "x"));
    }
  }
}
