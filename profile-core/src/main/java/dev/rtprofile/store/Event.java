package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.EpochMillis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * An experience event: something that happened at a time, under the identities it carries. Events
 * are immutable and never merged; the same {@code (dataset, id)} is kept once. Build with {@link
 * #builder(String, String)}.
 */
public final class Event {
  private final String dataset;
  private final String id;
  private final long timestamp;
  private final String eventType;
  private final List<IdentityRef> identities;
  private final LeafMap attributes;

  private Event(Event e, List<IdentityRef> identities, LeafMap attributes) {
    this.dataset = e.dataset;
    this.id = e.id;
    this.timestamp = e.timestamp;
    this.eventType = e.eventType;
    this.identities = List.copyOf(identities);
    this.attributes = attributes;
  }

  /** Returns this event without the identities {@code drop} selects. */
  Event without(Predicate<Identity> drop) {
    List<IdentityRef> kept = new ArrayList<>();
    for (IdentityRef ref : identities) {
      if (!drop.test(ref.identity())) {
        kept.add(ref);
      }
    }
    return kept.size() == identities.size() ? this : new Event(this, kept, attributes);
  }

  /** Returns this event without the string attribute values {@code erased} selects. */
  Event withoutValues(Predicate<String> erased) {
    LeafMap kept = attributes.withoutValues(erased);
    return kept == attributes ? this : new Event(this, identities, kept);
  }

  /**
   * The canonical order of two events with the same dataset and id, independent of arrival: by
   * timestamp, then event type, then attributes (path by path), then identities as sent; the
   * greater one is kept.
   */
  int compareContent(Event other) {
    int c = Long.compare(timestamp, other.timestamp);
    if (c == 0) {
      c = eventType.compareTo(other.eventType);
    }
    if (c == 0) {
      c = attributes.compareContent(other.attributes);
    }
    for (int i = 0; c == 0 && i < Math.min(identities.size(), other.identities.size()); i++) {
      IdentityRef x = identities.get(i);
      IdentityRef y = other.identities.get(i);
      c = Identity.canonicalOrder().compare(x.identity(), y.identity());
      if (c == 0) {
        c = Boolean.compare(x.primary(), y.primary());
      }
    }
    return c != 0 ? c : Integer.compare(identities.size(), other.identities.size());
  }

  private Event(Builder b, long timestamp) {
    this.dataset = b.dataset;
    this.id = b.id;
    this.timestamp = timestamp;
    this.eventType = b.eventType;
    this.identities = List.copyOf(b.identities);
    b.leaves.resolve();
    this.attributes = LeafMap.of(b.leaves);
  }

  /** Returns a builder for the event {@code id} of {@code dataset}. */
  public static Builder builder(String dataset, String id) {
    return new Builder(dataset, id);
  }

  /** The dataset the event belongs to. */
  public String dataset() {
    return dataset;
  }

  /** The event id, unique within its dataset. */
  public String id() {
    return id;
  }

  /** When the event happened, epoch milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The event type, such as {@code web.webpagedetails.pageViews}; empty if none. */
  public String eventType() {
    return eventType;
  }

  /** The identities, in the order added. */
  public List<IdentityRef> identities() {
    return identities;
  }

  /** The attributes as leaf paths to values, sorted by path; unmodifiable. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** The attributes as the store sizes them. */
  LeafMap leafMap() {
    return attributes;
  }

  /** Names the dataset, type and counts; identity values are personal data. */
  @Override
  public String toString() {
    return "Event[" + dataset + ", " + eventType + ", " + identities.size() + " identities]";
  }

  /** Builds an {@link Event}; not thread-safe. */
  public static final class Builder {
    private final String dataset;
    private final String id;
    private @Nullable Long timestamp;
    private String eventType = "";
    private final List<IdentityRef> identities = new ArrayList<>();
    private final Leaves leaves = new Leaves(16);

    private Builder(String dataset, String id) {
      Objects.requireNonNull(dataset, "dataset");
      Objects.requireNonNull(id, "id");
      if (dataset.isBlank()) {
        throw new IllegalArgumentException("dataset must not be blank, but was '" + dataset + "'");
      }
      if (id.isBlank()) {
        throw new IllegalArgumentException("id must not be blank, but was '" + id + "'");
      }
      this.dataset = dataset;
      this.id = id;
    }

    /** Sets when the event happened; required. */
    public Builder timestamp(long epochMillis) {
      this.timestamp = epochMillis;
      return this;
    }

    /**
     * Sets when the event happened; required.
     *
     * @throws IllegalArgumentException if the instant is beyond what epoch milliseconds hold
     */
    public Builder timestamp(Instant instant) {
      return timestamp(EpochMillis.of(Objects.requireNonNull(instant, "instant"), "timestamp"));
    }

    /** Sets the event type. Default: empty. */
    public Builder eventType(String eventType) {
      this.eventType = Objects.requireNonNull(eventType, "eventType");
      return this;
    }

    /**
     * Adds an identity marked primary; for events a configured namespace priority wins over the
     * mark, as in AEP.
     */
    public Builder primary(String namespace, String value) {
      identities.add(new IdentityRef(Identity.of(namespace, value), true));
      return this;
    }

    /** Adds an identity. */
    public Builder identity(String namespace, String value) {
      identities.add(new IdentityRef(Identity.of(namespace, value), false));
      return this;
    }

    /** Adds an identity. */
    public Builder identity(Identity identity) {
      identities.add(new IdentityRef(identity, false));
      return this;
    }

    /** Sets one attribute by dot-separated path; a map value is flattened below it. */
    public Builder attribute(String path, Object value) {
      leaves.set(path, value);
      return this;
    }

    /** Adds nested attributes: maps become dot-separated paths. */
    public Builder attributes(Map<String, ?> nested) {
      Objects.requireNonNull(nested, "nested");
      leaves.setAll("", nested);
      return this;
    }

    /** The leaves a replay adds to directly: values already in stored form, each path once. */
    Leaves leavesForRestore() {
      return leaves;
    }

    /**
     * Returns the event; the builder can be used again.
     *
     * @throws IllegalStateException if no timestamp was set
     */
    public Event build() {
      if (timestamp == null) {
        throw new IllegalStateException("timestamp must be set: an event needs to say when");
      }
      return new Event(this, timestamp);
    }
  }
}
