package dev.rtprofile.cli;

import dev.rtprofile.store.Condition;

/**
 * One {@code --where} condition: {@code PATH OP VALUE} with {@code =}, {@code !=}, {@code <},
 * {@code <=}, {@code >}, {@code >=} or {@code ~} (starts with). Values are numbers, {@code true} or
 * {@code false} when they read as such, else strings; double quotes force a string ({@code
 * id="1001"}).
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
    Object value = operator.equals("~") ? unquote(raw) : typed(raw);
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

  private static Object typed(String raw) {
    if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
      return raw.substring(1, raw.length() - 1);
    }
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.parseBoolean(raw);
    }
    if (raw.matches("-?[0-9]{1,18}")) {
      return Long.parseLong(raw);
    }
    if (raw.matches("-?[0-9]+\\.[0-9]+([eE][-+]?[0-9]+)?")) {
      return Double.parseDouble(raw);
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
