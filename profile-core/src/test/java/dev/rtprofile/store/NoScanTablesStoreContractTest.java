package dev.rtprofile.store;

/**
 * The store contract with no scan tables ({@code scanTables(false)}): unindexed searches merge
 * profile by profile.
 */
class NoScanTablesStoreContractTest extends ProfileStoreContract {
  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    return builder.scanTables(false).build();
  }
}
