package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import java.util.List;
import java.util.Objects;

/**
 * One identity of a graph with its evidence.
 *
 * @param identity the identity, with the canonical namespace code and the stored value
 * @param type the identity type of its namespace
 * @param firstSeen the earliest timestamp (epoch milliseconds) of a record carrying it
 * @param lastSeen the latest timestamp (epoch milliseconds) of a record carrying it
 * @param datasets the datasets whose records carried it, sorted by name
 */
public record IdentityView(
    Identity identity, IdentityType type, long firstSeen, long lastSeen, List<String> datasets) {

  /** Validates that no part is null and copies the dataset list. */
  public IdentityView {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(type, "type");
    datasets = List.copyOf(datasets);
  }
}
