package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Events by the primary identity they are stored under, each list ordered by timestamp, then id,
 * then dataset; the (dataset, id) index that deduplicates them (the canonical greater of two events
 * with one key wins, whatever the arrival order); and, per identity, the keys of the events that
 * carry it without being stored under it, so that an erase touches only those. A page merges the
 * scope's sorted lists lazily, up to the page, from the cursor found by binary search. Not
 * thread-safe: the store guards it.
 */
final class EventLog {
  static final Comparator<Event> ORDER =
      Comparator.comparingLong(Event::timestamp)
          .thenComparing(Event::id)
          .thenComparing(Event::dataset);

  /** What {@link #add} did. */
  enum Outcome {
    /** The first event with its (dataset, id). */
    ADDED,
    /** It replaced the stored event with its (dataset, id), which sorts before it. */
    REPLACED,
    /** The stored event with its (dataset, id) sorts at or after it: nothing changed. */
    KEPT
  }

  /** A stored event with the identity it is stored under and the others it carries. */
  private static final class Stored {
    final Identity owner;
    Event event;
    List<Identity> carried;

    Stored(Identity owner, Event event, List<Identity> carried) {
      this.owner = owner;
      this.event = event;
      this.carried = carried;
    }
  }

  private final Map<Identity, List<Event>> byIdentity = new HashMap<>();
  private final Map<String, Stored> byKey = new HashMap<>();
  private final Map<Identity, Set<String>> carriers = new HashMap<>();
  private long size;

  /** Events looked at by pages and erasures since the log was made: a work count for tests. */
  long examined;

  private static String key(String dataset, String id) {
    return dataset + '\u0000' + id;
  }

  long size() {
    return size;
  }

  /** What a snapshot keeps of a stored event. */
  interface StoredEvents {
    void accept(Identity owner, Event event, List<Identity> carried) throws java.io.IOException;
  }

  /** Calls {@code out} with every stored event, in no particular order (snapshots). */
  void forEachStored(StoredEvents out) throws java.io.IOException {
    for (Stored s : byKey.values()) {
      out.accept(s.owner, s.event, s.carried);
    }
  }

  /** The identities holding events. */
  Set<Identity> identities() {
    return byIdentity.keySet();
  }

  /** The identity the stored event with {@code event}'s (dataset, id) is under, or null. */
  @Nullable Identity ownerOf(Event event) {
    Stored s = byKey.get(key(event.dataset(), event.id()));
    return s == null ? null : s.owner;
  }

