package dev.rtprofile.graph;

import java.util.Arrays;

/**
 * The accepted graph as a union-find forest over identity ids: {@code parent[i] < 0} marks a root
 * whose graph has {@code -parent[i]} identities; unions are by size, writers' finds halve paths,
 * readers' finds leave the forest alone. Each graph's members form a circular list through {@code
 * next}, spliced on union, so a graph is enumerable in O(size). Per root it keeps the oldest
 * identity (for the profile id), a bit mask of the unique namespaces present and flags. Not
 * thread-safe; read-only finds are safe while no write runs.
 */
final class Forest {
  /** The root's graph differs from its raw component: rules removed links or evicted members. */
  static final int DIRTY = 1 << 16;

  /** The root's graph holds an identity that is part of a do-not-link rule. */
  static final int CONSTRAINED = 1 << 17;

  /**
   * The root's raw component is over the graph limit, so identities' last-seen times decide
   * evictions there.
   */
  static final int EVICTING = 1 << 18;

  static final int UNIQUE_MASK = 0xFFFF;

  private int[] parent;
  private int[] next;
  private int[] oldest;
  private int[] info;

  Forest(int capacity) {
    parent = new int[capacity];
    next = new int[capacity];
    oldest = new int[capacity];
    info = new int[capacity];
  }

  void ensureCapacity(int capacity) {
    if (capacity > parent.length) {
      parent = Arrays.copyOf(parent, capacity);
      next = Arrays.copyOf(next, capacity);
      oldest = Arrays.copyOf(oldest, capacity);
      info = Arrays.copyOf(info, capacity);
    }
  }

  int capacity() {
    return parent.length;
  }

  /** Makes {@code i} a graph of its own with the given unique-namespace bits and flags. */
  void singleton(int i, int info) {
    parent[i] = -1;
    next[i] = i;
    oldest[i] = i;
    this.info[i] = info;
  }

  /** Finds the root of {@code i}, halving the path. For writers only. */
  int find(int i) {
    while (parent[i] >= 0) {
      int p = parent[i];
      if (parent[p] >= 0) {
        parent[i] = parent[p];
      }
      i = parent[i];
    }
    return i;
  }

  /** Finds the root of {@code i} without changing the forest; safe for concurrent readers. */
  int findReadOnly(int i) {
    while (parent[i] >= 0) {
      i = parent[i];
    }
    return i;
  }

  int size(int root) {
    return -parent[root];
  }

  int next(int i) {
    return next[i];
  }

  int oldest(int root) {
    return oldest[root];
  }

  void setOldest(int root, int identity) {
    oldest[root] = identity;
  }

  int info(int root) {
    return info[root];
  }

  void setFlags(int root, int flags) {
    info[root] |= flags;
  }

  void clearFlags(int root, int flags) {
    info[root] &= ~flags;
  }

  /**
   * Unites two roots, the smaller under the larger, and returns the new root. The caller picks the
   * surviving oldest identity, since that needs the identities' timestamps and values.
   */
  int union(int ra, int rb) {
    if (parent[ra] > parent[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[ra] += parent[rb];
    parent[rb] = ra;
    info[ra] |= info[rb];
    int t = next[ra];
    next[ra] = next[rb];
    next[rb] = t;
    return ra;
  }
}
