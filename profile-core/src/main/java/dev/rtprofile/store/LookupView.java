package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What lock-free lookups read: for every identity the graph holds, the {@link PublishedGraph} of
 * its graph as of the last write that touched it. Written only by the writer (under the write
 * lock), read from any thread; see {@link StoreLock}.
 */
final class LookupView {
  private final ConcurrentHashMap<Identity, PublishedGraph> byIdentity = new ConcurrentHashMap<>();

  /** The picture of the graph holding a canonical identity, or null if the store has none. */
  @Nullable PublishedGraph get(Identity canonical) {
    return byIdentity.get(canonical);
  }

  /**
   * Publishes a graph's picture for each of its identities, adding the pictures it replaces to
   * {@code replaced} (each once). Writer only.
   */
  void publish(PublishedGraph graph, List<PublishedGraph> replaced) {
    PublishedGraph last = null;
    for (Identity member : graph.membership.identities()) {
      PublishedGraph old = byIdentity.put(member, graph);
      if (old != null && old != last) {
        last = old;
        if (!replaced.contains(old)) {
          replaced.add(old);
        }
      }
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
