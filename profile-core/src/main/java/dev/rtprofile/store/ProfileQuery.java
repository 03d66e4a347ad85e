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
  private final StoreReads store;
  private final List<Identity> identities;
  private final @Nullable String profileId;
  private @Nullable String policyId;
  private @Nullable List<String> fields;

  ProfileQuery(StoreReads store, List<Identity> identities) {
    this.store = store;
    this.identities = identities;
    this.profileId = null;
  }

  ProfileQuery(StoreReads store, String profileId) {
    this.store = store;
    this.identities = List.of();
    this.profileId = profileId;
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

  /**
   * Returns the profile holding the (first) identity, or the profile a profile id names now
   * (following merges); empty if the store has none.
   */
  public Optional<Profile> fetch() {
    if (profileId != null) {
      return project(store.fetchByProfileId(profileId, store.policy(policyId)));
    }
    return fetch(identities.get(0));
  }

  /**
   * Returns the profile of each identity that has one, in the order asked, all from one state of
   * the store: a write that ran meanwhile is seen by all of them or by none. For a lookup by
   * profile id, at most one entry, under the profile's first identity.
   */
  public Map<Identity, Profile> fetchAll() {
    if (profileId != null) {
      return fetch().map(p -> Map.of(p.identities().get(0), p)).orElse(Map.of());
    }
    Map<Identity, Profile> found = store.fetchAll(identities, store.policy(policyId));
    List<String> keep = fields;
    if (keep == null) {
      return found;
    }
    Map<Identity, Profile> out = new LinkedHashMap<>();
    found.forEach((identity, p) -> out.put(identity, p.project(keep)));
    return out;
  }

  private Optional<Profile> fetch(Identity identity) {
    return project(store.fetch(identity, store.policy(policyId)));
  }

  private Optional<Profile> project(Optional<Profile> profile) {
    List<String> keep = fields;
    return keep == null ? profile : profile.map(p -> p.project(keep));
  }
}
