package dev.rtprofile.store;

import dev.rtprofile.graph.GraphStatistics;
import java.util.Objects;

/**
 * Counts over the whole store.
 *
 * @param profiles the number of profiles (identity graphs)
 * @param fragments the number of fragments
 * @param events the number of stored events, expired but not yet swept ones included
 * @param graph the identity graph's statistics
 */
public record StoreStatistics(int profiles, long fragments, long events, GraphStatistics graph) {

  /** Validates. */
  public StoreStatistics {
    Objects.requireNonNull(graph, "graph");
  }
}
