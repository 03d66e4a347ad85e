package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The text form of search conditions, behind {@link Condition#parse} and {@link
 * Condition#parseAll}: one reader per text, left to right, no backtracking.
 *
 * <pre>
 * text      = space* condition (space+ condition)* space*
 * condition = PATH space* OP space* value     an attribute condition
 *           | PATH space* ("=" | "!=") space* "*"   exists / missing
 *           | NAMESPACE ":" (value | "*")     hasIdentity / hasNamespace
 * OP        = "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "^=" | "~="
 * value     = '"' (char | '\"' | '\\')* '"' | bare
 * </pre>
 *
 * <p>A path runs up to white space, an operator character ({@code = ! < > ^ ~}), a colon or a
 * double quote; the longest run of operator characters after it is the operator, so {@code a=~b}
 * names the unknown operator {@code =~} instead of comparing with {@code ~b}. A bare value runs to
 * white space and may hold operator characters after its first ({@code url=https://x/?a=b}); it is
 * typed: {@code true}/{@code false} a Boolean, an integer a Long (an exact BigDecimal beyond a
 * long's range), a decimal or exponent a Double, an ISO-8601 instant ({@code 2026-05-01T10:00:00Z})
 * an Instant, else a String. Text that reads like a number but is not one ({@code +5}, {@code 5.},
 * {@code 1.2.3}) is refused rather than silently compared as a string. A quoted value is always a
 * String; inside it {@code \"} is a quote and {@code \\} a backslash. The prefix of {@code ^=} is
 * never typed ({@code zip^=012} is the prefix "012").
 */
final class ConditionSyntax {
  /** The operators, as error messages list them. */
  static final String OPERATORS = "=, !=, <, <=, >, >=, ^= (starts with), ~= (array contains)";

  private static final String OPERATOR_CHARS = "=!<>^~";
  private static final List<String> KNOWN = List.of("=", "!=", "<", "<=", ">", ">=", "^=", "~=");
  private static final String EXAMPLE = "such as loyalty.tier=gold";
  private static final int SHOWN = 64;

  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile("[-+]?[0-9.]*[0-9][0-9.]*([eE][-+]?[0-9]*)?");
  private static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T.*");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final String text;
  private int at;

  /** Where the condition being read starts, for the messages that quote it. */
  private int start;

  private ConditionSyntax(String text) {
    this.text = text;
  }

  /** See {@link Condition#parse}. */
  static Condition parse(String text) {
    List<Condition> all = parseAll(text);
    return all.size() == 1 ? all.get(0) : Condition.and(all.toArray(Condition[]::new));
  }

  /** See {@link Condition#parseAll}. */
  static List<Condition> parseAll(String text) {
    Objects.requireNonNull(text, "text");
    ConditionSyntax reader = new ConditionSyntax(text);
    reader.skipSpace();
    if (reader.atEnd()) {
      throw new IllegalArgumentException(
          "a condition must not be blank; write PATH OP VALUE, " + EXAMPLE);
    }
    List<Condition> out = new ArrayList<>();
    while (!reader.atEnd()) {
      out.add(reader.condition());
      reader.skipSpace();
    }
    return List.copyOf(out);
  }

  private Condition condition() {
    start = at;
    String word = run(c -> !isSpace(c) && OPERATOR_CHARS.indexOf(c) < 0 && c != ':' && c != '"');
    if (!atEnd() && text.charAt(at) == ':') {
      return identity(word);
    }
    skipSpace();
    String op = run(c -> OPERATOR_CHARS.indexOf(c) >= 0);
    if (op.isEmpty()) {
      throw noOperator(word);
    }
    if (word.isEmpty()) {
      throw bad(
          "no attribute path before '"
              + op
              + "' in '"
              + shown()
              + "'; write PATH OP VALUE, "
              + EXAMPLE);
    }
    if (!KNOWN.contains(op)) {
      throw bad("unknown operator '" + op + "' in '" + shown() + "'; use one of " + OPERATORS);
    }
    try {
      AttributeValues.path(word, "path");
    } catch (IllegalArgumentException e) {
      throw bad(
          "bad attribute path '"
              + shorten(word)
              + "' in '"
              + shown()
              + "'; write dot-separated non-empty segments, "
              + EXAMPLE);
    }
    skipSpace();
    if (atEnd()) {
      throw bad(
          "no value after '"
              + op
              + "' in '"
              + shown()
              + "'; write one, in double quotes if it holds spaces");
    }
    if (text.charAt(at) == '"') {
      String quoted = quoted();
      return attribute(word, op, quoted, quoted);
    }
    String raw = bare();
    if (OPERATOR_CHARS.indexOf(raw.charAt(0)) >= 0) {
      throw bad(
          "value '"
              + shorten(raw)
              + "' in '"
              + shown()
              + "' starts with an operator character; quote it: \""
              + shorten(raw)
              + "\"");
    }
    if (raw.equals("*")) {
      return switch (op) {
        case "=" -> Condition.exists(word);
        case "!=" -> Condition.missing(word);
        default ->
            throw bad(
                "'*' goes only with = (exists) and != (missing), not with '"
                    + op
                    + "' in '"
                    + shown()
                    + "'; quote it to compare with the string: \"*\"");
      };
    }
    return attribute(word, op, raw, op.equals("^=") ? raw : typed(raw));
  }

  /** An attribute condition; {@code raw} is the value as written, {@code value} as typed. */
  private Condition attribute(String path, String op, String raw, Object value) {
    if (value instanceof Boolean && !op.equals("=") && !op.equals("!=") && !op.equals("~=")) {
      throw bad(
          "'"
              + op
              + "' needs a value that can be ordered (a number, string or instant), but "
              + raw
              + " in '"
              + shown()
              + "' is a boolean; booleans only take = and !=");
    }
    if (op.equals("^=") && raw.isEmpty()) {
      throw bad(
          "'^=' needs a prefix, but the one in '"
              + shown()
              + "' is empty; write "
              + path
              + "=* for any value");
    }
    try {
      return switch (op) {
        case "=" -> Condition.eq(path, value);
        case "!=" -> Condition.ne(path, value);
        case "<" -> Condition.lt(path, value);
        case "<=" -> Condition.le(path, value);
        case ">" -> Condition.gt(path, value);
        case ">=" -> Condition.ge(path, value);
        case "^=" -> Condition.startsWith(path, (String) value);
        case "~=" -> Condition.contains(path, value);
        default -> throw new IllegalStateException("not an operator: " + op);
      };
    } catch (IllegalArgumentException e) {
      throw bad("'" + shown() + "': " + e.getMessage());
    }
  }

  /** {@code NAMESPACE:value} or {@code NAMESPACE:*}; {@code at} is on the colon. */
  private Condition identity(String namespace) {
    at++;
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw bad(
          "bad namespace '"
              + shorten(namespace)
              + "' in '"
              + shown()
              + "'; a namespace code starts with a letter, then letters, digits, _, . or -, such as"
              + " Email:jane@example.com");
    }
    if (atEnd() || isSpace(text.charAt(at))) {
      throw bad(
          "no value after '"
              + namespace
              + ":' in '"
              + shown()
              + "'; write NAMESPACE:VALUE, such as Email:jane@example.com");
    }
    if (text.charAt(at) == '"') {
      return Condition.hasIdentity(Identity.of(namespace, quoted()));
    }
    String value = bare();
    return value.equals("*")
        ? Condition.hasNamespace(namespace)
        : Condition.hasIdentity(Identity.of(namespace, value));
  }

  /** Types a bare value: Boolean, Long (BigDecimal beyond), Double, Instant, else String. */
  private Object typed(String raw) {
    if (raw.equals("true") || raw.equals("false")) {
      return Boolean.valueOf(raw);
    }
    if (INTEGER.matcher(raw).matches()) {
      BigDecimal exact = new BigDecimal(raw);
      return exact.compareTo(LONG_MIN) >= 0 && exact.compareTo(LONG_MAX) <= 0
          ? (Object) exact.longValueExact()
          : exact;
    }
    if (DECIMAL.matcher(raw).matches()) {
      double d = Double.parseDouble(raw);
      if (Double.isInfinite(d)) {
        throw bad(
            "value '"
                + shorten(raw)
                + "' in '"
                + shown()
                + "' is beyond a double's range; quote it for a string: \""
                + shorten(raw)
                + "\"");
      }
      return d;
    }
    if (NUMBER_LIKE.matcher(raw).matches()) {
      throw bad(
          "value '"
              + shorten(raw)
              + "' in '"
              + shown()
              + "' reads like a number but is not one; write 5, -5, 5.25 or 5e3, or quote it for a"
              + " string: \""
              + shorten(raw)
              + "\"");
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

  /** Reads a double-quoted string; {@code at} is on the opening quote. */
  private String quoted() {
    StringBuilder out = new StringBuilder();
    at++;
    while (!atEnd()) {
      char c = text.charAt(at++);
      if (c == '"') {
        if (!atEnd() && !isSpace(text.charAt(at))) {
          throw bad(
              "'"
                  + text.charAt(at)
                  + "' follows the closing quote in '"
                  + shown()
                  + "'; separate conditions with a space");
        }
        return out.toString();
      }
      if (c == '\\' && !atEnd() && (text.charAt(at) == '"' || text.charAt(at) == '\\')) {
        c = text.charAt(at++);
      }
      out.append(c);
    }
    throw bad("no closing double quote in '" + shown() + "'; end the value with \"");
  }

  /** Reads a value up to white space. */
  private String bare() {
    String raw = run(c -> !isSpace(c));
    if (raw.indexOf('"') >= 0) {
      throw bad(
          "a double quote inside the value in '"
              + shown()
              + "'; quote the whole value, writing \\\" for a quote in it");
    }
    return raw;
  }

  private IllegalArgumentException noOperator(String word) {
    String shown = word.isEmpty() ? shown() : shorten(word);
    String lower = word.toLowerCase(Locale.ROOT);
    if (lower.equals("and") || lower.equals("or") || lower.equals("not")) {
      return bad(
          "'"
              + word
              + "' is not part of the syntax: conditions separated by spaces must"
              + " all hold; write them without '"
              + word
              + "', such as loyalty.tier=gold"
              + " loyalty.points>=1000");
    }
    return bad(
        "no operator in '"
            + shown
            + "'; write PATH OP VALUE, "
            + EXAMPLE
            + ", with OP one of "
            + OPERATORS
            + ", or NAMESPACE:VALUE for an identity");
  }

  /** The condition being read, from its start to the end of the token at hand, shortened. */
  private String shown() {
    int end = Math.max(at, start);
    while (end < text.length() && !isSpace(text.charAt(end))) {
      end++;
    }
    return shorten(text.substring(start, end).strip());
  }

  private static String shorten(String s) {
    return s.length() <= SHOWN ? s : s.substring(0, SHOWN - 3) + "...";
  }

  private String run(IntPredicate test) {
    int from = at;
    while (!atEnd() && test.test(text.charAt(at))) {
      at++;
    }
    return text.substring(from, at);
  }

  private void skipSpace() {
    run(ConditionSyntax::isSpace);
  }

  private boolean atEnd() {
    return at >= text.length();
  }

  private static boolean isSpace(int c) {
    return Character.isWhitespace(c);
  }

  private static IllegalArgumentException bad(String message) {
    return new IllegalArgumentException(message);
  }
}
