package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.Objects;

/**
 * An identity carried by a record or event, with whether the sender marked it primary.
 *
 * @param identity the identity as sent
 * @param primary whether it was marked primary
 */
public record IdentityRef(Identity identity, boolean primary) {

  /** Validates that the identity is present. */
  public IdentityRef {
    Objects.requireNonNull(identity, "identity");
  }
}
