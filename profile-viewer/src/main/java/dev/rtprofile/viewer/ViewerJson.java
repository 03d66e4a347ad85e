package dev.rtprofile.viewer;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The viewer's own JSON (search results, overview, errors), next to the shapes profile-json writes:
 * store values become JSON the way profile-json writes them (instants as ISO-8601 strings) and
 * identities as {@code {"id", "namespace": {"code"}}}.
 */
final class ViewerJson {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ViewerJson() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** Reads JSON that profile-json wrote, to nest it in a larger document. */
  static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }

  static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** {@code {"id": value, "namespace": {"code": namespace}}}, the entities API's identity. */
  static ObjectNode identity(Identity identity) {
    ObjectNode node = object();
    node.put("id", identity.value());
    node.putObject("namespace").put("code", identity.namespace());
    return node;
  }

  /** A stored attribute value as JSON. */
  static JsonNode value(@Nullable Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
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
    if (value instanceof Number n) {
      return NODES.numberNode(new BigDecimal(n.toString()));
    }
    if (value instanceof Instant t) {
      return NODES.stringNode(t.toString());
    }
    if (value instanceof List<?> list) {
      ArrayNode array = array();
      list.forEach(item -> array.add(value(item)));
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = object();
      map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
      return object;
    }
    return NODES.stringNode(value.toString());
  }

  /** {@code {"error": {"status", "code", "parameter", "message"}}}. */
  static String error(int status, String code, @Nullable String parameter, String message) {
    ObjectNode root = object();
    ObjectNode error = root.putObject("error");
    error.put("status", status);
    error.put("code", code);
    if (parameter == null) {
      error.putNull("parameter");
    } else {
      error.put("parameter", parameter);
    }
    error.put("message", message);
    return write(root);
  }
}
