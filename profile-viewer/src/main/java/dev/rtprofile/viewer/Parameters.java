package dev.rtprofile.viewer;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of one API request (the {@value ViewerHandler#QUERY_HEADER} header, URL-encoded
 * like a query string), decoded and checked: each endpoint names the parameters it takes and their
 * largest length, so that an unknown, repeated or oversized parameter is refused with a message
 * naming it before anything else runs.
 */
final class Parameters {
  /** The name the access token goes by in errors. */
  static final String TOKEN = "token";

  private final String endpoint;
  private final Map<String, String> values;

  private Parameters(String endpoint, Map<String, String> values) {
    this.endpoint = endpoint;
    this.values = values;
  }

  /**
   * Decodes the raw parameters for {@code endpoint}, which takes the parameters of {@code allowed}
   * (name to the most characters its value may have).
   *
   * @throws ApiException if the query is not URL-encoded, names a parameter twice or one the
   *     endpoint does not take, or a value is longer than allowed
   */
  static Parameters parse(
      String endpoint, @Nullable String rawQuery, Map<String, Integer> allowed) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&", -1)) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
        Integer max = allowed.get(name);
        if (max == null) {
          throw ApiException.badParameter(
              name,
              name
                  + " is not a parameter of "
                  + endpoint
                  + "; it takes "
                  + new TreeSet<>(allowed.keySet())
                  + ", but was given '"
                  + abbreviate(name)
                  + "'");
        }
        if (value.length() > max) {
          throw ApiException.badParameter(
              name, name + " must be at most " + max + " characters, but was " + value.length());
        }
        if (values.putIfAbsent(name, value) != null) {
          throw ApiException.badParameter(
              name, name + " must be given once, but was given more than once");
        }
      }
    }
    return new Parameters(endpoint, values);
  }

  private static String decode(String raw, String what) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400,
          "bad_parameter",
          null,
          ViewerHandler.QUERY_HEADER + " must be URL-encoded, but " + what + " was not");
    }
  }

  /** The value, or null when absent; an empty value counts as absent. */
  @Nullable String get(String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  /** The value, which must be present. */
  String require(String name) {
    String value = get(name);
    if (value == null) {
      throw ApiException.badParameter(
          name, name + " is required by " + endpoint + ", but was absent");
    }
    return value;
  }

  /** Whether the parameter is present and not empty. */
  boolean has(String name) {
    return get(name) != null;
  }

  /** An integer within {@code [min, max]}, or {@code defaultValue} when absent. */
  int integer(String name, int min, int max, int defaultValue) {
    String value = get(name);
    if (value == null) {
      return defaultValue;
    }
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(
          name, name + " must be an integer, but was '" + abbreviate(value) + "'");
    }
    if (parsed < min || parsed > max) {
      throw ApiException.badParameter(
          name, name + " must be between " + min + " and " + max + ", but was " + parsed);
    }
    return parsed;
  }

  /** One of {@code choices}, or {@code defaultValue} when absent. */
  String choice(String name, Set<String> choices, String defaultValue) {
    String value = get(name);
    if (value == null) {
      return defaultValue;
    }
    if (!choices.contains(value)) {
      throw ApiException.badParameter(
          name,
          name
              + " must be one of "
              + new TreeSet<>(choices)
              + ", but was '"
              + abbreviate(value)
              + "'");
    }
    return value;
  }

  /** The names given, for building links that repeat them. */
  Map<String, String> asMap() {
    return values;
  }

  /** Cuts a value echoed in a message to a readable length. */
  static String abbreviate(String value) {
    return value.length() <= 64 ? value : value.substring(0, 61) + "...";
  }
}
