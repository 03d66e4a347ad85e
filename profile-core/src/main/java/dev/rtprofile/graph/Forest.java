package dev.rtprofile.graph;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The accepted graph as a union-find forest over identity ids: {@code parent[i] < 0} marks a root
 * whose graph has {@code -parent[i]} identities; unions are by size, writers' finds halve paths,
 * readers' finds leave the forest alone. Each graph's members form a circular list through {@code
 * next}, spliced on union, so a graph is enumerable in O(size). Per root it keeps the oldest
 * identity (for the profile id), a bit mask of the unique namespaces present and flags. Not
 * thread-safe; read-only finds are safe while no write runs.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the forest whole, its shape as it is, since which
 * identity is a root decides the order of every scan by id.
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

  private static final int SHIFT = Pages.SHIFT;
  private static final int MASK = Pages.MASK;

  // Paged columns (see Pages): element i at [i >>> SHIFT][i & MASK].
  private int[][] parent = new int[0][];
  private int[][] next = new int[0][];
  private int[][] oldest = new int[0][];
  private int[][] info = new int[0][];

  Forest(int capacity) {
    ensureCapacity(capacity);
  }

  void ensureCapacity(int capacity) {
    if (capacity > capacity()) {
      parent = Pages.ints(parent, capacity, 0);
      next = Pages.ints(next, capacity, 0);
      oldest = Pages.ints(oldest, capacity, 0);
      info = Pages.ints(info, capacity, 0);
    }
  }

  int capacity() {
    return parent.length << SHIFT;
  }

  private int parent(int i) {
    return parent[i >>> SHIFT][i & MASK];
  }

  /** Makes {@code i} a graph of its own with the given unique-namespace bits and flags. */
  void singleton(int i, int info) {
    int page = i >>> SHIFT;
    int at = i & MASK;
    parent[page][at] = -1;
    next[page][at] = i;
    oldest[page][at] = i;
    this.info[page][at] = info;
  }

  /** Finds the root of {@code i}, halving the path. For writers only. */
  int find(int i) {
    return Pages.find(parent, i);
  }

  /** Finds the root of {@code i} without changing the forest; safe for concurrent readers. */
  int findReadOnly(int i) {
    for (int p = parent(i); p >= 0; p = parent(i)) {
      i = p;
    }
    return i;
  }

  int size(int root) {
    return -parent(root);
  }

  int next(int i) {
    return next[i >>> SHIFT][i & MASK];
  }

  int oldest(int root) {
    return oldest[root >>> SHIFT][root & MASK];
  }

  void setOldest(int root, int identity) {
    oldest[root >>> SHIFT][root & MASK] = identity;
  }

  int info(int root) {
    return info[root >>> SHIFT][root & MASK];
  }

  void setFlags(int root, int flags) {
    info[root >>> SHIFT][root & MASK] |= flags;
  }

  void clearFlags(int root, int flags) {
    info[root >>> SHIFT][root & MASK] &= ~flags;
  }

  /**
   * Unites two roots, the smaller under the larger, and returns the new root. The caller picks the
   * surviving oldest identity, since that needs the identities' timestamps and values.
   */
  int union(int ra, int rb) {
    int root = Pages.unite(parent, ra, rb);
    int other = root == ra ? rb : ra;
    setFlags(root, info(other));
    int t = next(root);
    next[root >>> SHIFT][root & MASK] = next(other);
    next[other >>> SHIFT][other & MASK] = t;
    return root;
  }

  /** Writes the columns of identities {@code [0, count)}. */
  void writeTo(StateOutput out, int count) throws IOException {
    out.writeIntPages(parent, count);
    out.writeIntPages(next, count);
    out.writeIntPages(oldest, count);
    out.writeIntPages(info, count);
  }

  /**
   * Replaces the contents of this forest, which must be new, with what {@link #writeTo} wrote for
   * {@code count} identities, the unique-namespace bits mapped through {@code uniqueBitMap} (bit
   * {@code i} becomes bit {@code uniqueBitMap[i]}) unless it is null.
   *
   * @throws MalformedStateException if the input is not such a forest
   */
  void readFrom(StateInput in, int count, int @Nullable [] uniqueBitMap) throws IOException {
    int pages = Math.max(1, Pages.count(count));
    int[][] parents = in.readIntPages(count, pages, 0);
    int[][] nexts = in.readIntPages(count, pages, 0);
    int[][] oldests = in.readIntPages(count, pages, 0);
    int[][] infos = in.readIntPages(count, pages, 0);
    for (int i = 0; i < count; i++) {
      int p = parents[i >>> SHIFT][i & MASK];
      if (p >= 0) {
        StateInput.check(p, count, "a forest parent");
      } else if (p < -count) {
        throw new MalformedStateException("a forest size is out of range");
      }
      StateInput.check(nexts[i >>> SHIFT][i & MASK], count, "a forest member list");
      StateInput.check(oldests[i >>> SHIFT][i & MASK], count, "a forest's oldest identity");
      if (uniqueBitMap != null) {
        int old = infos[i >>> SHIFT][i & MASK];
        int bits = 0;
        for (int bit = 0; bit < uniqueBitMap.length; bit++) {
          if ((old & (1 << bit)) != 0) {
            bits |= 1 << uniqueBitMap[bit];
          }
        }
        infos[i >>> SHIFT][i & MASK] = (old & ~UNIQUE_MASK) | bits;
      }
    }
    parent = parents;
    next = nexts;
    oldest = oldests;
    info = infos;
  }
}
