package dev.rtprofile.store;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns attribute paths to dense ints, so that fragments and the merge work on ints. Paths are
 * never removed; ids are not ordered by anything meaningful. Thread-safe: adds happen under the
 * store's write lock, lookups from any thread (an id is published through the map only after its
 * name is in the array).
 */
final class PathTable {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile String[] names = new String[64];
  private volatile int size;

  /**
   * The last path instances interned, by identity hash: ingest hands in the same few path {@code
   * String}s line after line, and a hit here costs neither a hash-map probe nor comparing
   * characters. Used under the write lock only.
   */
  private final String[] recentPaths = new String[1024];

  private final int[] recentIds = new int[1024];

  /** Returns the id of {@code path}, adding it if new. Call under the store's write lock. */
  int intern(String path) {
    int slot = System.identityHashCode(path) & (recentPaths.length - 1);
    if (recentPaths[slot] == path) {
      return recentIds[slot];
    }
    int id = internSlow(path);
    recentPaths[slot] = path;
    recentIds[slot] = id;
    return id;
  }

  private int internSlow(String path) {
    Integer id = ids.get(path);
    if (id != null) {
      return id;
    }
    int next = size;
    String[] array = names;
    if (next == array.length) {
      array = Arrays.copyOf(array, next * 2);
    }
    array[next] = path;
    names = array;
    size = next + 1;
    ids.put(path, next);
    return next;
  }

  /** Returns the id of {@code path}, or -1 if no fragment ever had it. */
  int find(String path) {
    Integer id = ids.get(path);
    return id == null ? -1 : id;
  }

  /** Whether some path starts with {@code prefix}; O(paths). */
  boolean hasPrefix(String prefix) {
    for (String path : ids.keySet()) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  String name(int id) {
    return names[id];
  }

  int size() {
    return size;
  }
}
