package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;

/**
 * The hooks every part of the store contract runs on: how a test gets a store under test. The parts
 * ({@link IngestContract}, {@link LookupContract}, {@link GraphContract}, {@link EventsContract},
 * {@link EraseContract}, {@link SearchContract}, {@link ChangeFeedContract}) are interfaces of
 * default test methods, so that each stays a file a reader can hold in their head; {@link
 * ProfileStoreContract} joins them into the one class a store configuration subclasses.
 *
 * <p>The contract uses the store's public API only and assumes nothing about object identity
 * (profiles are compared by value) or timing (every timestamp is explicit, every clock is a {@link
 * MutableClock} or fixed), so that a durable or a partitioned store can run it unchanged.
 */
interface StoreContract {

  /**
   * Opens the store under test from a builder the test has configured; the configuration may add
   * settings of its own (a cache size, indexes, a storage directory) before building.
   */
  ProfileStore open(ProfileStoreBuilder builder);

  /**
   * The store as a restarted application would find it. A durable store closes {@code store} and
   * opens its directory again; an in-memory store has nothing to restart and returns {@code store}
   * itself (the default). Subscriptions need not survive it, so the change-feed tests never call
   * it.
   */
  default ProfileStore reopen(ProfileStore store) {
    return store;
  }

  /** The profile holding {@code identity} under the default policy; fails if there is none. */
  static Profile profile(ProfileStore store, Identity identity) {
    return store
        .lookup(identity)
        .fetch()
        .orElseThrow(() -> new AssertionError("no profile holds " + identity.toText()));
  }

  /** The profile id of the profile holding {@code identity} under the default policy. */
  static String profileId(ProfileStore store, Identity identity) {
    return profile(store, identity).profileId();
  }
}
