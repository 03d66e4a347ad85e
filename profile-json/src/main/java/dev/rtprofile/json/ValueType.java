package dev.rtprofile.json;

import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The type a mapped attribute is stored as. CSV cells are always text, so a CSV mapping names the
 * type of each non-text column; JSON values keep their JSON type with {@link #AS_IS}.
 */
public enum ValueType {
  /** The JSON type as read: strings, numbers, booleans, arrays, objects (as nested attributes). */
  AS_IS,
  /** Text; a number or boolean becomes its JSON text. */
  STRING,
  /** A whole number that fits a {@code long}, from a JSON integer or its text. */
  LONG,
  /** A finite {@code double}, from a JSON number or its text. */
  DOUBLE,
  /** {@code true} or {@code false}, from a JSON boolean or its text in any case. */
  BOOLEAN,
  /** An instant, from ISO-8601 text with an offset or whole epoch milliseconds. */
  TIMESTAMP;

  /** Converts a JSON scalar; containers are handled by the caller for {@link #AS_IS}. */
  Object convert(JsonNode node, String source) {
    if (this == AS_IS || (this == STRING && node.isString())) {
      return node.isString() ? node.stringValue() : MappedReader.plain(node, source);
    }
    if (node.isContainer()) {
      throw wrong(source, node);
    }
    String text = node.isString() ? node.stringValue().trim() : node.asString();
    switch (this) {
      case STRING:
        return text;
      case LONG:
        if (node.isIntegralNumber() && !node.canConvertToLong()) {
          throw new InvalidJsonException(
              InputProblem.NUMBER_OUT_OF_RANGE, source + " must fit a long, but was " + text);
        }
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw wrong(source, node);
        }
      case DOUBLE:
        double d;
        try {
          d = node.isNumber() ? node.doubleValue() : Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw wrong(source, node);
        }
        if (!Double.isFinite(d)) {
          throw new InvalidJsonException(
              InputProblem.NUMBER_OUT_OF_RANGE,
              source + " must be a finite number, but was " + Timestamps.abbreviate(text));
        }
        return d;
      case BOOLEAN:
        String lower = text.toLowerCase(Locale.ROOT);
        if (node.isBoolean() || lower.equals("true") || lower.equals("false")) {
          return node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(lower);
        }
        throw wrong(source, node);
      case TIMESTAMP:
        return Instant.ofEpochMilli(MappedReader.time(node, source));
      default:
        throw new AssertionError(this);
    }
  }

  private InvalidJsonException wrong(String source, JsonNode node) {
    return new InvalidJsonException(
        InputProblem.WRONG_TYPE,
        source
            + " must be "
            + name().toLowerCase(Locale.ROOT)
            + ", but was "
            + (node.isContainer()
                ? Json.describe(node)
                : "'" + Timestamps.abbreviate(node.asString()) + "'"));
  }
}
