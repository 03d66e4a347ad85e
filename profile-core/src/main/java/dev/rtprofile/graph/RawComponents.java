package dev.rtprofile.graph;

import java.io.IOException;

/**
 * The raw components (connected components of all eligible links, before the rules) as a union-find
 * with sizes: {@code parent[i] < 0} marks a root of {@code -parent[i]} identities. Only their sizes
 * are needed, for the component limit; the members are found by walking links. Not thread-safe.
 * {@link #writeTo} and {@link #readFrom} carry it whole, its shape as it is.
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

  /** Writes the column of identities {@code [0, count)}. */
  void writeTo(StateOutput out, int count) throws IOException {
    out.writeIntPages(parent, count);
  }

  /**
   * Replaces the contents of this union-find, which must be new, with what {@link #writeTo} wrote
   * for {@code count} identities.
   *
   * @throws MalformedStateException if the input is not such a union-find
   */
  void readFrom(StateInput in, int count) throws IOException {
    int[][] parents = in.readIntPages(count, Math.max(1, Pages.count(count)), 0);
    for (int i = 0; i < count; i++) {
      int p = parents[i >>> SHIFT][i & MASK];
      if (p >= 0) {
        StateInput.check(p, count, "a raw component parent");
      } else if (p < -count) {
        throw new MalformedStateException("a raw component size is out of range");
      }
    }
    parent = parents;
  }
}
