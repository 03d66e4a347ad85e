package dev.rtprofile.json;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Converts between stored attribute values and JSON trees. */
final class JsonValues {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonValues() {}

  /** A stored value as JSON: instants as ISO-8601 strings, lists as arrays, maps as objects. */
  static JsonNode toJson(Object value) {
    if (value instanceof String s) {
      return NODES.stringNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Integer i) {
      return NODES.numberNode(i.longValue());
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Number n) {
      return NODES.numberNode(n.doubleValue());
    }
    if (value instanceof Instant t) {
      return NODES.stringNode(t.toString());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode();
      for (Object item : list) {
        array.add(toJson(item));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        object.set(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return object;
    }
    return NODES.stringNode(String.valueOf(value));
  }

  /**
   * A JSON value as a stored value: integral numbers as Long (BigDecimal beyond), other numbers as
   * Double or BigDecimal, arrays as lists, objects as maps, null as null.
   */
  static Object fromJson(JsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.canConvertToLong() ? (Object) node.longValue() : node.decimalValue();
    }
    if (node.isBigDecimal()) {
      return node.decimalValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode item : node) {
        list.add(fromJson(item));
      }
      return Collections.unmodifiableList(list);
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), fromJson(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    throw new InvalidJsonException(
        InputProblem.WRONG_TYPE, "a value must not be " + node.getNodeType());
  }

  /**
   * Writes flat leaf paths into {@code into} as nested objects, in the map's order; where a leaf
   * and an object share a path, the first one written is kept, as {@code Profile.nested()} does.
   */
  static void nest(Map<String, Object> flat, ObjectNode into) {
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      ObjectNode node = into;
      boolean blocked = false;
      for (int i = 0; i < parts.length - 1 && !blocked; i++) {
        JsonNode child = node.get(parts[i]);
        if (child == null) {
          node = node.putObject(parts[i]);
        } else if (child instanceof ObjectNode inner) {
          node = inner;
        } else {
          blocked = true;
        }
      }
      String last = parts[parts.length - 1];
      if (!blocked && !node.has(last)) {
        node.set(last, toJson(e.getValue()));
      }
    }
  }

  /** An identity as {@code {"id": …, "namespace": {"code": …}}}. */
  static ObjectNode identity(Identity identity) {
    ObjectNode node = NODES.objectNode();
    node.put("id", identity.value());
    node.putObject("namespace").put("code", identity.namespace());
    return node;
  }

  /** Reads {@code {"id": …, "namespace": {"code": …}}}. */
  static Identity identity(JsonNode node, String field) {
    Json.requireObject(node, field);
    String id = Json.requiredString(node, "id", field + ".id");
    JsonNode namespace = node.get("namespace");
    Json.requireObject(namespace, field + ".namespace");
    String code = Json.requiredString(namespace, "code", field + ".namespace.code");
    if (code.isBlank()) {
      throw new InvalidJsonException(
          InputProblem.INVALID_IDENTITY, field + ".namespace.code must not be blank");
    }
    return Identity.of(code, id);
  }
}
