package dev.rtprofile.graph;

/**
 * The raw components (connected components of all eligible links, before the rules) as a union-find
 * with sizes: {@code parent[i] < 0} marks a root of {@code -parent[i]} identities. Only their sizes
 * are needed, for the component limit; the members are found by walking links. Not thread-safe.
 */
final class RawComponents {
  private static final int SHIFT = Pages.SHIFT;
  private static final int MASK = Pages.MASK;

  // A paged column (see Pages): element i at [i >>> SHIFT][i & MASK].
  private int[][] parent = new int[0][];

  RawComponents(int capacity) {
    ensureCapacity(capacity);
  }

  void ensureCapacity(int capacity) {
    if (capacity > parent.length << SHIFT) {
      parent = Pages.ints(parent, capacity, 0);
    }
  }

  private int parent(int i) {
    return parent[i >>> SHIFT][i & MASK];
  }

  void singleton(int i) {
    parent[i >>> SHIFT][i & MASK] = -1;
  }

  int find(int i) {
    return Pages.find(parent, i);
  }

  int size(int root) {
    return -parent(root);
  }

  void union(int ra, int rb) {
    Pages.unite(parent, ra, rb);
  }
}
