package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The fragments, by the primary identity they are stored under: what each dataset knows about each
 * identity. Each identity's list is immutable and replaced whole, so a {@link PublishedGraph} may
 * share it. No lock of its own: written under the store's write lock, read under its read lock (see
 * {@link StoreLock}).
 */
final class FragmentStore {
  /** Above this many fragments an identity's list is a {@link FragmentVector} with an index. */
  static final int SMALL = 16;

  private final Map<Identity, List<Fragment>> byIdentity = new HashMap<>();

  /** For identities with more than {@link #SMALL} fragments: each dataset's position. */
  private final Map<Identity, Map<String, Integer>> positions = new HashMap<>();

  private long count;

  /** List slots copied by updates since the store was made: a work count for tests. */
  long copied;

  long count() {
    return count;
  }

  /** The fragments stored under a canonical identity; empty if none. */
  List<Fragment> of(Identity identity) {
    return byIdentity.getOrDefault(identity, List.of());
  }

  /** Each identity holding fragments with its list, in no particular order (snapshots). */
  Set<Map.Entry<Identity, List<Fragment>>> all() {
    return byIdentity.entrySet();
  }

  /** The identities holding fragments. */
  Set<Identity> identities() {
    return byIdentity.keySet();
  }

  /** The fragment of (dataset, primary), or null. */
  @Nullable Fragment get(String dataset, Identity primary) {
    List<Fragment> list = byIdentity.get(primary);
    if (list == null) {
      return null;
    }
    int at = indexOf(primary, list, dataset);
    return at < 0 ? null : list.get(at);
  }

  private int indexOf(Identity primary, List<Fragment> list, String dataset) {
    Map<String, Integer> index = positions.get(primary);
    if (index != null) {
      Integer at = index.get(dataset);
      return at == null ? -1 : at;
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).dataset.equals(dataset)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Replaces {@code current} (null if new) with {@code next} under {@code primary}, in its place.
   * Costs O(log n) in the identity's fragments: a large list is a {@link FragmentVector}.
   */
  void put(Identity primary, @Nullable Fragment current, Fragment next) {
    List<Fragment> list = of(primary);
    int at = current == null ? -1 : indexOf(primary, list, current.dataset);
    List<Fragment> updated;
    if (list instanceof FragmentVector v) {
      updated = at >= 0 ? v.with(at, next) : v.plus(next);
      copied += v.slotsCopiedPerUpdate();
    } else if (at < 0 && list.size() == SMALL) {
      updated = FragmentVector.of(list).plus(next);
      copied += SMALL + 1;
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < updated.size(); i++) {
        index.put(updated.get(i).dataset, i);
      }
      positions.put(primary, index);
    } else {
      Fragment[] copy = list.toArray(new Fragment[list.size() + (at < 0 ? 1 : 0)]);
      copy[at < 0 ? list.size() : at] = next;
      updated = List.of(copy);
      copied += copy.length;
    }
    if (at < 0) {
      count++;
      Map<String, Integer> index = positions.get(primary);
      if (index != null) {
        index.put(next.dataset, updated.size() - 1);
      }
    }
    byIdentity.put(primary, updated);
  }

  /** The list of {@code fragments}, a {@link FragmentVector} if large, indexed if so. */
  private List<Fragment> listOf(Identity primary, List<Fragment> fragments) {
    positions.remove(primary);
    if (fragments.size() <= SMALL) {
      return List.copyOf(fragments);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < fragments.size(); i++) {
      index.put(fragments.get(i).dataset, i);
    }
    positions.put(primary, index);
    return FragmentVector.of(fragments);
  }

  /** The fragments of several identities, unordered. */
  List<Fragment> of(List<Identity> identities) {
    List<Fragment> all = new ArrayList<>();
    for (Identity member : identities) {
      List<Fragment> own = byIdentity.get(member);
      if (own != null) {
        all.addAll(own);
      }
    }
    return all;
  }

  /** Removes every fragment stored under an identity. */
  void remove(Identity identity) {
    List<Fragment> removed = byIdentity.remove(identity);
    positions.remove(identity);
    if (removed != null) {
      count -= removed.size();
    }
  }

  /** The identities holding a fragment of {@code dataset}, in canonical order. */
  Set<Identity> owners(String dataset) {
    Set<Identity> out = new TreeSet<>(Identity.canonicalOrder());
    for (Map.Entry<Identity, List<Fragment>> e : byIdentity.entrySet()) {
      for (Fragment f : e.getValue()) {
        if (f.dataset.equals(dataset)) {
          out.add(e.getKey());
        }
      }
    }
    return out;
  }

  /** Removes every fragment of {@code dataset}. */
  void removeDataset(String dataset) {
    for (Iterator<Map.Entry<Identity, List<Fragment>>> it = byIdentity.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Identity, List<Fragment>> e = it.next();
      List<Fragment> rest = new ArrayList<>();
      for (Fragment f : e.getValue()) {
        if (f.dataset.equals(dataset)) {
          count--;
        } else {
          rest.add(f);
        }
      }
      if (rest.isEmpty()) {
        it.remove();
        positions.remove(e.getKey());
      } else if (rest.size() != e.getValue().size()) {
        e.setValue(listOf(e.getKey(), rest));
      }
    }
  }
}
