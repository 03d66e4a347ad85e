package dev.rtprofile.json;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;

/** Reading and writing JSON trees for the output shapes, with field checks that name the field. */
final class Json {
  private Json() {}

  /** Parses a document into a tree; syntax errors become {@link InvalidJsonException}s. */
  static JsonNode parse(ObjectMapper mapper, String json, String what) {
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new InvalidJsonException(InputProblem.MALFORMED_JSON, what + " must not be empty");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw new InvalidJsonException(
          InputProblem.LIMIT_EXCEEDED, XdmReader.detail(e.getOriginalMessage()));
    } catch (JacksonException e) {
      throw new InvalidJsonException(
          InputProblem.MALFORMED_JSON, what + ": " + XdmReader.detail(e.getOriginalMessage()));
    }
  }

  /**
   * Parses one document from bytes into a tree, after the UTF-8 check; syntax errors, trailing
   * content and limits become {@link InvalidJsonException}s.
   */
  static JsonNode parse(ObjectMapper mapper, byte[] bytes, int offset, int length) {
    XdmReader.screen(bytes, offset, length);
    try {
      JsonNode node = mapper.readTree(bytes, offset, length);
      if (node == null || node.isMissingNode()) {
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON, "the input holds no JSON value");
      }
      return node;
    } catch (StreamConstraintsException e) {
      throw new InvalidJsonException(
          InputProblem.LIMIT_EXCEEDED, XdmReader.detail(e.getOriginalMessage()));
    } catch (JacksonException e) {
      throw new InvalidJsonException(
          InputProblem.MALFORMED_JSON, XdmReader.detail(e.getOriginalMessage()));
    }
  }

  static void requireObject(@Nullable JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be an object, but was " + describe(node));
    }
  }

  static ArrayNode requireArray(@Nullable JsonNode node, String field) {
    if (node == null || !node.isArray()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be an array, but was " + describe(node));
    }
    return (ArrayNode) node;
  }

  static String requiredString(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isString()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be a string, but was " + describe(node));
    }
    return node.stringValue();
  }

  static @Nullable String optionalString(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    return requiredString(parent, name, field);
  }

  static long requiredTime(JsonNode parent, String name, String field) {
    return Timestamps.parse(requiredString(parent, name, field), field);
  }

  static long requiredLong(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isIntegralNumber()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be an integer, but was " + describe(node));
    }
    if (!node.canConvertToLong()) {
      throw new InvalidJsonException(
          InputProblem.NUMBER_OUT_OF_RANGE, field + " must fit a long, but was " + node);
    }
    return node.longValue();
  }

  static List<String> strings(JsonNode parent, String name, String field) {
    ArrayNode array = requireArray(parent.get(name), field);
    List<String> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isString()) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE,
            field + "[" + i + "] must be a string, but was " + describe(item));
      }
      out.add(item.stringValue());
    }
    return out;
  }

  static ArrayNode strings(List<String> values) {
    ArrayNode array = JsonValues.NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  static String describe(@Nullable JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "absent";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> node.getNodeType().name();
    };
  }
}
