package dev.rtprofile.store;

import dev.rtprofile.internal.WellFormedText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Attribute paths and values: checks paths, normalizes values to the few types the store keeps
 * (String, Boolean, Long, Double, BigDecimal, Instant, immutable List and Map), flattens nested
 * maps into leaf paths and rebuilds nested maps from them.
 */
final class AttributeValues {
  private AttributeValues() {}

  /** Checks a dot-separated path of non-empty segments, free of NULs and lone surrogates. */
  static String path(String path, String parameter) {
    Objects.requireNonNull(path, parameter);
    checkKey(path, parameter);
    if (path.isEmpty()
        || path.startsWith(".")
        || path.endsWith(".")
        || path.contains("..")
        || path.length() > 1024) {
      throw new IllegalArgumentException(
          parameter + " must be dot-separated non-empty segments, but was '" + path + "'");
    }
    return path;
  }

  /** Rejects a key that holds a NUL or a lone surrogate, without repeating the key. */
  static void checkKey(String key, String parameter) {
    int at = WellFormedText.invalidAt(key);
    if (at >= 0) {
      throw new IllegalArgumentException(
          parameter
              + " must not hold a NUL character or a lone surrogate, but had "
              + WellFormedText.describe(key, at));
    }
  }

  /**
   * Returns the stored form of a leaf value: integral numbers as Long (BigInteger as BigDecimal),
   * floats as Double, collections as immutable lists, maps as immutable maps.
   */
  static Object normalize(Object value, String path) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException(
            "value must be a finite number, but the value at " + path + " was " + d);
      }
      return d;
    }
    if (value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof BigInteger b) {
      return b.bitLength() < 64 ? (Object) b.longValue() : new BigDecimal(b);
    }
    if (value instanceof Instant) {
      return value;
    }
    if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      for (Object item : items) {
        if (item == null) {
          throw new IllegalArgumentException(
              "value must not contain null elements, but the list at " + path + " did");
        }
        out.add(normalize(item, path));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key) || e.getValue() == null) {
          throw new IllegalArgumentException(
              "value must be a map of strings to non-null values, but the map at "
                  + path
                  + " was not");
        }
        int bad = WellFormedText.invalidAt(key);
        if (bad >= 0) {
          throw new IllegalArgumentException(
              "value must not have a map key holding a NUL character or a lone surrogate, but the"
                  + " map at "
                  + path
                  + " had "
                  + WellFormedText.describe(key, bad));
        }
        out.put(key, normalize(e.getValue(), path + "." + key));
      }
      return Collections.unmodifiableMap(out);
    }
    throw new IllegalArgumentException(
        "value must be a String, Boolean, Number, Instant, List or Map, but the value at "
            + path
            + " was a "
            + value.getClass().getName());
  }

  /** Flattens a nested map into {@code out} under {@code prefix}; maps become paths. */
  static void flatten(String prefix, Map<?, ?> nested, BiConsumer<String, Object> out) {
    for (Map.Entry<?, ?> e : nested.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException(
            "attributes must have String keys, but had " + e.getKey() + " under '" + prefix + "'");
      }
      String path = path(prefix.isEmpty() ? key : prefix + "." + key, "attribute path");
      Object value = e.getValue();
      if (value == null) {
        throw new IllegalArgumentException("attribute value must not be null, but was at " + path);
      }
      if (value instanceof Map<?, ?> inner) {
        flatten(path, inner, out);
      } else {
        out.accept(path, normalize(value, path));
      }
    }
  }

  /**
   * Rebuilds nested maps from sorted leaf paths; a leaf and an object at one path keep the leaf.
   */
  static Map<String, Object> nest(Map<String, Object> flat) {
    Map<String, Object> root = new TreeMap<>();
    for (Map.Entry<String, Object> e : flat.entrySet()) {
      String[] parts = e.getKey().split("\\.");
      Map<String, Object> node = root;
      boolean blocked = false;
      for (int i = 0; i < parts.length - 1 && !blocked; i++) {
        Object child = node.computeIfAbsent(parts[i], k -> new TreeMap<String, Object>());
        if (child instanceof Map<?, ?>) {
          @SuppressWarnings("unchecked")
          Map<String, Object> next = (Map<String, Object>) child;
          node = next;
        } else {
          blocked = true;
        }
      }
      if (!blocked) {
        node.putIfAbsent(parts[parts.length - 1], e.getValue());
      }
    }
    return freeze(root);
  }

  private static Map<String, Object> freeze(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : map.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map<?, ?>) {
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) v;
        v = freeze(inner);
      }
      out.put(e.getKey(), v);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * At least {@link #size(Object)} of {@code value}, for less work: a number counts as 24
   * characters, the longest a long or a double prints as, instead of being printed or its digits
   * counted. A size guardrail computes the exact size only when this bound exceeds its limit.
   */
  static long sizeBound(Object value) {
    if (value instanceof String s) {
      return s.length() + 2L;
    }
    if (value instanceof Long || value instanceof Double) {
      return 24; // a long prints in at most 20 characters, a double in at most 24
    }
    if (value instanceof List<?> list) {
      long n = 2;
      for (Object item : list) {
        n += sizeBound(item) + 1;
      }
      return n;
    }
    if (value instanceof Map<?, ?> map) {
      long n = 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += e.getKey().toString().length() + 4 + sizeBound(e.getValue());
      }
      return n;
    }
    return size(value);
  }

  /**
   * The rough size as JSON of the first {@code n} leaves if it exceeds {@code limit}, else -1;
   * printing numbers only when their {@code bound} (the {@link #sizeBound}s with the paths) says
   * the limit may be exceeded.
   */
  static long sizeOver(String[] paths, Object[] values, int n, long bound, long limit) {
    if (bound <= limit) {
      return -1;
    }
    long exact = 0;
    for (int i = 0; i < n; i++) {
      exact += paths[i].length() + 4 + size(values[i]);
    }
    return exact > limit ? exact : -1;
  }

  /** A rough size in bytes of a value as JSON, for the record and event size guardrails. */
  static long size(Object value) {
    if (value instanceof String s) {
      return s.length() + 2L;
    }
    if (value instanceof List<?> list) {
      long n = 2;
      for (Object item : list) {
        n += size(item) + 1;
      }
      return n;
    }
    if (value instanceof Map<?, ?> map) {
      long n = 2;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += e.getKey().toString().length() + 4 + size(e.getValue());
      }
      return n;
    }
    if (value instanceof Long l) {
      return digits(l);
    }
    if (value instanceof Boolean b) {
      return b ? 4 : 5;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e7) {
      return digits(d.longValue()) + 2; // "42.0"; from 1e7 on Java writes "1.0E7"
    }
    return value.toString().length();
  }

  /** The length of a long in decimal, sign included, without making the string. */
  private static int digits(long l) {
    if (l == Long.MIN_VALUE) {
      return 20;
    }
    int n = l < 0 ? 2 : 1;
    long v = Math.abs(l);
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /**
   * Compares two numbers by value (1 and 1.0 are equal): longs and finite doubles directly, other
   * mixes through their exact decimal form.
   */
  static int compareNumbers(Number x, Number y) {
    if (x instanceof Long a && y instanceof Long b) {
      return Long.compare(a, b);
    }
    if (x instanceof Double a && y instanceof Double b) {
      double p = a;
      double q = b;
      if (Double.isFinite(p) && Double.isFinite(q)) {
        return p == q ? 0 : (p < q ? -1 : 1);
      }
    }
    return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
  }

  /**
   * A total order over stored values, consistent with equals, for deterministic tie-breaks: by
   * kind, then value (numbers numerically, then by type), lists and maps element by element.
   */
  static int compare(Object a, Object b) {
    int ta = rank(a);
    int tb = rank(b);
    if (ta != tb) {
      return Integer.compare(ta, tb);
    }
    if (a instanceof Number x && b instanceof Number y) {
      int c = compareNumbers(x, y);
      if (c != 0) {
        return c;
      }
      c = x.getClass().getName().compareTo(y.getClass().getName());
      return c != 0 ? c : x.toString().compareTo(y.toString());
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (a instanceof Instant x && b instanceof Instant y) {
      return x.compareTo(y);
    }
    if (a instanceof String x && b instanceof String y) {
      return x.compareTo(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
        int c = compare(x.get(i), y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return compare(entries(x), entries(y));
    }
    return a.toString().compareTo(b.toString());
  }

  /** A map's entries as a list [key, value, key, value, …] sorted by key. */
  private static List<Object> entries(Map<?, ?> map) {
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> sorted.put(k.toString(), v));
    List<Object> out = new ArrayList<>();
    sorted.forEach(
        (k, v) -> {
          out.add(k);
          out.add(v);
        });
    return out;
  }

  /** The kind of a value: 0 boolean, 1 number, 2 string, 3 instant, 4 list, 5 map. */
  static int kind(Object value) {
    return rank(value);
  }

  private static int rank(Object value) {
    if (value instanceof Boolean) {
      return 0;
    }
    if (value instanceof Number) {
      return 1;
    }
    if (value instanceof String) {
      return 2;
    }
    if (value instanceof Instant) {
      return 3;
    }
    if (value instanceof List) {
      return 4;
    }
    return 5;
  }
}
