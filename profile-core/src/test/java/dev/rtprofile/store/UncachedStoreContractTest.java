package dev.rtprofile.store;

/** The store contract with no profile cache ({@code profileCacheSize(0)}): every lookup merges. */
class UncachedStoreContractTest extends ProfileStoreContract {
  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    return builder.profileCacheSize(0).build();
  }
}
