package dev.rtprofile.graph;

import java.util.Arrays;

/** A growable list of ints, for the graph's scratch work. Not thread-safe. */
final class IntList {
  private int[] items;
  private int size;

  IntList() {
    this(8);
  }

  IntList(int capacity) {
    items = new int[Math.max(1, capacity)];
  }

  void add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = value;
  }

  int get(int index) {
    return items[index];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(int value) {
    for (int i = 0; i < size; i++) {
      if (items[i] == value) {
        return true;
      }
    }
    return false;
  }

  /** Removes every value that {@code values} holds, keeping the order of the rest. */
  void removeAll(IntList values) {
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!values.contains(items[i])) {
        items[kept++] = items[i];
      }
    }
    size = kept;
  }

  void clear() {
    size = 0;
  }

  int[] toArray() {
    return Arrays.copyOf(items, size);
  }
}
