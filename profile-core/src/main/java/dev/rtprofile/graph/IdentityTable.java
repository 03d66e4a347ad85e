package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Interns identities, (namespace index, value), to dense ints, with an open-addressing index
 * (linear probing, backward-shift deletion) and a free list so that deleted ids are reused. An id's
 * value slot is cleared when the identity is deleted, so an erased value is not retained. Not
 * thread-safe; reads are safe while no write runs.
 *
 * <p>Each index slot is one {@code long}, the identity's hash in the high half and its id + 1 in
 * the low half, so a probe costs one cache line: a lookup of an absent identity (most lookups while
 * linking) touches no identity column at all.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the table whole, ids and free list as they are;
 * the index is rebuilt on reading, since which slot an identity sits in is never observable.
 */
final class IdentityTable {
  private static final int SHIFT = Pages.SHIFT;
  private static final int MASK = Pages.MASK;

  // Paged columns (see Pages): element i at [i >>> SHIFT][i & MASK].
  private short[][] namespace = new short[0][];
  private String[][] value = new String[0][];
  private long[] slots; // hash << 32 | (identity id + 1); 0 = empty
  private int mask;
  private int size;
  private int highWater; // ids below this have been handed out at least once
  private int[] free = new int[16];
  private int freeCount;

  IdentityTable(int capacity) {
    namespace = Pages.shorts(namespace, capacity);
    value = Pages.strings(value, capacity);
    int tableSize = Integer.highestOneBit(Math.max(16, capacity * 2 - 1)) << 1;
    slots = new long[tableSize];
    mask = tableSize - 1;
  }

  int capacity() {
    return value.length << SHIFT;
  }

  int size() {
    return size;
  }

  /** One past the largest id ever handed out; ids below it are live or free. */
  int highWater() {
    return highWater;
  }

  boolean live(int id) {
    return id >= 0 && id < highWater && value(id) != null;
  }

  int namespace(int id) {
    return namespace[id >>> SHIFT][id & MASK];
  }

  String value(int id) {
    return value[id >>> SHIFT][id & MASK];
  }

  /** String hash codes of sequential values are sequential; mix them so probing stays short. */
  static int hash(int ns, String v) {
    int h = v.hashCode() * 31 + ns;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /** Returns the id of (ns, v), or -1. */
  int find(int ns, String v) {
    int h = hash(ns, v);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if ((int) (slot >>> 32) == h) {
        int id = (int) slot - 1;
        if (namespace(id) == ns && value(id).equals(v)) {
          return id;
        }
      }
    }
  }

  /**
   * Returns the id of (ns, v), whose {@link #hash} is {@code h}, if present; otherwise adds it and
   * returns {@code ~id} (a negative number) of the new id, with one probe sequence for both. The
   * caller grows the other per-identity columns when a new id reaches their capacity.
   */
  int findOrAdd(int ns, String v, int h) {
    if ((size + 1) * 3L > slots.length * 2L) {
      rehash(slots.length * 2);
    }
    int i = h & mask;
    for (long slot; (slot = slots[i]) != 0; i = (i + 1) & mask) {
      if ((int) (slot >>> 32) == h) {
        int id = (int) slot - 1;
        if (namespace(id) == ns && value(id).equals(v)) {
          return id;
        }
      }
    }
    int id = newId(ns, v);
    slots[i] = ((long) h << 32) | (id + 1);
    return ~id;
  }

  private int newId(int ns, String v) {
    int id;
    if (freeCount > 0) {
      id = free[--freeCount];
    } else {
      id = highWater++;
      if (id == capacity()) {
        namespace = Pages.shorts(namespace, id + 1);
        value = Pages.strings(value, id + 1);
      }
    }
    namespace[id >>> SHIFT][id & MASK] = (short) ns;
    value[id >>> SHIFT][id & MASK] = v;
    size++;
    return id;
  }

  /**
   * Reads the first index slot of hash {@code h} and returns it, so that a caller about to intern
   * several identities can have their cache lines loaded in parallel before it probes one by one.
   */
  long touch(int h) {
    return slots[h & mask];
  }

