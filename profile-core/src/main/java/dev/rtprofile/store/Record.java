package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.EpochMillis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A profile record: what one dataset says about one person at one time, under its identities.
 *
 * <p>Records with the same dataset and primary identity update the same fragment. The custom
 * timestamp ({@code extSourceSystemAudit.lastUpdatedDate} in XDM terms), when present, wins over
 * the ingestion timestamp for ordering. Immutable; build with {@link #builder(String)}.
 */
public final class Record {
  private final String dataset;
  private final List<IdentityRef> identities;
  private final @Nullable Long timestamp;
  private final @Nullable Long customTimestamp;

  /** The leaves in the order set, each path once: what the store reads. */
  private final Leaves leaves;

  /** {@link #flat} sorted by path, made on the first call of {@link #attributes()}. */
  private volatile @Nullable Map<String, Object> sorted;

  private final Set<String> removals;

  private Record(Builder b) {
    this.dataset = b.dataset;
    this.identities = List.copyOf(b.identities);
    this.timestamp = b.timestamp;
    this.customTimestamp = b.customTimestamp;
    // Shared with the builder until it next changes (it copies then): records are built once.
    this.leaves = b.leaves;
    this.removals =
        b.removals.isEmpty() ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(b.removals));
  }

  /** Returns a builder for a record of {@code dataset}. */
  public static Builder builder(String dataset) {
    return new Builder(dataset);
  }

  /** The dataset the record belongs to. */
  public String dataset() {
    return dataset;
  }

  /** The identities, in the order added. */
  public List<IdentityRef> identities() {
    return identities;
  }

  /** The ingestion timestamp in epoch milliseconds, if set; the store's clock fills it in. */
  public OptionalLong timestamp() {
    return timestamp == null ? OptionalLong.empty() : OptionalLong.of(timestamp);
  }

  /** The custom timestamp in epoch milliseconds, if set; it wins for ordering. */
  public OptionalLong customTimestamp() {
    return customTimestamp == null ? OptionalLong.empty() : OptionalLong.of(customTimestamp);
  }

  /** The attributes as leaf paths (dot-separated) to values, sorted by path. */
  public Map<String, Object> attributes() {
    Map<String, Object> view = sorted;
    if (view == null) {
      view = LeafMap.of(leaves);
      sorted = view;
    }
    return view;
  }

  /** The leaves in the order set, each path once; the store reads them without sorting. */
  Leaves leaves() {
    return leaves;
  }

  /** The paths this record removes (upsert datasets only), sorted. */
  public Set<String> removals() {
    return removals;
  }

  /** Names the dataset and counts; identity values are personal data. */
  @Override
  public String toString() {
    return "Record["
        + dataset
        + ", "
        + identities.size()
        + " identities, "
        + leaves.size
        + " attributes]";
  }

  /** Builds a {@link Record}; not thread-safe. */
  public static final class Builder {
    private final String dataset;
    private final List<IdentityRef> identities = new ArrayList<>();
    private @Nullable Long timestamp;
    private @Nullable Long customTimestamp;
    private Leaves leaves = new Leaves(32);

    /** Whether a built record holds {@link #leaves}: the next change copies them first. */
    private boolean shared;

    private final Set<String> removals = new TreeSet<>();

    private Builder(String dataset) {
      Objects.requireNonNull(dataset, "dataset");
      if (dataset.isBlank()) {
        throw new IllegalArgumentException("dataset must not be blank, but was '" + dataset + "'");
      }
      this.dataset = dataset;
    }

    /** Adds the primary identity; at most one. */
    public Builder primary(String namespace, String value) {
      return primary(Identity.of(namespace, value));
    }

    /**
     * Adds the primary identity; at most one.
     *
     * @throws IllegalStateException if a primary identity was added already
     */
    public Builder primary(Identity identity) {
      for (IdentityRef ref : identities) {
        if (ref.primary()) {
          throw new IllegalStateException(
              "primary was already set; a record has at most one primary identity, add this one"
                  + " with identity(...)");
        }
      }
      identities.add(new IdentityRef(identity, true));
      return this;
    }

    /** Adds a further identity. */
    public Builder identity(String namespace, String value) {
      return identity(Identity.of(namespace, value));
    }

    /** Adds a further identity. */
    public Builder identity(Identity identity) {
      identities.add(new IdentityRef(identity, false));
      return this;
    }

    /** Sets the ingestion timestamp. Default: the store's clock when ingested. */
    public Builder timestamp(long epochMillis) {
      this.timestamp = epochMillis;
      return this;
    }

    /**
     * Sets the ingestion timestamp. Default: the store's clock when ingested.
     *
     * @throws IllegalArgumentException if the instant is beyond what epoch milliseconds hold
     */
    public Builder timestamp(Instant instant) {
      return timestamp(EpochMillis.of(Objects.requireNonNull(instant, "instant"), "timestamp"));
    }

    /** Sets the custom timestamp, which wins over the ingestion timestamp. Default: none. */
    public Builder customTimestamp(long epochMillis) {
      this.customTimestamp = epochMillis;
      return this;
    }

    /**
     * Sets the custom timestamp, which wins over the ingestion timestamp. Default: none.
     *
     * @throws IllegalArgumentException if the instant is beyond what epoch milliseconds hold
     */
    public Builder customTimestamp(Instant instant) {
      return customTimestamp(
          EpochMillis.of(Objects.requireNonNull(instant, "instant"), "customTimestamp"));
    }

    /**
     * Sets one attribute by dot-separated path, such as {@code person.name.firstName}; a map value
     * is flattened into paths below it.
     */
    public Builder attribute(String path, Object value) {
      own();
      int mark = leaves.size;
      leaves.set(path, value);
      return setRemoved(mark);
    }

    /** Adds nested attributes: maps become dot-separated paths. */
    public Builder attributes(Map<String, ?> nested) {
      Objects.requireNonNull(nested, "nested");
      own();
      int mark = leaves.size;
      leaves.setAll("", nested);
      return setRemoved(mark);
    }

    /** A path set after its removal is no longer removed. */
    private Builder setRemoved(int mark) {
      if (!removals.isEmpty()) {
        for (int i = mark; i < leaves.size; i++) {
          removals.remove(leaves.paths[i]);
        }
      }
      return this;
    }

    private void own() {
      if (shared) {
        leaves = leaves.copy();
        shared = false;
      }
    }

    /**
     * Removes an attribute path from the fragment: in an upsert dataset a timestamped tombstone; a
     * replace dataset replaces the whole record anyway.
     */
    public Builder remove(String path) {
      AttributeValues.path(path, "path");
      own();
      leaves.remove(path);
      removals.add(path);
      return this;
    }

    /** The leaves a replay adds to directly: values already in stored form, each path once. */
    Leaves leavesForRestore() {
      own();
      return leaves;
    }

    /** Returns the record; the builder can be used again. */
    public Record build() {
      leaves.resolve();
      shared = true;
      return new Record(this);
    }
  }
}
