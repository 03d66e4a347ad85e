package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.EpochMillis;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query of a profile's events being set up: time window, order, page size, cursor, event types
 * and the merge policy whose stitching decides whose events count. Not thread-safe.
 */
public final class EventQuery {
  /** The most events one page may hold. */
  public static final int MAX_LIMIT = 10_000;

  private final StoreReads store;
  final Identity identity;
  long from = Long.MIN_VALUE;
  long to = Long.MAX_VALUE;
  boolean newestFirst;
  int limit = 100;
  @Nullable String cursor;
  @Nullable Set<String> eventTypes;
  @Nullable String policyId;

  EventQuery(StoreReads store, Identity identity) {
    this.store = store;
    this.identity = identity;
  }

  /**
   * Keeps events with {@code from <= timestamp < to}. Default: all time.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}, or either is beyond what
   *     epoch milliseconds hold (about 292 million years from 1970, so not {@link Instant#MAX})
   */
  public EventQuery between(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException(
          "between must have from <= to, but was " + from + " > " + to);
    }
    return between(EpochMillis.of(from, "between's from"), EpochMillis.of(to, "between's to"));
  }

  /** Keeps events with {@code from <= timestamp < to}, epoch milliseconds. Default: all time. */
  public EventQuery between(long fromMillis, long toMillis) {
    if (toMillis < fromMillis) {
      throw new IllegalArgumentException(
          "between must have from <= to, but was " + fromMillis + " > " + toMillis);
    }
    this.from = fromMillis;
    this.to = toMillis;
    return this;
  }

  /** Orders newest first. Default: oldest first (by timestamp, then id). */
  public EventQuery newestFirst() {
    this.newestFirst = true;
    return this;
  }

  /** Orders oldest first, the default. */
  public EventQuery oldestFirst() {
    this.newestFirst = false;
    return this;
  }

  /** Sets the page size, 1 to {@value #MAX_LIMIT}. Default: 100. */
  public EventQuery limit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", but was " + limit);
    }
    this.limit = limit;
    return this;
  }

  /** Continues after a page: pass {@link EventPage#nextCursor()}. Default: the first page. */
  public EventQuery after(String cursor) {
    this.cursor = Objects.requireNonNull(cursor, "cursor");
    EventLog.decode(cursor);
    return this;
  }

  /** Keeps only events of these types. Default: every type. */
  public EventQuery eventTypes(String... types) {
    Objects.requireNonNull(types, "types");
    for (String type : types) {
      Objects.requireNonNull(type, "types must not contain null");
    }
    this.eventTypes = Set.of(types);
    return this;
  }

  /**
   * Uses the named merge policy's stitching: the whole graph's events, or with {@code NONE} the
   * identity's own. Default: the store's default policy.
   */
  public EventQuery policy(String id) {
    Objects.requireNonNull(id, "id");
    store.policy(id);
    this.policyId = id;
    return this;
  }

  /** Runs the query. */
  public EventPage fetch() {
    return store.fetchEvents(this);
  }
}
