package dev.rtprofile.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonPointer;

/**
 * A declarative mapping from data that is not XDM (arbitrary JSON objects, or CSV rows, whose
 * columns are the fields of a flat object) to records and events: JSON Pointers ({@code
 * /customer/email}; for CSV {@code /email}, the column name, {@code ~1} for a {@code /} in it) name
 * where each identity, attribute, timestamp, event id and event type is found.
 *
 * <pre>{@code
 * FieldMapping crm = FieldMapping.builder()
 *     .primaryIdentity("/customer_id", "CRMID")
 *     .identity("/email", "Email")
 *     .attribute("/first_name", "person.name.firstName")
 *     .attribute("/points", "loyalty.points", ValueType.LONG)
 *     .customTimestamp("/updated_at")
 *     .build();
 * json.mapping(crm).ingestCsvRecords(store, "crm", in);
 * }</pre>
 *
 * <p>An absent field, a JSON null and an empty string are no value. Immutable and thread-safe.
 */
public final class FieldMapping {
  /** One mapped identity. */
  record IdentityField(JsonPointer pointer, String source, String namespace, boolean primary) {}

  /** One mapped attribute. */
  record AttributeField(JsonPointer pointer, String source, String path, ValueType type) {}

  /** One mapped scalar (timestamp, event id or type). */
  record Field(JsonPointer pointer, String source) {}

  private final List<IdentityField> identities;
  private final List<AttributeField> attributes;
  private final @Nullable Field customTimestamp;
  private final @Nullable Field timestamp;
  private final @Nullable Field eventId;
  private final @Nullable Field eventType;

  private FieldMapping(Builder b) {
    this.identities = List.copyOf(b.identities);
    this.attributes = List.copyOf(b.attributes);
    this.customTimestamp = b.customTimestamp;
    this.timestamp = b.timestamp;
    this.eventId = b.eventId;
    this.eventType = b.eventType;
  }

  /** Returns an empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  List<IdentityField> identities() {
    return identities;
  }

  List<AttributeField> attributes() {
    return attributes;
  }

  @Nullable Field customTimestamp() {
    return customTimestamp;
  }

  @Nullable Field timestamp() {
    return timestamp;
  }

  @Nullable Field eventId() {
    return eventId;
  }

  @Nullable Field eventType() {
    return eventType;
  }

  /**
   * Whether this mapping reads events: it maps an event id or an event timestamp, which only events
   * have. (Reading events through a mapping that lacks the other fails on each line, naming it.)
   */
  public boolean readsEvents() {
    return eventId != null || timestamp != null;
  }

  /** Lists the mapped sources and targets, such as {@code FieldMapping[/email->Email, …]}. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    identities.forEach(
        i -> parts.add(i.source() + "->" + i.namespace() + (i.primary() ? " (primary)" : "")));
    attributes.forEach(a -> parts.add(a.source() + "->" + a.path() + " " + a.type()));
    if (customTimestamp != null) {
      parts.add(customTimestamp.source() + "->customTimestamp");
    }
    if (timestamp != null) {
      parts.add(timestamp.source() + "->timestamp");
    }
    if (eventId != null) {
      parts.add(eventId.source() + "->eventId");
    }
    if (eventType != null) {
      parts.add(eventType.source() + "->eventType");
    }
    return "FieldMapping" + parts;
  }

  /**
   * Builds a {@link FieldMapping}. Setters validate at once; {@code build()} checks that at least
   * one identity is mapped. Not thread-safe; {@code build()} may be called again.
   */
  public static final class Builder {
    private final List<IdentityField> identities = new ArrayList<>();
    private final List<AttributeField> attributes = new ArrayList<>();
    private @Nullable Field customTimestamp;
    private @Nullable Field timestamp;
    private @Nullable Field eventId;
    private @Nullable Field eventType;

    private Builder() {}

    /** Maps the field at {@code pointer} to an identity of {@code namespace}. Default: none. */
    public Builder identity(String pointer, String namespace) {
      return addIdentity(pointer, namespace, false);
    }

    /**
     * Maps the field at {@code pointer} to the primary identity, of {@code namespace}. Default:
     * none; the store then picks the primary (the only identity, or by namespace priority).
     *
     * @throws IllegalStateException if a primary identity is mapped already
     */
    public Builder primaryIdentity(String pointer, String namespace) {
      for (IdentityField f : identities) {
        if (f.primary()) {
          throw new IllegalStateException(
              "primaryIdentity was already mapped from "
                  + f.source()
                  + "; map this one with identity(...)");
        }
      }
      return addIdentity(pointer, namespace, true);
    }

    private Builder addIdentity(String pointer, String namespace, boolean primary) {
      Objects.requireNonNull(namespace, "namespace");
      if (namespace.isBlank()) {
        throw new IllegalArgumentException(
            "namespace must not be blank, but was '" + namespace + "'");
      }
      identities.add(new IdentityField(compile(pointer), pointer, namespace, primary));
      return this;
    }

    /** Maps the field at {@code pointer} to the attribute {@code path}, as is. Default: none. */
    public Builder attribute(String pointer, String path) {
      return attribute(pointer, path, ValueType.AS_IS);
    }

    /**
     * Maps the field at {@code pointer} to the attribute {@code path}, converted to {@code type}.
     * Default: none.
     *
     * @throws IllegalArgumentException if the path is not dot-separated non-empty segments
     */
    public Builder attribute(String pointer, String path, ValueType type) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
      if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
        throw new IllegalArgumentException(
            "path must be dot-separated non-empty segments, but was '" + path + "'");
      }
      attributes.add(new AttributeField(compile(pointer), pointer, path, type));
      return this;
    }

    /**
     * Maps a record's custom timestamp (ISO-8601 with an offset, or epoch milliseconds). Default:
     * none.
     */
    public Builder customTimestamp(String pointer) {
      this.customTimestamp = new Field(compile(pointer), pointer);
      return this;
    }

    /**
     * Maps an event's timestamp (ISO-8601 with an offset, or epoch milliseconds), required for
     * events. Default: none.
     */
    public Builder timestamp(String pointer) {
      this.timestamp = new Field(compile(pointer), pointer);
      return this;
    }

    /** Maps an event's id, required for events. Default: none. */
    public Builder eventId(String pointer) {
      this.eventId = new Field(compile(pointer), pointer);
      return this;
    }

    /** Maps an event's type. Default: none, an empty type. */
    public Builder eventType(String pointer) {
      this.eventType = new Field(compile(pointer), pointer);
      return this;
    }

    /**
     * Returns the mapping; the builder can be used again.
     *
     * @throws IllegalStateException if no identity is mapped
     */
    public FieldMapping build() {
      if (identities.isEmpty()) {
        throw new IllegalStateException(
            "identity or primaryIdentity must be called at least once: records and events need"
                + " an identity");
      }
      return new FieldMapping(this);
    }

    private static JsonPointer compile(String pointer) {
      Objects.requireNonNull(pointer, "pointer");
      if (pointer.isEmpty()) {
        throw new IllegalArgumentException(
            "pointer must be a JSON Pointer to a field, such as /email, but was ''");
      }
      try {
        return JsonPointer.compile(pointer);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "pointer must be a JSON Pointer, such as /email, but was '" + pointer + "'", e);
      }
    }
  }
}
