package dev.rtprofile.cli;

import dev.rtprofile.store.Condition;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One {@code --where} condition: {@code PATH OP VALUE} with {@code =}, {@code !=}, {@code <},
 * {@code <=}, {@code >}, {@code >=} or {@code ~} (starts with). Values are typed as the profile
 * viewer's search box types them: longs, exact decimals, ISO-8601 instants, {@code true} or {@code
 * false}, else strings; double quotes force a string ({@code id="1001"}). An empty value, one that
 * starts with an operator, or one that reads like a number but is not one is bad usage.
 *
 * @param path the attribute path
 * @param operator the operator as written
 * @param value the value, typed
 */
record WhereClause(String path, String operator, Object value) {

  /**
   * Parses one clause.
   *
   * @throws UsageException naming {@code --where} if the text is not a clause
   */
  static WhereClause parse(String text) {
    int at = -1;
    for (int i = 0; i < text.length(); i++) {
      if ("!=<>~".indexOf(text.charAt(i)) >= 0) {
        at = i;
        break;
      }
    }
    String path = at < 0 ? "" : text.substring(0, at).trim();
    if (path.isEmpty()) {
      throw bad(text);
    }
    String operator;
    if (text.startsWith("!=", at) || text.startsWith("<=", at) || text.startsWith(">=", at)) {
      operator = text.substring(at, at + 2);
    } else if (text.charAt(at) == '!') {
      throw bad(text);
    } else {
      operator = text.substring(at, at + 1);
    }
    String raw = text.substring(at + operator.length()).trim();
    boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
    if (raw.isEmpty() || (!quoted && "=!<>~".indexOf(raw.charAt(0)) >= 0)) {
      throw new UsageException(
          "--where '"
              + text
              + "': "
              + (raw.isEmpty()
                  ? "a value must follow " + operator
                  : "the value must not start with an operator; quote it if it does: \"...\""));
    }
    Object value = operator.equals("~") ? unquote(raw) : typed(raw, text);
    if (operator.equals("~") && ((String) value).isEmpty()) {
      throw new UsageException("--where '" + text + "': ~ needs a non-empty prefix");
    }
    return new WhereClause(path, operator, value);
  }

  /**
   * The library condition.
   *
   * @throws UsageException naming {@code --where} if the library refuses it
   */
  Condition condition() {
    try {
      return switch (operator) {
        case "=" -> Condition.eq(path, value);
        case "!=" -> Condition.ne(path, value);
        case "<" -> Condition.lt(path, value);
        case "<=" -> Condition.le(path, value);
        case ">" -> Condition.gt(path, value);
        case ">=" -> Condition.ge(path, value);
        case "~" -> Condition.startsWith(path, (String) value);
        default -> throw new IllegalStateException("operator " + operator);
      };
    } catch (IllegalArgumentException e) {
      throw new UsageException("--where '" + path + operator + value + "': " + e.getMessage(), e);
    }
  }

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern DECIMAL =
      Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?");
  private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?\\.?[0-9][0-9.eE+-]*");
  private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T.*");

  /**
   * Types an unquoted value as the profile viewer's search box does: a long, an exact decimal, an
   * ISO-8601 instant, {@code true}/{@code false}, else a string.
   */
  private static Object typed(String raw, String text) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    if (INTEGER.matcher(raw).matches()) {
      return Long.parseLong(raw);
    }
    if (DECIMAL.matcher(raw).matches()) {
      return new BigDecimal(raw);
    }
    if (NUMBER_LIKE.matcher(raw).matches()) {
      throw new UsageException(
          "--where '"
              + text
              + "': the value reads like a number but is not one; write 5, -5, 5.25 or 5e3, or"
              + " quote it for a string: \"...\"");
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
    return raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")
        ? raw.substring(1, raw.length() - 1)
        : raw;
  }

  private static UsageException bad(String text) {
    return new UsageException(
        "--where must look like PATH=VALUE, or PATH with !=, <, <=, >, >= or ~ (starts with), such"
            + " as loyalty.tier=gold, but was '"
            + text
            + "'");
  }
}
