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
  private final Map<Identity, List<Fragment>> byIdentity = new HashMap<>();
  private long count;

  long count() {
    return count;
  }

  /** The fragments stored under a canonical identity; empty if none. */
  List<Fragment> of(Identity identity) {
    return byIdentity.getOrDefault(identity, List.of());
  }

  /** The identities holding fragments. */
  Set<Identity> identities() {
    return byIdentity.keySet();
  }

  /** The fragment of (dataset, primary), or null. */
  @Nullable Fragment get(String dataset, Identity primary) {
    List<Fragment> list = byIdentity.get(primary);
    if (list != null) {
      for (Fragment f : list) {
        if (f.dataset.equals(dataset)) {
          return f;
        }
      }
    }
    return null;
  }

  /** Replaces {@code current} (null if new) with {@code next} under {@code primary}. */
  void put(Identity primary, @Nullable Fragment current, Fragment next) {
    List<Fragment> list = new ArrayList<>(of(primary));
    if (current != null) {
      list.remove(current);
    } else {
      count++;
    }
    list.add(next);
    byIdentity.put(primary, List.copyOf(list));
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
      } else if (rest.size() != e.getValue().size()) {
        e.setValue(List.copyOf(rest));
      }
    }
  }
}
