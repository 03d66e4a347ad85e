package dev.rtprofile.store;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of fragments as a persistent 32-way trie: {@link #with} and {@link #plus}
 * return a new list that shares all but one path of nodes with this one, so an update copies O(log
 * n) slots instead of the whole list. What {@link FragmentStore} keeps for an identity with many
 * datasets, so that a picture may share it while the writer goes on. Thread-safe (immutable).
 */
final class FragmentVector extends AbstractList<Fragment> implements RandomAccess {
  private static final int BITS = 5;
  private static final int WIDTH = 1 << BITS;
  private static final int MASK = WIDTH - 1;

  private static final FragmentVector EMPTY = new FragmentVector(new Object[WIDTH], 0, 0);

  private final Object[] root;
  private final int shift;
  private final int size;

  private FragmentVector(Object[] root, int shift, int size) {
    this.root = root;
    this.shift = shift;
    this.size = size;
  }

  /** The fragments of {@code list}, in its order. */
  static FragmentVector of(List<Fragment> list) {
    FragmentVector v = EMPTY;
    for (Fragment f : list) {
      v = v.plus(f);
    }
    return v;
  }

  @Override
  public Fragment get(int index) {
    Objects.checkIndex(index, size);
    Object[] node = root;
    for (int level = shift; level > 0; level -= BITS) {
      node = (Object[]) node[(index >>> level) & MASK];
    }
    return (Fragment) node[index & MASK];
  }

  @Override
  public int size() {
    return size;
  }

  /** This list with {@code fragment} at {@code index}. */
  FragmentVector with(int index, Fragment fragment) {
    Objects.checkIndex(index, size);
    return new FragmentVector(set(root, shift, index, fragment), shift, size);
  }

  /** This list with {@code fragment} appended. */
  FragmentVector plus(Fragment fragment) {
    if (size == 1 << (shift + BITS)) {
      Object[] deeper = new Object[WIDTH];
      deeper[0] = root;
      return new FragmentVector(set(deeper, shift + BITS, size, fragment), shift + BITS, size + 1);
    }
    return new FragmentVector(set(root, shift, size, fragment), shift, size + 1);
  }

  /** The slots an update copies: one node per level. */
  int slotsCopiedPerUpdate() {
    return (shift / BITS + 1) * WIDTH;
  }

  private static Object[] set(Object[] node, int level, int index, Fragment fragment) {
    Object[] copy = node == null ? new Object[WIDTH] : node.clone();
    if (level == 0) {
      copy[index & MASK] = fragment;
    } else {
      int slot = (index >>> level) & MASK;
      copy[slot] = set((Object[]) copy[slot], level - BITS, index, fragment);
    }
    return copy;
  }
}
