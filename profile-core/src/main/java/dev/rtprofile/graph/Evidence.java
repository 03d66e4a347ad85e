package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Per-entity evidence (for identities or links): which datasets saw the entity and when, first and
 * last. The common case, one dataset, lives in three primitive columns; an entity seen by several
 * datasets keeps its per-dataset spans in an overflow map so that deleting one dataset's data can
 * restore the others' timestamps exactly; adding a dataset costs O(1) however many there are. Not
 * thread-safe.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry it whole: columns as they are, each overflow
 * entry's spans in their slot order with the capacity of their arrays.
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

  /** Span slots written or moved since this was made: a work count for tests. */
  long slotsMoved;

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
        slotsMoved += spans.add(current, first(entity), last(entity));
        overflow.put(entity, spans);
        setDataset(entity, MULTI);
      }
      slotsMoved += spans.add(ds, timestamp, timestamp);
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
    return overflow.get(entity).sorted();
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

  /**
   * Writes the evidence of entities {@code [0, count)}: the columns, the overflow entries by
   * entity, and the work count.
   */
  void writeTo(StateOutput out, int count) throws IOException {
    out.writeIntPages(dataset, count);
    out.writeLongPages(first, count);
    out.writeLongPages(last, first, count);
    out.writeLong(slotsMoved);
    int[] entities = new int[overflow.size()];
    int k = 0;
    long spans = 0;
    for (Map.Entry<Integer, Spans> e : overflow.entrySet()) {
      entities[k++] = e.getKey();
      spans += e.getValue().size;
    }
    Arrays.sort(entities);
    if (spans > Integer.MAX_VALUE) {
      throw new IllegalStateException("evidence has more than 2^31 spans");
    }
    int[] sizes = new int[entities.length];
    int[] capacities = new int[entities.length];
    int[] indexed = new int[entities.length];
    int[] ds = new int[(int) spans];
    long[] from = new long[(int) spans];
    long[] to = new long[(int) spans];
    int at = 0;
    for (int i = 0; i < entities.length; i++) {
      Spans s = overflow.get(entities[i]);
      sizes[i] = s.size;
      capacities[i] = s.ds.length;
      indexed[i] = s.slots != null ? 1 : 0;
      System.arraycopy(s.ds, 0, ds, at, s.size);
      System.arraycopy(s.first, 0, from, at, s.size);
      System.arraycopy(s.last, 0, to, at, s.size);
      at += s.size;
    }
    out.writeInt(entities.length);
    out.writeInts(entities, entities.length);
    out.writeInts(sizes, sizes.length);
    out.writeInts(capacities, capacities.length);
    out.writeInts(indexed, indexed.length);
    out.writeInt(ds.length);
    out.writeInts(ds, ds.length);
    out.writeLongs(from, from.length);
    out.writeLongs(to, to.length);
  }

  /**
   * Replaces the contents of this evidence, which must be new, with what {@link #writeTo} wrote for
   * {@code count} entities whose dataset ids are below {@code datasets}.
   *
   * @throws MalformedStateException if the input is not such evidence
   */
  void readFrom(StateInput in, int count, int datasets) throws IOException {
    int pages = Math.max(1, Pages.count(count));
    int[][] dsPages = in.readIntPages(count, pages, 0);
    long[][] firstPages = in.readLongPages(count, pages);
    long[][] lastPages = in.readLongPages(count, pages, firstPages);
    long moved = in.readLong();
    int n = in.count("the evidence overflow count", count);
    int[] entities = in.readIntArray(n, 0);
    int[] sizes = in.readIntArray(n, 0);
    int[] capacities = in.readIntArray(n, 0);
    int[] indexed = in.readIntArray(n, 0);
    int spans = in.count("the evidence span count", Integer.MAX_VALUE);
    int[] ds = in.readIntArray(spans, 0);
    long[] from = in.readLongArray(spans);
    long[] to = in.readLongArray(spans);
    int multi = 0;
    for (int e = 0; e < count; e++) {
      int d = dsPages[e >>> SHIFT][e & MASK];
      if (d == MULTI) {
        multi++;
      } else {
        StateInput.check(d, Math.max(1, datasets), "a dataset id of evidence");
      }
    }
    if (multi != n) {
      throw new MalformedStateException("the evidence overflow count is wrong");
    }
    Map<Integer, Spans> entries = new HashMap<>();
    int at = 0;
    for (int i = 0; i < n; i++) {
      int entity = StateInput.check(entities[i], count, "an evidence entity");
      int size = sizes[i];
      int capacity = capacities[i];
      if (size < 2
          || capacity < size
          || capacity < 4
          || capacity > Math.max(4, 2L * datasets)
          || Integer.bitCount(capacity) != 1
          || size > spans - at
          || (indexed[i] != 1 && (indexed[i] != 0 || size > Spans.INDEXED))
          || dsPages[entity >>> SHIFT][entity & MASK] != MULTI) {
        throw new MalformedStateException("an evidence overflow entry is malformed");
      }
      Spans s = new Spans();
      s.ds = new int[capacity];
      s.first = new long[capacity];
      s.last = new long[capacity];
      System.arraycopy(ds, at, s.ds, 0, size);
      System.arraycopy(from, at, s.first, 0, size);
      System.arraycopy(to, at, s.last, 0, size);
      s.size = size;
      at += size;
      if (indexed[i] == 1) {
        s.slots = new HashMap<>();
      }
      for (int k = 0; k < size; k++) {
        StateInput.check(s.ds[k], datasets, "a dataset id of evidence");
        if (s.slots != null ? s.slots.put(s.ds[k], k) != null : s.indexOf(s.ds[k]) != k) {
          throw new MalformedStateException("an evidence overflow entry names a dataset twice");
        }
      }
      if (entries.put(entity, s) != null) {
        throw new MalformedStateException("an evidence entity is in the overflow twice");
      }
    }
    if (at != spans) {
      throw new MalformedStateException("the evidence span count is wrong");
    }
    dataset = dsPages;
    first = firstPages;
    last = lastPages;
    slotsMoved = moved;
    overflow.clear();
    overflow.putAll(entries);
  }

  /**
   * The spans of an entity seen by several datasets, in the order first seen; above {@link
   * #INDEXED} datasets a hash index finds a dataset's slot, so adding or removing one costs O(1)
   * whatever the order datasets arrive in (a sorted array cost O(n) per insertion: quadratic for an
   * identity seen by tens of thousands of datasets).
   */
  private static final class Spans {
    static final int INDEXED = 8;

    int[] ds = new int[4];
    long[] first = new long[4];
    long[] last = new long[4];
    int size;
    @Nullable Map<Integer, Integer> slots;

    int indexOf(int dataset) {
      if (slots != null) {
        Integer at = slots.get(dataset);
        return at == null ? -1 : at;
      }
      for (int i = 0; i < size; i++) {
        if (ds[i] == dataset) {
          return i;
        }
      }
      return -1;
    }

    /** Adds or widens a dataset's span; returns the slots written or moved. */
    int add(int dataset, long from, long to) {
      int i = indexOf(dataset);
      if (i >= 0) {
        first[i] = Math.min(first[i], from);
        last[i] = Math.max(last[i], to);
        return 1;
      }
      int moved = 1;
      if (size == ds.length) {
        moved += size;
        ds = Arrays.copyOf(ds, size * 2);
        first = Arrays.copyOf(first, size * 2);
        last = Arrays.copyOf(last, size * 2);
      }
      ds[size] = dataset;
      first[size] = from;
      last[size] = to;
      if (slots != null) {
        slots.put(dataset, size);
      } else if (size + 1 > INDEXED) {
        slots = new HashMap<>();
        for (int k = 0; k <= size; k++) {
          slots.put(ds[k], k);
        }
      }
      size++;
      return moved;
    }

    void remove(int dataset) {
      int i = indexOf(dataset);
      if (i < 0) {
        return;
      }
      int end = size - 1;
      ds[i] = ds[end];
      first[i] = first[end];
      last[i] = last[end];
      size--;
      if (slots != null) {
        slots.remove(dataset);
        if (i < size) {
          slots.put(ds[i], i);
        }
      }
    }

    /** The datasets in ascending id order. */
    int[] sorted() {
      int[] out = Arrays.copyOf(ds, size);
      Arrays.sort(out);
      return out;
    }
  }
}
