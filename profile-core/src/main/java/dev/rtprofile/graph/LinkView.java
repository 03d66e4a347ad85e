package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;

/**
 * A link between two identities with its evidence: when it was first and last seen and which
 * datasets asserted it.
 *
 * @param from the identity that comes first in canonical order
 * @param to the other identity
 * @param firstSeen the earliest timestamp (epoch milliseconds) of a record asserting the link
 * @param lastSeen the latest timestamp (epoch milliseconds) of a record asserting the link
 * @param datasets the datasets that asserted the link, sorted by name
 * @param status whether the link is accepted or which rule removed it
 */
public record LinkView(
    Identity from,
    Identity to,
    long firstSeen,
    long lastSeen,
    List<String> datasets,
    LinkStatus status) {

  /** Validates that no part is null and copies the dataset list. */
  public LinkView {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(status, "status");
    datasets = List.copyOf(datasets);
  }
}
