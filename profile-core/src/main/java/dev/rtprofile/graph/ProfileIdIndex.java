package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every identity's own profile id (as if it were its graph's oldest), by the id's first 64 bits:
 * resolves ids merged away to the graph that holds their identity now. Built on first use by {@link
 * #resolve}, then kept up to date by the writes that add and remove identities.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. {@link #resolve} is a
 * write until {@link #built()}, since it builds the index on first use.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the index if it is built, entries and all: after
 * a collision of two ids' first 64 bits the entries are not what a rebuild would give.
 */
final class ProfileIdIndex {
  private final GraphState state;
  private @Nullable Map<Long, Integer> index;

  ProfileIdIndex(GraphState state) {
    this.state = state;
  }

  /** Whether the index exists, so that {@link #resolve} only reads. */
  boolean built() {
    return index != null;
  }

  /** Indexes identity x, just added. */
  void added(int x) {
    Map<Long, Integer> map = index;
    if (map != null) {
      map.put(ProfileIds.key(state.profileId(x)), x);
    }
  }

  /** Forgets identity x, about to be removed. */
  void removed(int x) {
    Map<Long, Integer> map = index;
    if (map != null) {
      map.remove(ProfileIds.key(state.profileId(x)));
    }
  }

  /**
   * Resolves a profile id, current or merged away, to the identity whose graph now holds it; -1 if
   * no live identity has that id. Builds the index on first use: the owner must call it under its
   * write lock unless {@link #built()}.
   */
  int resolve(String profileId) {
    Map<Long, Integer> map = index;
    if (map == null) {
      map = new HashMap<>();
      IdentityTable ids = state.ids;
      for (int x = 0; x < ids.highWater(); x++) {
        if (ids.live(x)) {
          map.put(ProfileIds.key(state.profileId(x)), x);
        }
      }
      index = map;
    }
    Integer x = map.get(ProfileIds.key(profileId));
    return x != null && state.ids.live(x) && state.profileId(x).equals(profileId) ? x : -1;
  }

  /** Writes whether the index is built and, if it is, its entries by key. */
  void writeTo(StateOutput out) throws IOException {
    Map<Long, Integer> map = index;
    out.writeBoolean(map != null);
    if (map == null) {
      return;
    }
    long[] keys = new long[map.size()];
    int k = 0;
    for (long key : map.keySet()) {
      keys[k++] = key;
    }
    Arrays.sort(keys);
    int[] ids = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ids[i] = map.get(keys[i]);
    }
    out.writeInt(keys.length);
    out.writeLongs(keys, keys.length);
    out.writeInts(ids, ids.length);
  }

  /**
   * Replaces the index, which must not be built, with what {@link #writeTo} wrote, for identity ids
   * below {@code identities}.
   *
   * @throws MalformedStateException if the input is not such an index
   */
  void readFrom(StateInput in, int identities) throws IOException {
    if (!in.readBoolean()) {
      return;
    }
    int n = in.count("the profile id index's size", identities);
    long[] keys = in.readLongArray(n);
    int[] ids = in.readIntArray(n, 0);
    Map<Long, Integer> map = new HashMap<>(Math.max(16, (int) (n / 0.75f) + 1));
    for (int i = 0; i < n; i++) {
      if (map.put(keys[i], StateInput.check(ids[i], identities, "an indexed identity")) != null) {
        throw new MalformedStateException("the profile id index holds a key twice");
      }
    }
    index = map;
  }
}
