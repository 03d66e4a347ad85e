package dev.rtprofile.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Leaf attributes in the order they were set, as parallel arrays: what a {@link Record.Builder}
 * collects and a {@link Record} holds. Setting a path again appends; {@link #resolve()} then keeps
 * each path once, at its first position with its last value, as a map's {@code put} would. It finds
 * repeated paths by sorting their hashes, without a hash map: most records repeat none, and the
 * store reads a record's leaves once or twice. Not thread-safe.
 */
final class Leaves {
  String[] paths;
  Object[] values;
  int size;

  /**
   * {@link AttributeValues#sizeBound} summed over the leaves with their paths, kept as leaves are
   * added (while their values are in the adding thread's cache); -1 once a removal made it stale.
   */
  private long bound;

  Leaves(int capacity) {
    paths = new String[capacity];
    values = new Object[capacity];
  }

  private Leaves(Leaves other) {
    paths = Arrays.copyOf(other.paths, Math.max(other.size, 8));
    values = Arrays.copyOf(other.values, paths.length);
    size = other.size;
    bound = other.bound;
  }

  Leaves copy() {
    return new Leaves(this);
  }

  /** Appends a leaf; the path and value are checked and normalized by the caller. */
  void add(String path, Object value) {
    if (size == paths.length) {
      paths = Arrays.copyOf(paths, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    paths[size] = path;
    values[size++] = value;
    if (bound >= 0) {
      bound += path.length() + 4 + AttributeValues.sizeBound(value);
    }
  }

  /**
   * Sets an attribute by dot-separated path: checked and normalized, a map value flattened into
   * paths below it, all of it or none.
   *
   * @throws IllegalArgumentException if the path or a value is not one the store keeps
   */
  void set(String path, Object value) {
    AttributeValues.path(path, "path");
    Objects.requireNonNull(value, "value");
    if (value instanceof Map<?, ?> nested) {
      setAll(path, nested);
    } else {
      add(path, AttributeValues.normalize(value, path));
    }
  }

  /** Sets the leaves of nested maps below {@code prefix} ("" for none), all of them or none. */
  void setAll(String prefix, Map<?, ?> nested) {
    int mark = size;
    try {
      AttributeValues.flatten(prefix, nested, this::add);
    } catch (RuntimeException e) {
      truncate(mark);
      throw e;
    }
  }

  /** Drops the leaves from position {@code n} on. */
  void truncate(int n) {
    if (n < size) {
      bound = -1;
    }
    Arrays.fill(paths, n, size, null);
    Arrays.fill(values, n, size, null);
    size = n;
  }

  /** Drops every leaf at {@code path}. */
  void remove(String path) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!paths[i].equals(path)) {
        paths[kept] = paths[i];
        values[kept++] = values[i];
      }
    }
    truncate(kept);
  }

  /** Keeps each path once: at its first position, with its last value. Idempotent. */
  void resolve() {
    if (size < 2 || !mayRepeat()) {
      return;
    }
    Map<String, Integer> first = new HashMap<>();
    int kept = 0;
    for (int i = 0; i < size; i++) {
      Integer at = first.putIfAbsent(paths[i], kept);
      if (at == null) {
        paths[kept] = paths[i];
        values[kept++] = values[i];
      } else {
        values[at] = values[i];
      }
    }
    truncate(kept);
  }

  /**
   * Whether two paths share a hash: false proves that no path repeats. The hashes go into an
   * open-addressing set twice the size of the leaves; a hash of 0 counts as 1, so it may only
   * report a repeat that is not there, which the caller then rules out.
   */
  private boolean mayRepeat() {
    int[] table = new int[Integer.highestOneBit(size) * 4];
    int mask = table.length - 1;
    for (int i = 0; i < size; i++) {
      int h = paths[i].hashCode();
      h = h == 0 ? 1 : h;
      int slot = (h ^ (h >>> 16)) & mask;
      while (table[slot] != 0) {
        if (table[slot] == h) {
          return true;
        }
        slot = (slot + 1) & mask;
      }
      table[slot] = h;
    }
    return false;
  }

  /** The size bound of the leaves, recomputed if a removal made it stale. */
  long bound() {
    if (bound < 0) {
      long b = 0;
      for (int i = 0; i < size; i++) {
        b += paths[i].length() + 4 + AttributeValues.sizeBound(values[i]);
      }
      bound = b;
    }
    return bound;
  }

  /**
   * The rough size of the leaves as JSON if it exceeds {@code limit}, else -1; see {@link
   * AttributeValues#sizeOver}.
   */
  long jsonSizeOver(long limit) {
    return AttributeValues.sizeOver(paths, values, size, bound(), limit);
  }
}
