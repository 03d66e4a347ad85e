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

  private void setParent(int i, int p) {
    parent[i >>> SHIFT][i & MASK] = p;
  }

  void singleton(int i) {
    setParent(i, -1);
  }

  int find(int i) {
    for (int p = parent(i); p >= 0; p = parent(i)) {
      int gp = parent(p);
      if (gp >= 0) {
        setParent(i, gp);
        i = gp;
      } else {
        i = p;
      }
    }
    return i;
  }

  int size(int root) {
    return -parent(root);
  }

  void union(int ra, int rb) {
    int pa = parent(ra);
    int pb = parent(rb);
    if (pa > pb) {
      int t = ra;
      ra = rb;
      rb = t;
    }
    setParent(ra, pa + pb);
    setParent(rb, ra);
  }
}
