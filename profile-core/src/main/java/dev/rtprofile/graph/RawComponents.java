package dev.rtprofile.graph;

import java.util.Arrays;

/**
 * The raw components (connected components of all eligible links, before the rules) as a union-find
 * with sizes: {@code parent[i] < 0} marks a root of {@code -parent[i]} identities. Only their sizes
 * are needed, for the component limit; the members are found by walking links. Not thread-safe.
 */
final class RawComponents {
  private int[] parent;

  RawComponents(int capacity) {
    parent = new int[capacity];
  }

  void ensureCapacity(int capacity) {
    if (capacity > parent.length) {
      parent = Arrays.copyOf(parent, capacity);
    }
  }

  void singleton(int i) {
    parent[i] = -1;
  }

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

  int size(int root) {
    return -parent[root];
  }

  void union(int ra, int rb) {
    if (parent[ra] > parent[rb]) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    parent[ra] += parent[rb];
    parent[rb] = ra;
  }
}
