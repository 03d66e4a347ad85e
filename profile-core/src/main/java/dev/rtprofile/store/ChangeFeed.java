package dev.rtprofile.store;

import dev.rtprofile.graph.GraphChange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed: its listeners, how a write describes what it changed, and the delivery. Writers
 * add notices to their write's list under the write lock; {@link StoreLock} delivers them after the
 * lock is released. The listener list is copy-on-write, so subscribing needs no lock.
 */
final class ChangeFeed {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);

  private final CopyOnWriteArrayList<ProfileListener> listeners = new CopyOnWriteArrayList<>();

  /** Whether anyone listens: writers compute nothing for the feed while no one does. */
  boolean listening() {
    return !listeners.isEmpty();
  }

  AutoCloseable subscribe(ProfileListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Adds the merge or split a graph change made, if any. */
  static void describe(GraphChange change, List<ProfileChange> changes) {
    if (!change.changed()) {
      return;
    }
    List<String> before = change.before();
    List<String> after = change.after();
    if (before.size() > 1 && after.size() < before.size()) {
      changes.add(new ProfileChange(ProfileChange.Kind.MERGED, before, after, Set.of()));
    } else if (before.size() >= 1 && after.size() > before.size()) {
      changes.add(new ProfileChange(ProfileChange.Kind.SPLIT, before, after, Set.of()));
    }
  }

  /** Calls every listener with every change, isolating listeners that throw. */
  void deliver(List<ProfileChange> changes) {
    for (ProfileChange change : changes) {
      for (ProfileListener listener : listeners) {
        try {
          listener.onChange(change);
        } catch (RuntimeException e) {
          LOG.warn(
              "a profile listener threw {} on a {} change; the store carries on",
              e.getClass().getName(),
              change.kind());
        }
      }
    }
  }
}
