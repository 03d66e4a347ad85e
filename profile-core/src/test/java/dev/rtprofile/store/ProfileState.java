package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Map;

/**
 * Everything a lookup answers about a profile, as a value: two lookups answered the same exactly
 * when their states are equal. Identities are kept as {@code NAMESPACE:VALUE} text so that a failed
 * comparison shows them (tests use made-up values).
 */
record ProfileState(
    String profileId,
    String policyId,
    List<String> identities,
    String primaryIdentity,
    Map<String, Object> attributes,
    List<String> datasets,
    long lastModified) {

  static ProfileState of(Profile p) {
    return new ProfileState(
        p.profileId(),
        p.policyId(),
        p.identities().stream().map(Identity::toText).toList(),
        p.primaryIdentity().toText(),
        p.attributes(),
        p.datasets(),
        p.lastModified());
  }
}
