package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The merged values of one whole-graph policy laid out for scans: a slot per graph (named by its
 * anchor) and, per attribute path a scan has read, a column of the merged value in each slot. A
 * scan then walks arrays instead of looking every graph's fragments up.
 *
 * <p>Built on the first scan of the policy, a column on the first scan of its path. Writes only
 * note which anchors they touched (under the store's write lock); the next scan re-merges those
 * graphs' slots before it reads, holding the store's lock exclusively ({@link
 * StoreLock#exclusive}); a scan of an up-to-date table only reads, under the read lock. So the
 * arrays never change while any scan reads them, and the table has no lock of its own.
 */
final class ScanTable {
  private final StoreReads store;
  private final MergePolicy policy;

  /** Slot to anchor; null for a free slot. */
  private Identity[] anchors = new Identity[0];

  private final Map<Identity, Integer> slotOf = new HashMap<>();
  private final List<Integer> free = new ArrayList<>();
  private int highWater;
  private final Map<String, Object[]> columns = new HashMap<>();

  /** Anchors touched by writes since the last scan; written under the store's write lock. */
  private final Set<Identity> pending = new HashSet<>();

  private boolean built;

  ScanTable(StoreReads store, MergePolicy policy) {
    this.store = store;
    this.policy = policy;
  }

  // ---------------------------------------------------------------------------------------------
  // Writer side: the store's write lock is held.

  /** Notes graphs whose members or merged values may have changed. */
  void touched(Collection<Identity> touchedAnchors) {
    if (built) {
      pending.addAll(touchedAnchors);
    }
  }

  /** Forgets everything; the next scan rebuilds the table. */
  void clear() {
    built = false;
    anchors = new Identity[0];
    slotOf.clear();
    free.clear();
    highWater = 0;
    columns.clear();
    pending.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Reader side: the store's read lock is held; the exclusive lock when the table is stale.

  /** Whether {@link #prepare} would change the table: then the caller must hold it exclusively. */
  boolean stale(Collection<String> paths) {
    return !built || !pending.isEmpty() || !columns.keySet().containsAll(paths);
  }

  /** What one scan reads: the slots and the columns of its paths, fixed while it holds the lock. */
  record Snapshot(int slots, Identity[] anchors, Map<String, Object[]> columns) {}

  /**
   * Brings the table up to date with every write so far, makes sure each path has a column, and
   * returns what the scan reads.
   */
  Snapshot prepare(Collection<String> paths) {
    IdentityGraph graph = store.graph();
    if (!built) {
      List<Identity> all = graph.anchors();
      anchors = all.toArray(new Identity[0]);
      highWater = anchors.length;
      for (int slot = 0; slot < highWater; slot++) {
        slotOf.put(anchors[slot], slot);
      }
      built = true;
    } else if (!pending.isEmpty()) {
      refresh(graph);
    }
    for (String path : paths) {
      if (!columns.containsKey(path)) {
        Object[] column = new Object[anchors.length];
        for (int slot = 0; slot < highWater; slot++) {
          if (anchors[slot] != null) {
            column[slot] = valueOf(members(anchors[slot]), path);
          }
        }
        columns.put(path, column);
      }
    }
    Map<String, Object[]> read = new HashMap<>();
    for (String path : paths) {
      read.put(path, columns.get(path));
    }
    return new Snapshot(highWater, anchors, read);
  }

  private void refresh(IdentityGraph graph) {
    for (Identity anchor : pending) {
      Optional<Identity> current = graph.anchor(anchor);
      boolean live = current.isPresent() && current.get().equals(anchor);
      Integer slot = slotOf.get(anchor);
      if (!live) {
        if (slot != null) {
          slotOf.remove(anchor);
          anchors[slot] = null;
          for (Object[] column : columns.values()) {
            column[slot] = null;
          }
          free.add(slot);
        }
        continue;
      }
      if (slot == null) {
        slot = allocate();
        anchors[slot] = anchor;
        slotOf.put(anchor, slot);
      }
      Membership m = members(anchor);
      for (Map.Entry<String, Object[]> column : columns.entrySet()) {
        column.getValue()[slot] = valueOf(m, column.getKey());
      }
    }
    pending.clear();
  }

  private int allocate() {
    if (!free.isEmpty()) {
      return free.remove(free.size() - 1);
    }
    if (highWater == anchors.length) {
      int capacity = Math.max(16, anchors.length * 2);
      anchors = Arrays.copyOf(anchors, capacity);
      columns.replaceAll((path, column) -> Arrays.copyOf(column, capacity));
    }
    return highWater++;
  }

  private Membership members(Identity anchor) {
    return store
        .graph()
        .membership(anchor)
        .orElseThrow(() -> new IllegalStateException("a graph of the scan table vanished"));
  }

  private @Nullable Object valueOf(Membership m, String path) {
    return store.mergedValue(m, policy, path);
  }
}
