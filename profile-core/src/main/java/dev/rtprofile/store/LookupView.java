package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What lock-free lookups read: for every identity the graph holds, the {@link PublishedGraph} of
 * its graph as of the last write that touched it. Written only by the writer (under the write
 * lock), read from any thread; see {@link StoreLock}.
 *
 * <p>The identities of one graph share one {@link Slot}: a write that changes a graph's data but
 * not its membership replaces the slot's picture with one store, not one per identity (each such
 * store of a new object into an old one costs the collector's write barrier). Invariant, kept by
 * the writer: the identities that map to a slot are exactly its picture's members.
 */
final class LookupView {
  /** The current picture of one graph; shared by its identities. */
  private static final class Slot {
    volatile PublishedGraph graph;

    Slot(PublishedGraph graph) {
      this.graph = graph;
    }
  }

  private final ConcurrentHashMap<Identity, Slot> byIdentity;

  LookupView() {
    this(16);
  }

  /** Sized for {@code expectedIdentities}: a store loaded from a snapshot knows how many. */
  LookupView(int expectedIdentities) {
    byIdentity = new ConcurrentHashMap<>(Math.max(16, expectedIdentities));
  }

  /** The picture of the graph holding a canonical identity, or null if the store has none. */
  @Nullable PublishedGraph get(Identity canonical) {
    Slot slot = byIdentity.get(canonical);
    return slot == null ? null : slot.graph;
  }

  /**
   * Publishes a graph's picture for each of its identities, adding the pictures it replaces to
   * {@code replaced} (each once). When the identities' slot already holds a picture of the same
   * membership, the slot is updated in place. Writer only.
   */
  void publish(PublishedGraph graph, List<PublishedGraph> replaced) {
    List<Identity> members = graph.membership.identities();
    Slot shared = byIdentity.get(members.get(0));
    if (shared != null && shared.graph.membership == graph.membership) {
      PublishedGraph old = shared.graph;
      shared.graph = graph;
      addOnce(replaced, old);
      return;
    }
    Slot slot = new Slot(graph);
    Slot last = null;
    for (Identity member : members) {
      Slot old = byIdentity.put(member, slot);
      if (old != null && old != last) {
        last = old;
        addOnce(replaced, old.graph);
      }
    }
  }

  /** Adds a picture to a list of replaced ones unless it is there already. */
  static void addOnce(List<PublishedGraph> replaced, PublishedGraph graph) {
    if (!replaced.contains(graph)) {
      replaced.add(graph);
    }
  }

  /** Forgets an identity the graph no longer holds. Writer only. */
  void remove(Identity canonical) {
    byIdentity.remove(canonical);
  }

  /** Forgets everything, before a rebuild. Writer only. */
  void clear() {
    byIdentity.clear();
  }
}
