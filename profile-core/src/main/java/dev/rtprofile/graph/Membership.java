package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;

/**
 * Which graph an identity belongs to, without the evidence: the cheap form of {@link GraphView}.
 *
 * @param profileId the graph's profile id
 * @param identities the graph's identities, canonical, in canonical order
 */
public record Membership(String profileId, List<Identity> identities) {

  /** Validates and copies. */
  public Membership {
    Objects.requireNonNull(profileId, "profileId");
    identities = List.copyOf(identities);
  }
}
