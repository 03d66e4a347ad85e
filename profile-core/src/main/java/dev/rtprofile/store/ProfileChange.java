package dev.rtprofile.store;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A change to profiles, as the change feed reports it, after the change is visible to lookups.
 *
 * @param kind what happened
 * @param before the profile ids involved before the change, sorted
 * @param after the profile ids involved after the change, sorted
 * @param changedPaths for {@link Kind#UPDATED} and {@link Kind#CREATED}, the attribute paths of the
 *     fragment that changed; empty otherwise
 */
public record ProfileChange(
    Kind kind, List<String> before, List<String> after, Set<String> changedPaths) {

  /** What happened to the profiles. */
  public enum Kind {
    /** A new profile. */
    CREATED,
    /** A profile's data changed. */
    UPDATED,
    /** Several profiles became one; the other ids redirect to the survivor. */
    MERGED,
    /** A profile became several. */
    SPLIT,
    /** Identities or whole profiles were erased or deleted. */
    ERASED
  }

  /** Validates and copies. */
  public ProfileChange {
    Objects.requireNonNull(kind, "kind");
    before = List.copyOf(before);
    after = List.copyOf(after);
    changedPaths = Set.copyOf(changedPaths);
  }
}
