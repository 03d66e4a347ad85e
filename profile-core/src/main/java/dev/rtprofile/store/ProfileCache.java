package dev.rtprofile.store;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Merged profiles, keyed by the {@link PublishedGraph} they were merged from, the policy and (for
 * NONE stitching) the identity: a profile is only ever found for the very picture it was merged
 * from, so no write can make an entry wrong; writers drop the entries of pictures they replace only
 * to free memory. Bounded: once full, each new entry evicts one in the map's hash order, unrelated
 * to use. Read and filled by lookups from any thread without the store's lock.
 */
final class ProfileCache {
  /**
   * A cached profile: of a whole graph ({@code member} -1) or of one identity of it under NONE
   * stitching; {@code graph} compares by identity.
   */
  record Key(PublishedGraph graph, int policy, int member) {}

  private final int capacity;
  private final ConcurrentHashMap<Key, Profile> map = new ConcurrentHashMap<>();

  /**
   * Set by the one lookup that evicts; a lookup that finds it set adds without evicting (the cache
   * overshoots by a few entries) rather than wait.
   */
  private final AtomicBoolean evicting = new AtomicBoolean();

  /** The eviction cursor; touched only by the lookup holding {@link #evicting}. */
  private @Nullable Iterator<Key> sweep;

  ProfileCache(int capacity) {
    this.capacity = capacity;
  }

  /** Whether the cache keeps anything: with capacity 0 lookups need not even make a key. */
  boolean enabled() {
    return capacity > 0;
  }

  @Nullable Profile get(Key key) {
    return map.get(key);
  }

  /** Keeps a profile just merged, evicting one entry if the cache is full; returns it. */
  Profile remember(Key key, Profile profile) {
    if (capacity == 0) {
      return profile;
    }
    if (map.size() >= capacity) {
      evictOne();
    }
    map.put(key, profile);
    return profile;
  }

  /** Drops the whole-graph entries of a replaced picture, for every policy. Writer only. */
  void forget(PublishedGraph replaced, int policies) {
    if (map.isEmpty()) {
      return;
    }
    for (int p = 0; p < policies; p++) {
      map.remove(new Key(replaced, p, -1));
    }
  }

  void clear() {
    map.clear();
  }

  private void evictOne() {
    if (!evicting.compareAndSet(false, true)) {
      return;
    }
    try {
      for (int attempt = 0; attempt < 2; attempt++) {
        Iterator<Key> it = sweep;
        if (it == null || !it.hasNext()) {
          it = map.keySet().iterator();
          sweep = it;
        }
        if (it.hasNext()) {
          it.next();
          it.remove();
          return;
        }
      }
    } finally {
      evicting.set(false);
    }
  }
}