  /** Removes identity {@code id}; its id goes to the free list. */
  void remove(int id) {
    int i = hash(namespace(id), value(id)) & mask;
    while ((int) slots[i] != id + 1) {
      i = (i + 1) & mask;
    }
    // Backward-shift deletion keeps every probe sequence intact without tombstones.
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int home = (int) (slots[j] >>> 32) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = 0;
    value[id >>> SHIFT][id & MASK] = null;
    size--;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = id;
  }

  private void rehash(int tableSize) {
    long[] old = slots;
    slots = new long[tableSize];
    mask = tableSize - 1;
    for (long slot : old) {
      if (slot != 0) {
        int i = (int) (slot >>> 32) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = slot;
      }
    }
  }

  /**
   * Writes the table: the ids handed out, their namespaces and values (null for a free id), the
   * free list in order, and the index's size; not the index itself.
   */
  void writeTo(StateOutput out) throws IOException {
    out.writeInt(highWater);
    out.writeInt(size);
    out.writeInt(freeCount);
    out.writeInt(slots.length);
    out.writeShortPages(namespace, highWater);
    out.writeStrings(highWater, this::value);
    out.writeInts(free, freeCount);
  }

  /**
   * Replaces the contents of this table, which must be new, with what {@link #writeTo} wrote, the
   * namespace indexes mapped through {@code namespaceMap} (unless null), and rebuilds the index:
   * every read and write then behaves as on the table written.
   *
   * @throws MalformedStateException if the input is not such a table for {@code namespaces}
   *     namespaces
   */
  void readFrom(StateInput in, int namespaces, int @Nullable [] namespaceMap) throws IOException {
    int hw = in.count("the identity count", Integer.MAX_VALUE - Pages.SIZE);
    int live = in.count("the live identity count", hw);
    int freed = in.count("the free identity count", hw);
    int tableSize = in.readInt();
    if (live + freed != hw) {
      throw new MalformedStateException("the identity counts disagree");
    }
    // The index is at most twice as large as its load limit (two thirds) ever required.
    if (tableSize < 16
        || tableSize > Math.max(2048L, Integer.highestOneBit(hw) * 8L)
        || Integer.bitCount(tableSize) != 1
        || live * 3L > tableSize * 2L) {
      throw new MalformedStateException("the identity index size is out of range");
    }
    int pages = Math.max(1, Pages.count(hw));
    short[][] ns = in.readShortPages(hw, pages);
    @Nullable String[] values = in.readStrings(hw);
    int[] freeIds = in.readIntArray(freed, 16);
    String[][] valuePages = new String[pages][];
    for (int p = 0; p < pages; p++) {
      String[] page = new String[Pages.SIZE];
      int from = p << SHIFT;
      System.arraycopy(values, from, page, 0, Math.max(0, Math.min(Pages.SIZE, hw - from)));
      valuePages[p] = page;
    }
    int counted = 0;
    for (int id = 0; id < hw; id++) {
      int index = StateInput.check(ns[id >>> SHIFT][id & MASK], namespaces, "a namespace index");
      if (namespaceMap != null) {
        ns[id >>> SHIFT][id & MASK] = (short) namespaceMap[index];
      }
      if (values[id] != null) {
        counted++;
      }
    }
    if (counted != live) {
      throw new MalformedStateException("the live identity count is wrong");
    }
    for (int k = 0; k < freed; k++) {
      int id = StateInput.check(freeIds[k], hw, "a free identity id");
      if (values[id] != null) {
        throw new MalformedStateException("a free identity id is live");
      }
    }
    namespace = ns;
    value = valuePages;
    highWater = hw;
    size = live;
    free = freeIds;
    freeCount = freed;
    slots = new long[tableSize];
    mask = tableSize - 1;
    for (int id = 0; id < hw; id++) {
      String v = values[id];
      if (v != null) {
        index(id, namespace(id), v);
      }
    }
  }

  /** Adds id to the index, rebuilt on reading; fails if its identity is there already. */
  private void index(int id, int ns, String v) throws MalformedStateException {
    int h = hash(ns, v);
    int i = h & mask;
    for (long slot; (slot = slots[i]) != 0; i = (i + 1) & mask) {
      if ((int) (slot >>> 32) == h) {
        int other = (int) slot - 1;
        if (namespace(other) == ns && value(other).equals(v)) {
          throw new MalformedStateException("an identity is in the table twice");
        }
      }
    }
    slots[i] = ((long) h << 32) | (id + 1);
  }
}
