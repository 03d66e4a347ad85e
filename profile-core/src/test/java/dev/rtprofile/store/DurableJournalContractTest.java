package dev.rtprofile.store;

/**
 * The store contract on a durable store restarted from its journal alone: a reopen stops the store
 * as a crash would, with no snapshot written, so the reopened store replays every command.
 */
class DurableJournalContractTest extends DurableStoreContractTest {
  @Override
  ProfileStoreBuilder configure(ProfileStoreBuilder builder) {
    return builder.durability(Durability.operatingSystem());
  }

  @Override
  void stop(ProfileStore store) {
    store.closeWithoutSnapshot();
  }
}
