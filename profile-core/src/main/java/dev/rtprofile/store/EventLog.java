package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * Events by the primary identity they are stored under, each list ordered by timestamp, then id,
 * then dataset; plus the (dataset, id) index that deduplicates them. Not thread-safe: the store
 * guards it.
 */
final class EventLog {
  static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::timestamp)
          .thenComparing(Event::id)
          .thenComparing(Event::dataset);

  private final Map<Identity, List<Event>> byIdentity = new HashMap<>();
  private final Map<String, Identity> owners = new HashMap<>();
  private long size;

  private static String key(String dataset, String id) {
    return dataset + '\u0000' + id;
  }

  long size() {
    return size;
  }

  /** The identities holding events. */
  Set<Identity> identities() {
    return byIdentity.keySet();
  }

  /** Counts unexpired events of {@code type} with {@code from <= timestamp < to}. */
  long count(
      List<Identity> scope, String type, long from, long to, ToLongFunction<String> expiresBefore) {
    long n = 0;
    for (Identity identity : scope) {
      for (Event e : byIdentity.getOrDefault(identity, List.of())) {
        if (e.eventType().equals(type)
            && e.timestamp() >= from
            && e.timestamp() < to
            && e.timestamp() >= expiresBefore.applyAsLong(e.dataset())) {
          n++;
        }
      }
    }
    return n;
  }

  /** Whether any event is stored under {@code identity}. */
  boolean has(Identity identity) {
    return byIdentity.containsKey(identity);
  }

  /** Adds an event under its owner; false if its (dataset, id) is known. */
  boolean add(Identity owner, Event event) {
    String key = key(event.dataset(), event.id());
    if (owners.containsKey(key)) {
      return false;
    }
    owners.put(key, owner);
    List<Event> list = byIdentity.computeIfAbsent(owner, k -> new ArrayList<>());
    int at = Collections.binarySearch(list, event, ORDER);
    list.add(at < 0 ? -at - 1 : at, event);
    size++;
    return true;
  }

  EventPage page(List<Identity> scope, EventQuery q, ToLongFunction<String> expiresBefore) {
    List<Event> all = new ArrayList<>();
    for (Identity identity : scope) {
      for (Event e : byIdentity.getOrDefault(identity, List.of())) {
        if (e.timestamp() >= q.from
            && e.timestamp() < q.to
            && e.timestamp() >= expiresBefore.applyAsLong(e.dataset())
            && (q.eventTypes == null || q.eventTypes.contains(e.eventType()))) {
          all.add(e);
        }
      }
    }
    Comparator<Event> order = q.newestFirst ? ORDER.reversed() : ORDER;
    all.sort(order);
    int start = 0;
    if (q.cursor != null) {
      Event last = decode(q.cursor);
      while (start < all.size() && order.compare(all.get(start), last) <= 0) {
        start++;
      }
    }
    int end = Math.min(all.size(), start + q.limit);
    List<Event> page = all.subList(start, end);
    String next = end < all.size() ? encode(page.get(page.size() - 1)) : null;
    return new EventPage(page, next);
  }

  static String encode(Event e) {
    String text = e.timestamp() + "\u0000" + e.dataset() + "\u0000" + e.id();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor into a probe event that sorts where the cursor's event sorts. */
  static Event decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split("\u0000", 3);
      return Event.builder(parts[1], parts[2]).timestamp(Long.parseLong(parts[0])).build();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor must come from EventPage.nextCursor(), but was " + cursor, e);
    }
  }

  /** Removes expired events; adds the identities whose events changed to {@code touched}. */
  int expire(ToLongFunction<String> expiresBefore, Set<Identity> touched) {
    int removed = 0;
    for (Map.Entry<Identity, List<Event>> entry : byIdentity.entrySet()) {
      for (Iterator<Event> it = entry.getValue().iterator(); it.hasNext(); ) {
        Event e = it.next();
        if (e.timestamp() < expiresBefore.applyAsLong(e.dataset())) {
          it.remove();
          owners.remove(key(e.dataset(), e.id()));
          touched.add(entry.getKey());
          removed++;
          size--;
        }
      }
    }
    byIdentity.values().removeIf(List::isEmpty);
    return removed;
  }

  /** Removes the identities {@code erased} selects from every stored event's identity list. */
  void scrub(Predicate<Identity> erased) {
    for (List<Event> list : byIdentity.values()) {
      list.replaceAll(e -> e.without(erased));
    }
  }

  void removeIdentity(Identity identity) {
    List<Event> list = byIdentity.remove(identity);
    if (list != null) {
      for (Event e : list) {
        owners.remove(key(e.dataset(), e.id()));
      }
      size -= list.size();
    }
  }

  /** The identities that hold events of {@code dataset}. */
  List<Identity> owners(String dataset) {
    List<Identity> out = new ArrayList<>();
    for (Map.Entry<Identity, List<Event>> e : byIdentity.entrySet()) {
      for (Event event : e.getValue()) {
        if (event.dataset().equals(dataset)) {
          out.add(e.getKey());
          break;
        }
      }
    }
    return out;
  }

  void removeDataset(String dataset) {
    for (List<Event> list : byIdentity.values()) {
      for (Iterator<Event> it = list.iterator(); it.hasNext(); ) {
        Event e = it.next();
        if (e.dataset().equals(dataset)) {
          it.remove();
          owners.remove(key(e.dataset(), e.id()));
          size--;
        }
      }
    }
    byIdentity.values().removeIf(List::isEmpty);
  }
}
