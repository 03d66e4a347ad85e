package dev.rtprofile.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a durable store: each store in its own directory, forced at every write; a
 * reopen closes the store (which writes a snapshot) and opens its directory again, so every
 * contract test that reopens checks that the snapshot holds the whole state.
 */
class DurableStoreContractTest extends ProfileStoreContract {
  @TempDir Path root;

  private final Map<ProfileStore, ProfileStoreBuilder> builders = new IdentityHashMap<>();
  private final List<ProfileStore> opened = new ArrayList<>();
  private int stores;

  /** How a subclass configures the durable store beyond its directory. */
  ProfileStoreBuilder configure(ProfileStoreBuilder builder) {
    return builder;
  }

  /** How a subclass stops the store before a reopen. */
  void stop(ProfileStore store) {
    store.close();
  }

  @Override
  public ProfileStore open(ProfileStoreBuilder builder) {
    Path dir = root.resolve("store-" + stores++);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    configure(builder.storage(dir));
    return opened(builder);
  }

  @Override
  public ProfileStore reopen(ProfileStore store) {
    ProfileStoreBuilder builder = builders.get(store);
    stop(store);
    return opened(builder);
  }

  private ProfileStore opened(ProfileStoreBuilder builder) {
    ProfileStore store = builder.build();
    builders.put(store, builder);
    opened.add(store);
    return store;
  }

  @AfterEach
  void closeAll() {
    for (ProfileStore store : opened) {
      store.close();
    }
  }
}
