package dev.rtprofile.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A profile search being set up: conditions over merged profiles under a merge policy, a sort
 * order, a page size and a cursor. Conditions given one after another must all hold. Not
 * thread-safe; cheap to create, one per search. Example: {@code
 * store.search().where("loyalty.tier").eq("gold").sortByDescending("loyalty.points").limit(20)
 * .fetch()}.
 */
public final class ProfileSearch {
  /** The most profiles one page may hold. */
  public static final int MAX_LIMIT = 10_000;

  private final StoreReads store;
  final List<Condition> conditions = new ArrayList<>();
  @Nullable String policyId;
  @Nullable String sortPath;
  boolean descending;
  int limit = 20;
  @Nullable String cursor;

  ProfileSearch(StoreReads store) {
    this.store = store;
  }

  /**
   * Searches profiles merged under the named policy. Default: the store's default policy.
   *
   * @throws IllegalArgumentException if the store has no policy with that id
   */
  public ProfileSearch policy(String id) {
    Objects.requireNonNull(id, "id");
    store.policy(id);
    this.policyId = id;
    return this;
  }

  /** Adds a condition that must hold. */
  public ProfileSearch where(Condition condition) {
    conditions.add(Objects.requireNonNull(condition, "condition"));
    return this;
  }

  /** Starts a condition on the merged value at a leaf attribute path. */
  public Where where(String path) {
    AttributeValues.path(path, "path");
    return new Where(path);
  }

  /** Sorts by the merged value at {@code path}, ascending, missing values last. Default: id. */
  public ProfileSearch sortBy(String path) {
    this.sortPath = AttributeValues.path(path, "sortBy");
    this.descending = false;
    return this;
  }

  /** Sorts by the merged value at {@code path}, descending, missing values last. */
  public ProfileSearch sortByDescending(String path) {
    this.sortPath = AttributeValues.path(path, "sortByDescending");
    this.descending = true;
    return this;
  }

  /** Sets the page size, 1 to {@value #MAX_LIMIT}. Default: 20. */
  public ProfileSearch limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
    this.limit = limit;
    return this;
  }

  /** Continues after a page: pass {@link SearchPage#nextCursor()}. Default: the first page. */
  public ProfileSearch after(String cursor) {
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    SearchCursor.decode(cursor);
    return this;
  }

  /** Returns the first page of matching profiles. */
  public SearchPage fetchPage() {
    return store.search(this);
  }

  /** Returns the matching profiles of the first page. */
  public List<Profile> fetch() {
    return fetchPage().profiles();
  }

  /** Counts every matching profile. */
  public long count() {
    return store.count(this);
  }

  /** Says how the search runs: which profiles it evaluates and how. */
  public String explain() {
    return store.explain(this);
  }

  /** A condition on one attribute path being built; each method adds it and returns the search. */
  public final class Where {
    private final String path;

    private Where(String path) {
      this.path = path;
    }

    /** The value equals {@code value}. */
    public ProfileSearch eq(Object value) {
      return where(Condition.eq(path, value));
    }

    /** The value exists and differs from {@code value}. */
    public ProfileSearch ne(Object value) {
      return where(Condition.ne(path, value));
    }

    /** The value equals one of {@code values}. */
    public ProfileSearch in(Object... values) {
      return where(Condition.in(path, values));
    }

    /** The value is below {@code value}. */
    public ProfileSearch lt(Object value) {
      return where(Condition.lt(path, value));
    }

    /** The value is at most {@code value}. */
    public ProfileSearch le(Object value) {
      return where(Condition.le(path, value));
    }

    /** The value is above {@code value}. */
    public ProfileSearch gt(Object value) {
      return where(Condition.gt(path, value));
    }

    /** The value is at least {@code value}. */
    public ProfileSearch ge(Object value) {
      return where(Condition.ge(path, value));
    }

    /** The value lies in {@code [low, high]}. */
    public ProfileSearch between(Object low, Object high) {
      return where(Condition.between(path, low, high));
    }

    /** The instant value lies in {@code [from, to]}. */
    public ProfileSearch between(Instant from, Instant to) {
      return where(Condition.between(path, from, to));
    }

    /** There is a value. */
    public ProfileSearch exists() {
      return where(Condition.exists(path));
    }

    /** There is no value. */
    public ProfileSearch missing() {
      return where(Condition.missing(path));
    }

    /** The string value starts with {@code prefix}. */
    public ProfileSearch startsWith(String prefix) {
      return where(Condition.startsWith(path, prefix));
    }

    /** The array value holds {@code element}. */
    public ProfileSearch contains(Object element) {
      return where(Condition.contains(path, element));
    }
  }
}
