package dev.rtprofile.store;

/**
 * The store contract with a profile cache of two ({@code profileCacheSize(2)}): most lookups evict
 * another profile.
 */
class SmallCacheStoreContractTest extends ProfileStoreContract {
  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    return builder.profileCacheSize(2).build();
  }
}
