package dev.rtprofile.store;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

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

  Leaves(int capacity) {
    paths = new String[capacity];
    values = new Object[capacity];
  }

  private Leaves(Leaves other) {
    paths = Arrays.copyOf(other.paths, Math.max(other.size, 8));
    values = Arrays.copyOf(other.values, paths.length);
    size = other.size;
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
  }

  /** Drops the leaves from position {@code n} on. */
  void truncate(int n) {
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

  /** Whether two paths share a hash: false proves that no path repeats. */
  private boolean mayRepeat() {
    int[] hashes = new int[size];
    for (int i = 0; i < size; i++) {
      hashes[i] = paths[i].hashCode();
    }
    Arrays.sort(hashes);
    for (int i = 1; i < size; i++) {
      if (hashes[i] == hashes[i - 1]) {
        return true;
      }
    }
    return false;
  }

  /** A rough size in bytes of the leaves as JSON, for the size guardrails. */
  long jsonSize() {
    long n = 0;
    for (int i = 0; i < size; i++) {
      n += paths[i].length() + 4 + AttributeValues.size(values[i]);
    }
    return n;
  }
}
