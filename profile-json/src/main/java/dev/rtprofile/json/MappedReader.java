package dev.rtprofile.json;

import dev.rtprofile.store.Event;
import dev.rtprofile.store.Record;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Applies a {@link FieldMapping} to one JSON object (a parsed JSON document or a CSV row). Every
 * problem is an {@link InvalidJsonException}. Immutable and thread-safe.
 */
final class MappedReader {
  private final FieldMapping mapping;
  private final @Nullable Clock ingestionTime;

  MappedReader(FieldMapping mapping, @Nullable Clock ingestionTime) {
    this.mapping = mapping;
    this.ingestionTime = ingestionTime;
  }

  Record record(String dataset, JsonNode root) {
    requireObject(root);
    Record.Builder b = Record.builder(dataset);
    for (FieldMapping.IdentityField f : mapping.identities()) {
      String value = identity(root, f);
      if (value != null) {
        if (f.primary()) {
          b.primary(f.namespace(), value);
        } else {
          b.identity(f.namespace(), value);
        }
      }
    }
    FieldMapping.Field custom = mapping.customTimestamp();
    JsonNode customNode = custom == null ? null : present(root.at(custom.pointer()));
    if (custom != null && customNode != null) {
      b.customTimestamp(time(customNode, custom.source()));
    }
    if (ingestionTime != null) {
      b.timestamp(ingestionTime.millis());
    }
    attributes(root, b::attribute);
    return b.build();
  }

  Event event(String dataset, JsonNode root) {
    requireObject(root);
    FieldMapping.Field idField = mapping.eventId();
    JsonNode idNode = idField == null ? null : present(root.at(idField.pointer()));
    if (idField == null || idNode == null) {
      throw new InvalidJsonException(
          InputProblem.MISSING_ID,
          idField == null
              ? "eventId must be mapped to read events"
              : idField.source() + " must hold the event id");
    }
    String id = text(idNode, idField.source());
    if (id.isBlank()) {
      throw new InvalidJsonException(
          InputProblem.MISSING_ID, idField.source() + " must not be blank");
    }
    FieldMapping.Field tsField = mapping.timestamp();
    JsonNode tsNode = tsField == null ? null : present(root.at(tsField.pointer()));
    if (tsField == null || tsNode == null) {
      throw new InvalidJsonException(
          InputProblem.MISSING_TIMESTAMP,
          tsField == null
              ? "timestamp must be mapped to read events"
              : tsField.source() + " must hold the event timestamp");
    }
    Event.Builder b = Event.builder(dataset, id).timestamp(time(tsNode, tsField.source()));
    FieldMapping.Field typeField = mapping.eventType();
    JsonNode typeNode = typeField == null ? null : present(root.at(typeField.pointer()));
    if (typeField != null && typeNode != null) {
      b.eventType(text(typeNode, typeField.source()));
    }
    for (FieldMapping.IdentityField f : mapping.identities()) {
      String value = identity(root, f);
      if (value != null) {
        if (f.primary()) {
          b.primary(f.namespace(), value);
        } else {
          b.identity(f.namespace(), value);
        }
      }
    }
    attributes(root, b::attribute);
    return b.build();
  }

  private interface AttributeSink {
    void put(String path, Object value);
  }

  private void attributes(JsonNode root, AttributeSink sink) {
    for (FieldMapping.AttributeField f : mapping.attributes()) {
      JsonNode node = present(root.at(f.pointer()));
      if (node == null) {
        continue;
      }
      Object value = f.type().convert(node, f.source());
      if (value instanceof Map<?, ?> map && map.isEmpty()) {
        continue;
      }
      try {
        sink.put(f.path(), value);
      } catch (IllegalArgumentException e) {
        throw new InvalidJsonException(
            InputProblem.INVALID_ATTRIBUTE, XdmReader.detail(e.getMessage()));
      }
    }
  }

  private static @Nullable String identity(JsonNode root, FieldMapping.IdentityField f) {
    JsonNode node = present(root.at(f.pointer()));
    return node == null ? null : text(node, f.source());
  }

  /** The node, or null when it is missing, JSON null or an empty string: no value. */
  private static @Nullable JsonNode present(JsonNode node) {
    if (node.isMissingNode()
        || node.isNull()
        || (node.isString() && node.stringValue().isEmpty())) {
      return null;
    }
    return node;
  }

  /** A string, or a whole number as its text (ids are often numeric). */
  private static String text(JsonNode node, String source) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isIntegralNumber()) {
      return node.asString();
    }
    throw new InvalidJsonException(
        InputProblem.WRONG_TYPE, source + " must be a string, but was " + Json.describe(node));
  }

  /** A timestamp: ISO-8601 text with an offset, or whole epoch milliseconds as a number or text. */
  static long time(JsonNode node, String source) {
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new InvalidJsonException(
            InputProblem.BAD_TIMESTAMP, source + " must fit epoch milliseconds, but does not");
      }
      return node.longValue();
    }
    if (!node.isString()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE,
          source + " must be a timestamp string or number, but was " + Json.describe(node));
    }
    String text = node.stringValue().trim();
    if (!text.isEmpty() && text.length() <= 19 && text.chars().allMatch(Character::isDigit)) {
      return Long.parseLong(text);
    }
    return Timestamps.parse(text, source);
  }

  /** A JSON value as a stored value: objects as maps, arrays as lists, no nulls in arrays. */
  static Object plain(JsonNode node, String source) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
    }
    if (node.isNumber()) {
      double d = node.doubleValue();
      if (!Double.isFinite(d)) {
        throw new InvalidJsonException(
            InputProblem.NUMBER_OUT_OF_RANGE,
            "the number at " + source + " is beyond the range of a double");
      }
      return d;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        if (item.isNull()) {
          throw new InvalidJsonException(
              InputProblem.INVALID_ATTRIBUTE, "the array at " + source + " must not hold null");
        }
        list.add(plain(item, source));
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), plain(e.getValue(), source + "/" + e.getKey()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    throw new InvalidJsonException(
        InputProblem.WRONG_TYPE, source + " must not be " + Json.describe(node));
  }

  private static void requireObject(JsonNode root) {
    if (!root.isObject()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE,
          "the input must be a JSON object, but was " + Json.describe(root));
    }
  }
}
