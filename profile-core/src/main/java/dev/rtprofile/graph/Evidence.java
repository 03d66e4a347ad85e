package dev.rtprofile.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-entity evidence (for identities or links): which datasets saw the entity and when, first and
 * last. The common case, one dataset, lives in three primitive columns; an entity seen by several
 * datasets keeps its per-dataset spans in an overflow map so that deleting one dataset's data can
 * restore the others' timestamps exactly. Not thread-safe.
 */
final class Evidence {
  /** Marks an entity whose datasets live in the overflow map. */
  private static final int MULTI = -1;

  static final int FIRST_CHANGED = 1;
  static final int LAST_CHANGED = 2;

  private static final int SHIFT = Pages.SHIFT;
  private static final int MASK = Pages.MASK;

  // Paged columns (see Pages): element i at [i >>> SHIFT][i & MASK].
  private int[][] dataset = new int[0][];
  private long[][] first = new long[0][];
  private long[][] last = new long[0][];
  private final Map<Integer, Spans> overflow = new HashMap<>();

  Evidence(int capacity) {
    grow(capacity);
  }

  void grow(int capacity) {
    if (capacity > dataset.length << SHIFT) {
      dataset = Pages.ints(dataset, capacity, 0);
      first = Pages.longs(first, capacity);
      last = Pages.longs(last, capacity);
    }
  }

  private int dataset(int entity) {
    return dataset[entity >>> SHIFT][entity & MASK];
  }

  private void setDataset(int entity, int ds) {
    dataset[entity >>> SHIFT][entity & MASK] = ds;
  }

  private void setFirst(int entity, long timestamp) {
    first[entity >>> SHIFT][entity & MASK] = timestamp;
  }

  private void setLast(int entity, long timestamp) {
    last[entity >>> SHIFT][entity & MASK] = timestamp;
  }

  void init(int entity, int ds, long timestamp) {
    int page = entity >>> SHIFT;
    int at = entity & MASK;
    if (dataset[page][at] == MULTI) {
      overflow.remove(entity);
    }
    dataset[page][at] = ds;
    first[page][at] = timestamp;
    last[page][at] = timestamp;
  }

  long first(int entity) {
    return first[entity >>> SHIFT][entity & MASK];
  }

  long last(int entity) {
    return last[entity >>> SHIFT][entity & MASK];
  }

  /** Records one more sighting; returns {@link #FIRST_CHANGED} and/or {@link #LAST_CHANGED}. */
  int observe(int entity, int ds, long timestamp) {
    int current = dataset(entity);
    if (current != ds) {
      Spans spans = overflow.get(entity);
      if (spans == null) {
        spans = new Spans();
        spans.add(current, first(entity), last(entity));
        overflow.put(entity, spans);
        setDataset(entity, MULTI);
      }
      spans.add(ds, timestamp, timestamp);
    }
    int changed = 0;
    if (timestamp < first(entity)) {
      setFirst(entity, timestamp);
      changed |= FIRST_CHANGED;
    }
    if (timestamp > last(entity)) {
      setLast(entity, timestamp);
      changed |= LAST_CHANGED;
    }
    return changed;
  }

  /** Whether {@code ds} asserted the entity. */
  boolean has(int entity, int ds) {
    int current = dataset(entity);
    if (current != MULTI) {
      return current == ds;
    }
    return overflow.get(entity).indexOf(ds) >= 0;
  }

  /** Returns the datasets that asserted the entity, in ascending dataset id order. */
  int[] datasets(int entity) {
    int current = dataset(entity);
    if (current != MULTI) {
      return new int[] {current};
    }
    Spans spans = overflow.get(entity);
    return Arrays.copyOf(spans.ds, spans.size);
  }

  /**
   * Removes what {@code ds} asserted; returns true if no evidence is left, in which case the entity
   * should be deleted. Otherwise first and last are recomputed from what remains.
   */
  boolean removeDataset(int entity, int ds) {
    int current = dataset(entity);
    if (current != MULTI) {
      return current == ds;
    }
    Spans spans = overflow.get(entity);
    spans.remove(ds);
    if (spans.size == 1) {
      overflow.remove(entity);
      setDataset(entity, spans.ds[0]);
      setFirst(entity, spans.first[0]);
      setLast(entity, spans.last[0]);
    } else {
      long from = Long.MAX_VALUE;
      long to = Long.MIN_VALUE;
      for (int i = 0; i < spans.size; i++) {
        from = Math.min(from, spans.first[i]);
        to = Math.max(to, spans.last[i]);
      }
      setFirst(entity, from);
      setLast(entity, to);
    }
    return false;
  }

  void clear(int entity) {
    if (dataset(entity) == MULTI) {
      overflow.remove(entity);
    }
    setDataset(entity, 0);
  }

  /** The spans of an entity seen by several datasets, sorted by dataset id. */
  private static final class Spans {
    int[] ds = new int[4];
    long[] first = new long[4];
    long[] last = new long[4];
    int size;

    int indexOf(int dataset) {
      return Arrays.binarySearch(ds, 0, size, dataset);
    }

    void add(int dataset, long from, long to) {
      int i = indexOf(dataset);
      if (i >= 0) {
        first[i] = Math.min(first[i], from);
        last[i] = Math.max(last[i], to);
        return;
      }
      int at = -i - 1;
      if (size == ds.length) {
        ds = Arrays.copyOf(ds, size * 2);
        first = Arrays.copyOf(first, size * 2);
        last = Arrays.copyOf(last, size * 2);
      }
      System.arraycopy(ds, at, ds, at + 1, size - at);
      System.arraycopy(first, at, first, at + 1, size - at);
      System.arraycopy(last, at, last, at + 1, size - at);
      ds[at] = dataset;
      first[at] = from;
      last[at] = to;
      size++;
    }

    void remove(int dataset) {
      int i = indexOf(dataset);
      if (i < 0) {
        return;
      }
      System.arraycopy(ds, i + 1, ds, i, size - i - 1);
      System.arraycopy(first, i + 1, first, i, size - i - 1);
      System.arraycopy(last, i + 1, last, i, size - i - 1);
      size--;
    }
  }
}
