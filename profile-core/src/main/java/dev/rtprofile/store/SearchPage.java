package dev.rtprofile.store;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results, in the requested order.
 *
 * @param profiles the matching profiles of this page
 * @param nextCursor the cursor of the next page, or null if this is the last
 */
public record SearchPage(List<Profile> profiles, @Nullable String nextCursor) {

  /** Copies the list. */
  public SearchPage {
    profiles = List.copyOf(profiles);
  }

  /** The cursor of the next page, if there is one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
