package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A condition of a profile search over merged profiles: on an attribute's merged value, on the
 * profile's identities, or on its events; conditions combine with {@link #and}, {@link #or} and
 * {@link #not}. Immutable and thread-safe. Build them with the static factories, or through {@link
 * ProfileSearch#where(String)}.
 *
 * <p>Comparisons follow the value's kind: numbers compare numerically (a Long and a Double of the
 * same value are equal), strings lexicographically, instants by time; booleans only compare for
 * equality. A condition that makes no sense for its value (a range over booleans, a null value)
 * fails when built, with a message naming the condition. {@link #parse} reads conditions from text,
 * the language of the command line's {@code search --where} and the profile viewer's search box.
 */
public final class Condition {
  enum Op {
    EQ("="),
    NE("!="),
    IN("in"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    BETWEEN("between"),
    EXISTS("exists"),
    MISSING("missing"),
    STARTS_WITH("startsWith"),
    CONTAINS("contains"),
    AND("and"),
    OR("or"),
    NOT("not"),
    HAS_NAMESPACE("hasNamespace"),
    HAS_IDENTITY("hasIdentity"),
    EVENTS("events");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  final Op op;
  final String path;
  final List<Object> values;
  final List<Condition> children;
  final long from;
  final long to;

  private Condition(
      Op op, String path, List<Object> values, List<Condition> children, long from, long to) {
    this.op = op;
    this.path = path;
    this.values = values;
    this.children = children;
    this.from = from;
    this.to = to;
  }

  private static Condition leaf(Op op, String path, Object... values) {
    AttributeValues.path(path, "path");
    List<Object> checked = new ArrayList<>();
    for (Object value : values) {
      if (value == null) {
        throw new NullPointerException(
            op.symbol + "(" + path + ") must compare with a value, but was given null");
      }
      Object normalized = AttributeValues.normalize(value, path);
      if (op != Op.EQ && op != Op.NE && op != Op.IN && op != Op.CONTAINS) {
        if (!(normalized instanceof Number
            || normalized instanceof String
            || normalized instanceof Instant)) {
          throw new IllegalArgumentException(
              op.symbol
                  + "("
                  + path
                  + ") must compare with a number, string or instant, but was a "
                  + normalized.getClass().getSimpleName());
        }
      }
      checked.add(normalized);
    }
    return new Condition(op, path, List.copyOf(checked), List.of(), 0, 0);
  }

  /** The merged value at {@code path} equals {@code value}. */
  public static Condition eq(String path, Object value) {
    return leaf(Op.EQ, path, value);
  }

  /** The profile has a value at {@code path} and it differs from {@code value}. */
  public static Condition ne(String path, Object value) {
    return leaf(Op.NE, path, value);
  }

  /** The merged value at {@code path} equals one of {@code values}. */
  public static Condition in(String path, Object... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("in(" + path + ") must list a value, but listed none");
    }
    return leaf(Op.IN, path, values);
  }

  /** The merged value is below {@code value}. */
  public static Condition lt(String path, Object value) {
    return leaf(Op.LT, path, value);
  }

  /** The merged value is at most {@code value}. */
  public static Condition le(String path, Object value) {
    return leaf(Op.LE, path, value);
  }

  /** The merged value is above {@code value}. */
  public static Condition gt(String path, Object value) {
    return leaf(Op.GT, path, value);
  }

  /** The merged value is at least {@code value}. */
  public static Condition ge(String path, Object value) {
    return leaf(Op.GE, path, value);
  }

  /** The merged value lies in {@code [low, high]}, both included. */
  public static Condition between(String path, Object low, Object high) {
    Condition c = leaf(Op.BETWEEN, path, low, high);
    if (AttributeValues.kind(c.values.get(0)) != AttributeValues.kind(c.values.get(1))) {
      throw new IllegalArgumentException(
          "between(" + path + ") must have bounds of one kind, but had " + c.values);
    }
    return c;
  }

  /** The profile has a value at {@code path}. */
  public static Condition exists(String path) {
    return leaf(Op.EXISTS, path);
  }

  /** The profile has no value at {@code path}. */
  public static Condition missing(String path) {
    return leaf(Op.MISSING, path);
  }

  /** The merged value is a string starting with {@code prefix}. */
  public static Condition startsWith(String path, String prefix) {
    return leaf(Op.STARTS_WITH, path, prefix);
  }

  /** The merged value is an array holding {@code element}. */
  public static Condition contains(String path, Object element) {
    return leaf(Op.CONTAINS, path, element);
  }

  /** All of the conditions hold. */
  public static Condition and(Condition... conditions) {
    return group(Op.AND, conditions);
  }

  /** At least one of the conditions holds. */
  public static Condition or(Condition... conditions) {
    return group(Op.OR, conditions);
  }

  /** The condition does not hold. */
  public static Condition not(Condition condition) {
    return group(Op.NOT, Objects.requireNonNull(condition, "condition"));
  }

  private static Condition group(Op op, Condition... conditions) {
    if (conditions.length == 0) {
      throw new IllegalArgumentException(op.symbol + " must combine a condition, but had none");
    }
    for (Condition c : conditions) {
      Objects.requireNonNull(c, op.symbol + " must not combine null");
    }
    return new Condition(op, "", List.of(), List.of(conditions), 0, 0);
  }

  /** The profile has an identity in {@code namespace} (code matched case-insensitively). */
  public static Condition hasNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    return new Condition(Op.HAS_NAMESPACE, "", List.of(namespace), List.of(), 0, 0);
  }

  /** The profile holds {@code identity}. */
  public static Condition hasIdentity(Identity identity) {
    Objects.requireNonNull(identity, "identity");
    return new Condition(Op.HAS_IDENTITY, "", List.of(identity), List.of(), 0, 0);
  }

  /**
   * The profile has at least {@code count} events of {@code eventType} with {@code from <=
   * timestamp < to}.
   */
  public static Condition events(String eventType, int count, Instant from, Instant to) {
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (count < 1) {
      throw new IllegalArgumentException(
          "events(" + eventType + ") must ask for at least 1 event, but asked for " + count);
    }
    return new Condition(
        Op.EVENTS, "", List.of(eventType, (long) count), List.of(), millis(from), millis(to));
  }

  /**
   * Parses the text form of conditions, the one language of {@code rtprofile search --where} and
   * the profile viewer's search box; several conditions separated by white space must all hold
   * ({@link #and}), one stands alone.
   *
   * <table>
   *   <caption>Conditions</caption>
   *   <tr><th>Text</th><th>Condition</th></tr>
   *   <tr><td>{@code loyalty.tier=gold}</td><td>{@link #eq}</td></tr>
   *   <tr><td>{@code loyalty.tier!=gold}</td><td>{@link #ne}</td></tr>
   *   <tr><td>{@code loyalty.points<1000}, {@code <=}, {@code >}, {@code >=}</td>
   *       <td>{@link #lt}, {@link #le}, {@link #gt}, {@link #ge}</td></tr>
   *   <tr><td>{@code person.name.lastName^=Sm}</td><td>{@link #startsWith} (the prefix is never
   *       typed)</td></tr>
   *   <tr><td>{@code segments~=vip}</td><td>{@link #contains} (the array holds the element)</td></tr>
   *   <tr><td>{@code loyalty.tier=*}, {@code loyalty.tier!=*}</td>
   *       <td>{@link #exists}, {@link #missing}</td></tr>
   *   <tr><td>{@code Email:jane@example.com}</td><td>{@link #hasIdentity}</td></tr>
   *   <tr><td>{@code CRMID:*}</td><td>{@link #hasNamespace}</td></tr>
   * </table>
   *
   * <p>White space may surround an operator ({@code loyalty.tier = gold}). Bare values are typed:
   * {@code true}/{@code false} a Boolean, an integer a Long (an exact BigDecimal beyond a long's
   * range), a decimal or exponent ({@code 0.5}, {@code 1e9}) a Double, an ISO-8601 instant ({@code
   * 2026-05-01T10:00:00Z}) an Instant, anything else a String; a value in double quotes is always a
   * String and may hold spaces ({@code city="New York"}, {@code id="1001"}), with {@code \"} for a
   * quote and {@code \\} for a backslash. A bare value may hold operator characters after its first
   * ({@code web.url=https://x.example/?a=b}) but not a double quote.
   *
   * @param text the conditions
   * @return the condition, or {@link #and} of the conditions when there are several
   * @throws IllegalArgumentException if the text is blank or not conditions; the message names the
   *     operator, value, path or namespace at fault and how to fix it, such as {@code unknown
   *     operator '=~' in 'a=~b'; use one of =, !=, <, <=, >, >=, ^= (starts with), ~= (array
   *     contains)}; a range over a boolean says so
   */
  public static Condition parse(String text) {
    return ConditionSyntax.parse(text);
  }

  /**
   * Parses the text form of conditions as {@link #parse} does, but returns each condition as
   * written, in order, for a front end that shows them one by one.
   *
   * @param text the conditions
   * @return the conditions, at least one
   * @throws IllegalArgumentException as {@link #parse} does
   */
  public static List<Condition> parseAll(String text) {
    return ConditionSyntax.parseAll(text);
  }

  /**
   * Returns the attribute paths this condition reads, in the order written and without repeats,
   * those of the conditions it combines included; empty for conditions on identities and events.
   */
  public List<String> paths() {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    collectPaths(out);
    return List.copyOf(out);
  }

  private void collectPaths(LinkedHashSet<String> out) {
    if (!path.isEmpty()) {
      out.add(path);
    }
    children.forEach(c -> c.collectPaths(out));
  }

  /** Returns the identity of a {@link #hasIdentity} condition, and empty for any other. */
  public Optional<Identity> identity() {
    return op == Op.HAS_IDENTITY ? Optional.of((Identity) values.get(0)) : Optional.empty();
  }

  /** Epoch milliseconds, saturated for instants beyond what a long of milliseconds holds. */
  private static long millis(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException e) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Whether the value compares as {@code op} says with the bound. */
  static boolean compares(Op op, Object value, Object bound) {
    if (AttributeValues.kind(value) != AttributeValues.kind(bound)) {
      // Values of different kinds are never equal and never ordered against each other.
      return op == Op.NE;
    }
    int c =
        value instanceof Number x && bound instanceof Number y
            ? AttributeValues.compareNumbers(x, y)
            : AttributeValues.compare(value, bound);
    return switch (op) {
      case EQ, IN -> c == 0;
      case NE -> c != 0;
      case LT -> c < 0;
      case LE -> c <= 0;
      case GT -> c > 0;
      case GE -> c >= 0;
      default -> throw new IllegalStateException("not a comparison: " + op);
    };
  }

  /** Describes the condition, for explain() and error messages; it holds the query's values. */
  @Override
  public String toString() {
    return switch (op) {
      case AND, OR -> op.symbol + children;
      case NOT -> "not(" + children.get(0) + ")";
      case EXISTS, MISSING -> op.symbol + "(" + path + ")";
      case HAS_NAMESPACE -> "hasNamespace(" + values.get(0) + ")";
      case HAS_IDENTITY -> "hasIdentity(" + values.get(0) + ")";
      case EVENTS -> "events(" + values.get(0) + " >= " + values.get(1) + ")";
      case BETWEEN, IN, STARTS_WITH, CONTAINS -> op.symbol + "(" + path + ", " + values + ")";
      default -> path + " " + op.symbol + " " + values.get(0);
    };
  }
}
