package dev.rtprofile.viewer;

import dev.rtprofile.identity.Identity;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The viewer's own JSON (search results, overview, errors), next to the shapes profile-json writes:
 * identities as {@code {"id", "namespace": {"code"}}}; store values are written by profile-json's
 * {@link dev.rtprofile.json.ProfileJson#writeValue} and embedded as they are.
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