  /** Counts unexpired events of {@code type} with {@code from <= timestamp < to}. */
  long count(
      List<Identity> scope, String type, long from, long to, ToLongFunction<String> expiresBefore) {
    long n = 0;
    for (Identity identity : scope) {
      List<Event> list = byIdentity.getOrDefault(identity, List.of());
      for (int i = atOrAfter(list, from), end = atOrAfter(list, to); i < end; i++) {
        Event e = list.get(i);
        if (e.eventType().equals(type) && e.timestamp() >= expiresBefore.applyAsLong(e.dataset())) {
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

  /**
   * Adds an event under its owner, carrying the other canonical identities {@code carried}. Of two
   * events with one (dataset, id) the greater by {@link Event#compareContent} is kept, so the
   * outcome does not depend on which came first.
   */
  Outcome add(Identity owner, Event event, List<Identity> carried) {
    String key = key(event.dataset(), event.id());
    Stored stored = byKey.get(key);
    if (stored != null) {
      if (event.compareContent(stored.event) <= 0) {
        return Outcome.KEPT;
      }
      remove(key, stored);
    }
    List<Identity> others = new ArrayList<>(carried.size());
    for (Identity c : carried) {
      if (!c.equals(owner) && !others.contains(c)) {
        others.add(c);
        carriers.computeIfAbsent(c, k -> new HashSet<>()).add(key);
      }
    }
    byKey.put(key, new Stored(owner, event, List.copyOf(others)));
    List<Event> list = byIdentity.computeIfAbsent(owner, k -> new ArrayList<>());
    int at = Collections.binarySearch(list, event, ORDER);
    list.add(at < 0 ? -at - 1 : at, event);
    size++;
    return stored == null ? Outcome.ADDED : Outcome.REPLACED;
  }

  /** Removes a stored event from its owner's list and from the carrier index. */
  private void remove(String key, Stored stored) {
    byKey.remove(key);
    List<Event> list = byIdentity.get(stored.owner);
    int at = Collections.binarySearch(list, stored.event, ORDER);
    list.remove(at);
    if (list.isEmpty()) {
      byIdentity.remove(stored.owner);
    }
    unindex(key, stored);
    size--;
  }

  private void unindex(String key, Stored stored) {
    for (Identity c : stored.carried) {
      Set<String> keys = carriers.get(c);
      if (keys != null && keys.remove(key) && keys.isEmpty()) {
        carriers.remove(c);
      }
    }
  }

  /** The first index of {@code list} whose timestamp is at least {@code timestamp}. */
  private static int atOrAfter(List<Event> list, long timestamp) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (list.get(mid).timestamp() < timestamp) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first index of {@code list} whose event sorts after ({@code strictly}) or at the probe. */
  private static int from(List<Event> list, Event probe, boolean strictly) {
    int lo = 0;
    int hi = list.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = ORDER.compare(list.get(mid), probe);
      if (c < 0 || (strictly && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** One identity's events in a page's window, read forwards or backwards. */
  private static final class Run {
    final List<Event> list;
    final boolean backwards;
    int next;
    final int end;

    Run(List<Event> list, int lo, int hi, boolean backwards) {
      this.list = list;
      this.backwards = backwards;
      this.next = backwards ? hi - 1 : lo;
      this.end = backwards ? lo - 1 : hi;
    }

    Event head() {
      return list.get(next);
    }

    boolean advance() {
      next += backwards ? -1 : 1;
      return next != end;
    }
  }

  EventPage page(List<Identity> scope, EventQuery q, ToLongFunction<String> expiresBefore) {
    Comparator<Event> order = q.newestFirst ? ORDER.reversed() : ORDER;
    Event last = q.cursor == null ? null : decode(q.cursor);
    PriorityQueue<Run> runs =
        new PriorityQueue<>(Math.max(1, scope.size()), (a, b) -> order.compare(a.head(), b.head()));
    for (Identity identity : scope) {
      List<Event> list = byIdentity.get(identity);
      if (list == null) {
        continue;
      }
      int lo = atOrAfter(list, q.from);
      int hi = atOrAfter(list, q.to);
      if (last != null) {
        // The cursor's event came last on the previous page: resume just past it.
        if (q.newestFirst) {
          hi = Math.min(hi, from(list, last, false));
        } else {
          lo = Math.max(lo, from(list, last, true));
        }
      }
      if (lo < hi) {
        runs.add(new Run(list, lo, hi, q.newestFirst));
      }
    }
    List<Event> page = new ArrayList<>(Math.min(q.limit, 64));
    String next = null;
    while (!runs.isEmpty()) {
      Run run = runs.poll();
      Event e = run.head();
      examined++;
      if (run.advance()) {
        runs.add(run);
      }
      if (e.timestamp() < expiresBefore.applyAsLong(e.dataset())
          || (q.eventTypes != null && !q.eventTypes.contains(e.eventType()))) {
        continue;
      }
      if (page.size() == q.limit) {
        next = page.isEmpty() ? null : encode(page.get(page.size() - 1));
        break;
      }
      page.add(e);
    }
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
          forget(e);
          touched.add(entry.getKey());
          removed++;
        }
      }
    }
    byIdentity.values().removeIf(List::isEmpty);
    return removed;
  }

  /** Drops a removed event's (dataset, id) and carrier entries. */
  private void forget(Event e) {
    String key = key(e.dataset(), e.id());
    Stored stored = byKey.remove(key);
    if (stored != null) {
      unindex(key, stored);
    }
    size--;
  }

  /**
   * Scrubs the events an erase touches: those carrying {@code erased} (found through the carrier
   * index) and those stored under {@code members} (the rest of its graph), without the identities
   * {@code dropIdentity} selects and without the attribute values {@code dropValue} selects. First
   * offers each spelling of a dropped identity those events were sent with to {@code spellings}.
   * Costs what it touches: the events of the graph and those carrying the identity.
   */
  void scrub(
      Identity erased,
      Collection<Identity> members,
      Predicate<Identity> dropIdentity,
      Consumer<String> spellings,
      Predicate<String> dropValue) {
    Set<Stored> touched = new LinkedHashSet<>();
    for (String key : carriers.getOrDefault(erased, Set.of())) {
      touched.add(byKey.get(key));
    }
    carriers.remove(erased);
    for (Identity member : members) {
      for (Event e : byIdentity.getOrDefault(member, List.of())) {
        touched.add(byKey.get(key(e.dataset(), e.id())));
      }
    }
    for (Stored s : touched) {
      examined++;
      for (IdentityRef ref : s.event.identities()) {
        if (dropIdentity.test(ref.identity())) {
          spellings.accept(ref.identity().value());
        }
      }
    }
    for (Stored s : touched) {
      Event scrubbed = s.event.without(dropIdentity).withoutValues(dropValue);
      if (s.carried.contains(erased)) {
        List<Identity> kept = new ArrayList<>(s.carried);
        kept.remove(erased);
        s.carried = List.copyOf(kept);
      }
      if (scrubbed != s.event) {
        List<Event> list = byIdentity.get(s.owner);
        list.set(Collections.binarySearch(list, s.event, ORDER), scrubbed);
        s.event = scrubbed;
      }
    }
  }

  /**
   * Removes the attribute values {@code dropValue} selects from every stored event: the store-wide
   * pass of an erasure, one check per string value. Returns how many events changed.
   */
  int scrubValues(Predicate<String> dropValue) {
    int changed = 0;
    for (Stored s : byKey.values()) {
      Event scrubbed = s.event.withoutValues(dropValue);
      if (scrubbed != s.event) {
        List<Event> list = byIdentity.get(s.owner);
        list.set(Collections.binarySearch(list, s.event, ORDER), scrubbed);
        s.event = scrubbed;
        changed++;
      }
    }
    return changed;
  }

  void removeIdentity(Identity identity) {
    List<Event> list = byIdentity.remove(identity);
    if (list != null) {
      for (Event e : list) {
        forget(e);
      }
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
          forget(e);
        }
      }
    }
    byIdentity.values().removeIf(List::isEmpty);
  }
}
