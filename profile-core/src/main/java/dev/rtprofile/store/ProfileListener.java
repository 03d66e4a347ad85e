package dev.rtprofile.store;

/**
 * Receives the store's change feed. Called on the thread that made the change, after the change is
 * visible; a listener that throws is logged and isolated, never allowed to affect the store.
 */
@FunctionalInterface
public interface ProfileListener {

  /** Called once per change. */
  void onChange(ProfileChange change);
}
