package dev.rtprofile.store;

/**
 * The store contract with secondary indexes on the paths the contract searches, so that its
 * searches are answered from the indexes rather than by scans.
 */
class IndexedStoreContractTest extends ProfileStoreContract {
  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    return builder.index(SearchFixtures.TIER).index(SearchFixtures.POINTS).build();
  }
}
