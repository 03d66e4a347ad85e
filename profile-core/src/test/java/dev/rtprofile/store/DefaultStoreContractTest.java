package dev.rtprofile.store;

/** The store contract with the default configuration. */
class DefaultStoreContractTest extends ProfileStoreContract {
  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    return builder.build();
  }
}
