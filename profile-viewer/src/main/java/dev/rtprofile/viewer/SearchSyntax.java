package dev.rtprofile.viewer;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The language of the search box: either one identity, {@code NAMESPACE:value}, to look up, or
 * attribute conditions separated by spaces that must all hold, such as {@code loyalty.tier=gold
 * loyalty.points>=1000}.
 *
 * <p>Operators: {@code =}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code ^=}
 * (starts with) and {@code ~=} (the array contains); {@code path=*} means the attribute exists and
 * {@code path!=*} that it is missing. Values are typed as they read: {@code true} and {@code false}
 * are booleans, {@code 12} and {@code -1.5} numbers, {@code 2026-01-01T00:00:00Z} an instant, and
 * anything else a string; double quotes make a string of anything, spaces included ({@code
 * city="New York"}, {@code zip="01234"}).
 */
final class SearchSyntax {
  /** The most conditions one search may hold. */
  static final int MAX_CONDITIONS = 20;

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");
  private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d{1,3})?");
  private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T.*");
  private static final String OPERATOR_CHARS = "=!<>^~";

  /**
   * A parsed search: an identity to look up, or conditions (none for the browse sample).
   *
   * @param identity the identity to look up, or null for a search by conditions
   * @param conditions the conditions that must all hold
   * @param paths the attribute paths the conditions name, in order, without repeats
   */
  record Query(@Nullable Identity identity, List<Condition> conditions, List<String> paths) {}

  private SearchSyntax() {}

  /**
   * Parses the text of the search box.
   *
   * @throws ApiException naming the parameter {@code q} and the token at fault
   */
  static Query parse(String text) {
    String q = text.strip();
    if (q.isEmpty()) {
      return new Query(null, List.of(), List.of());
    }
    int colon = q.indexOf(':');
    int first = firstOperator(q);
    if (colon > 0
        && (first < 0 || first > colon)
        && NAMESPACE.matcher(q.substring(0, colon)).matches()) {
      return new Query(Identity.parse(q), List.of(), List.of());
    }
    List<String> tokens = tokens(q);
    if (tokens.size() > MAX_CONDITIONS) {
      throw bad("q must hold at most " + MAX_CONDITIONS + " conditions, but held " + tokens.size());
    }
    List<Condition> conditions = new ArrayList<>();
    LinkedHashSet<String> paths = new LinkedHashSet<>();
    for (String token : tokens) {
      int at = firstOperator(token);
      if (at < 0) {
        throw bad(
            "q must be NAMESPACE:value or conditions such as path=value (operators = != < <= >"
                + " >= ^= ~=), but '"
                + Parameters.abbreviate(token)
                + "' has no operator");
      }
      String path = token.substring(0, at);
      String op = operator(token, at);
      String raw = token.substring(at + op.length());
      if (path.isEmpty()) {
        throw bad(
            "q has a condition without an attribute path: '" + Parameters.abbreviate(token) + "'");
      }
      if (raw.isEmpty()) {
        throw bad("q has a condition without a value: '" + Parameters.abbreviate(token) + "'");
      }
      try {
        conditions.add(condition(path, op, raw));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw bad("q has a condition that makes no sense: " + e.getMessage());
      }
      paths.add(path);
    }
    return new Query(null, List.copyOf(conditions), List.copyOf(paths));
  }

  private static Condition condition(String path, String op, String raw) {
    boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
    if (!quoted && raw.equals("*")) {
      return switch (op) {
        case "=" -> Condition.exists(path);
        case "!=" -> Condition.missing(path);
        default ->
            throw new IllegalArgumentException(
                path + op + "* is not a condition; * only goes with = (exists) and != (missing)");
      };
    }
    Object value = quoted ? unquote(raw) : value(raw);
    return switch (op) {
      case "=" -> Condition.eq(path, value);
      case "!=" -> Condition.ne(path, value);
      case "<" -> Condition.lt(path, value);
      case "<=" -> Condition.le(path, value);
      case ">" -> Condition.gt(path, value);
      case ">=" -> Condition.ge(path, value);
      case "^=" -> Condition.startsWith(path, String.valueOf(value));
      case "~=" -> Condition.contains(path, value);
      default -> throw new IllegalStateException("not an operator: " + op);
    };
  }

  /** Types an unquoted value: boolean, number, instant, else string. */
  static Object value(String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (INTEGER.matcher(raw).matches()) {
      return Long.valueOf(raw);
    }
    if (DECIMAL.matcher(raw).matches()) {
      return new BigDecimal(raw);
    }
    if (INSTANT.matcher(raw).matches()) {
      try {
        return Instant.parse(raw);
      } catch (DateTimeParseException e) {
        return raw;
      }
    }
    return raw;
  }

  private static String unquote(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 1; i < raw.length() - 1; i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length() - 1) {
        c = raw.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int firstOperator(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (OPERATOR_CHARS.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String operator(String token, int at) {
    char c = token.charAt(at);
    boolean eqNext = at + 1 < token.length() && token.charAt(at + 1) == '=';
    switch (c) {
      case '=':
        return "=";
      case '<':
      case '>':
        return eqNext ? c + "=" : String.valueOf(c);
      case '!':
      case '^':
      case '~':
        if (eqNext) {
          return c + "=";
        }
        throw bad(
            "q has '"
                + c
                + "' not followed by '=' in '"
                + Parameters.abbreviate(token)
                + "'; write "
                + c
                + "=");
      default:
        throw new IllegalStateException("not an operator character: " + c);
    }
  }

  /** Splits on white space outside double quotes; a backslash escapes inside quotes. */
  private static List<String> tokens(String q) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (quoted && c == '\\' && i + 1 < q.length()) {
        current.append(c).append(q.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        current.append(c);
      } else if (!quoted && Character.isWhitespace(c)) {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw bad("q has an opening double quote without a closing one");
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private static ApiException bad(String message) {
    return ApiException.badParameter("q", message);
  }
}
