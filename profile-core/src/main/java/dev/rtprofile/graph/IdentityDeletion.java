package dev.rtprofile.graph;

import java.util.Objects;

/**
 * What deleting or erasing an identity did.
 *
 * @param outcome whether anything was removed and whether the graph survived
 * @param change the graph before and the graphs it left behind, by profile id
 */
public record IdentityDeletion(DeleteOutcome outcome, GraphChange change) {

  /** The deletion of an identity the graph did not hold. */
  public static final IdentityDeletion NO_CHANGE =
      new IdentityDeletion(DeleteOutcome.NO_CHANGE, GraphChange.NONE);

  /** Validates that no part is null. */
  public IdentityDeletion {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(change, "change");
  }
}
