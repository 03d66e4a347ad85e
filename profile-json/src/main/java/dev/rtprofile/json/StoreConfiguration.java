package dev.rtprofile.json;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A store configuration read from one JSON file by {@link ProfileJson#readStoreConfiguration}:
 * everything a {@link ProfileStore} is built from (namespaces, linking rules, limits, blocked
 * values, merge policies, update modes, event retention, indexes) and the named field mappings for
 * its input files. Immutable; each {@link #storeBuilder()} is a fresh builder.
 */
public final class StoreConfiguration {
  private final List<Consumer<ProfileStoreBuilder>> steps;
  private final Map<String, FieldMapping> mappings;

  StoreConfiguration(
      List<Consumer<ProfileStoreBuilder>> steps, Map<String, FieldMapping> mappings) {
    this.steps = List.copyOf(steps);
    this.mappings = Map.copyOf(mappings);
  }

  /**
   * Returns a new store builder with every setting of the file applied, to which the caller may add
   * what a file cannot carry (a clock, a deny-list salt, custom merge strategies).
   */
  public ProfileStoreBuilder storeBuilder() {
    ProfileStoreBuilder builder = ProfileStore.builder();
    steps.forEach(step -> step.accept(builder));
    return builder;
  }

  /**
   * Builds a store from the file's settings alone.
   *
   * @throws IllegalStateException if the settings conflict, as {@link ProfileStoreBuilder#build}
   *     finds
   */
  public ProfileStore buildStore() {
    return storeBuilder().build();
  }

  /** The field mappings by name, as the file's {@code mappings} object names them. */
  public Map<String, FieldMapping> mappings() {
    return mappings;
  }
}
