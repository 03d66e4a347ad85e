package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.Objects;

/**
 * An identity dropped from a record before linking, with the reason.
 *
 * @param identity the identity as it was sent
 * @param problem the machine-readable reason
 * @param detail a human-readable explanation that does not repeat the value
 */
public record DroppedIdentity(Identity identity, IdentityProblem problem, String detail) {

  /** Validates that no part is null. */
  public DroppedIdentity {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(detail, "detail");
  }
}
