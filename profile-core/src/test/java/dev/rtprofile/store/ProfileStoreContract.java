package dev.rtprofile.store;

/**
 * The contract of {@link ProfileStore}'s public behaviour, run over every store configuration, as
 * Guava's {@code AbstractGraphTest} runs over every graph: ingest results, lookups and merge
 * policies, merges and un-merges, events, erasure and dataset deletion, search, the change feed,
 * statistics and order independence. A configuration is a subclass of a few lines that implements
 * {@link #open} (and, for a store that outlives a restart, {@link #reopen}); the tests themselves
 * are the default methods of the contract's parts, listed on {@link StoreContract}.
 */
abstract class ProfileStoreContract
    implements IngestContract,
        LookupContract,
        GraphContract,
        EventsContract,
        EraseContract,
        SearchContract,
        ChangeFeedContract,
        FrontEndContract {

  @Override
  public abstract ProfileStore open(ProfileStoreBuilder builder);
}
