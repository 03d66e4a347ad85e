package dev.rtprofile.store;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page of a profile's events, in the requested order.
 *
 * @param events the events of this page
 * @param nextCursor the cursor of the next page, or null if this is the last
 */
public record EventPage(List<Event> events, @Nullable String nextCursor) {

  /** Copies the list. */
  public EventPage {
    events = List.copyOf(events);
  }

  /** The cursor of the next page, if there is one. */
  public Optional<String> next() {
    return Optional.ofNullable(nextCursor);
  }
}
