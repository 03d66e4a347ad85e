package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A profile lookup being set up: which merge policy and which fields. Not thread-safe; cheap to
 * create, one per lookup.
 */
public final class ProfileQuery {
  private final ProfileStore store;
  private final List<Identity> identities;
  private @Nullable String policyId;
  private @Nullable List<String> fields;

  ProfileQuery(ProfileStore store, List<Identity> identities) {
    this.store = store;
    this.identities = identities;
  }

  /**
   * Merges under the named policy. Default: the store's default policy.
   *
   * @throws IllegalArgumentException if the store has no policy with that id
   */
  public ProfileQuery policy(String id) {
    Objects.requireNonNull(id, "id");
    store.policy(id);
    this.policyId = id;
    return this;
  }

  /**
   * Keeps only these attribute paths and the paths below them, such as {@code person.name}.
   * Default: every attribute.
   */
  public ProfileQuery fields(String... paths) {
    List<String> list = new ArrayList<>();
    for (String path : paths) {
      list.add(AttributeValues.path(path, "fields"));
    }
    this.fields = List.copyOf(list);
    return this;
  }

  /** Returns the profile holding the (first) identity; empty if the store has none. */
  public Optional<Profile> fetch() {
    return fetch(identities.get(0));
  }

  /** Returns the profile of each identity that has one, in the order asked. */
  public Map<Identity, Profile> fetchAll() {
    Map<Identity, Profile> out = new LinkedHashMap<>();
    for (Identity identity : identities) {
      fetch(identity).ifPresent(p -> out.put(identity, p));
    }
    return out;
  }

  private Optional<Profile> fetch(Identity identity) {
    Optional<Profile> profile = store.fetch(identity, store.policy(policyId));
    List<String> keep = fields;
    return keep == null ? profile : profile.map(p -> p.project(keep));
  }
}
