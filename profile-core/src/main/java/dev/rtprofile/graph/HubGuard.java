package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hub guard (ARCHITECTURE §2, rule 4): an identity takes only its earliest {@code hubLimit}
 * links, by first-seen, then the other endpoint's canonical order; the others are ineligible at it
 * and sit in its chain of refused links ({@link LinkTable#refusedHead}), which no walk over a graph
 * visits.
 *
 * <p>Keeps each hub's cutoff (its worst-ranked taken link), so that a refusal costs one comparison
 * and a new link that ranks before the cutoff costs one pass over the hub's taken links (it takes
 * the new link and refuses the old cutoff): linking at a hub costs at most {@code hubLimit},
 * however many links it was offered. A deletion or a first-seen that moved earlier re-ranks all the
 * hub's links. Also keeps the status before the current operation of every link whose eligibility
 * it flipped, for the report of removed links.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. Every operation that may
 * change eligibility starts with {@link #begin()}.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the cutoffs; the statuses remembered for the
 * current operation are not state, since every operation that reads them begins by forgetting them.
 */
final class HubGuard {
  private final GraphState state;

  /** For each hub (an identity with more links than the hub limit), its last eligible link. */
  private final Map<Integer, Integer> hubCutoff = new HashMap<>();

  /** The status before the current operation of links whose eligibility it changed. */
  private final Map<Integer, LinkStatus> statusBefore = new HashMap<>();

  HubGuard(GraphState state) {
    this.state = state;
  }

  /** Starts an operation: forgets the statuses remembered by the last one. */
  void begin() {
    statusBefore.clear();
  }

  /** The status of link l before the current operation, if this operation flipped it; else null. */
  @Nullable LinkStatus statusBefore(int l) {
    return statusBefore.get(l);
  }

  /** Forgets identity x's cutoff, x being removed. */
  void removed(int x) {
    hubCutoff.remove(x);
  }

  /** How many identities have more links than the hub limit. */
  int hubs() {
    return hubCutoff.size();
  }

  /**
   * Whether link l ranks after link m among identity x's links: by first-seen, then the other
   * endpoint's canonical order. An identity takes only its first {@code hubLimit} links.
   */
  private int compareAt(int x, int l, int m) {
    LinkTable links = state.links;
    int c = Long.compare(links.evidence.first(l), links.evidence.first(m));
    return c != 0 ? c : state.compareCanonical(links.other(l, x), links.other(m, x));
  }

  /** Applies the guard at x to link l, just added; adds links whose eligibility flipped. */
  void hubOnAdd(int l, int x, IntList changed) {
    int degree = state.links.degree(x);
    if (degree <= state.config.hubLimit()) {
      return;
    }
    Integer cutoff = hubCutoff.get(x);
    if (cutoff == null) {
      reevaluateHub(x, changed, l);
    } else if (compareAt(x, l, cutoff) > 0) {
      state.links.setEligibleAt(l, x, false);
    } else {
      // l ranks among the first hubLimit: it stays taken and the old cutoff is refused.
      setEligibleAt(cutoff, x, false, changed, l);
      hubCutoff.put(x, worstTaken(x));
    }
  }

  /**
   * Re-ranks x after link l's first-seen moved earlier: a taken link stays taken (the cutoff may
   * move); a refused one that now ranks before the cutoff takes the cutoff's place.
   */
  void firstSeenEarlier(int l, int x, IntList changed) {
    Integer cutoff = hubCutoff.get(x);
    if (cutoff == null) {
      return;
    }
    LinkTable links = state.links;
    if (links.eligibleAt(l, x)) {
      if (l == cutoff) {
        hubCutoff.put(x, worstTaken(x));
      }
    } else if (compareAt(x, l, cutoff) < 0) {
      setEligibleAt(l, x, true, changed, -1);
      setEligibleAt(cutoff, x, false, changed, -1);
      hubCutoff.put(x, worstTaken(x));
    }
  }

  /** The worst-ranked of the links x takes: one pass over at most {@code hubLimit} links. */
  private int worstTaken(int x) {
    LinkTable links = state.links;
    int worst = links.head(x);
    for (int l = links.next(worst, x); l >= 0; l = links.next(l, x)) {
      state.linksWalked++;
      if (compareAt(x, l, worst) > 0) {
        worst = l;
      }
    }
    return worst;
  }

  /** Re-ranks x's links after a change other than a plain addition (a link of x was removed). */
  void rehub(int x, IntList changed) {
    LinkTable links = state.links;
    if (links.degree(x) > state.config.hubLimit()) {
      reevaluateHub(x, changed, -1);
    } else if (hubCutoff.remove(x) != null) {
      for (int l = links.refusedHead(x); l >= 0; l = links.refusedHead(x)) {
        setEligibleAt(l, x, true, changed, -1);
      }
    }
  }

  /** Ranks all of x's links and takes the first {@code hubLimit}: costs x's degree. */
  private void reevaluateHub(int x, IntList changed, int added) {
    LinkTable links = state.links;
    Integer[] all = new Integer[links.degree(x)];
    int k = 0;
    for (int l = links.firstOfAll(x); l >= 0; l = links.nextOfAll(l, x)) {
      state.linksWalked++;
      all[k++] = l;
    }
    Arrays.sort(all, (l, m) -> compareAt(x, l, m));
    int limit = state.config.hubLimit();
    int[] ranked = new int[all.length];
    for (int i = 0; i < all.length; i++) {
      int l = all[i];
      ranked[i] = l;
      boolean eligible = i < limit;
      if (l != added && links.eligibleAt(l, x) != eligible) {
        LinkStatus prior = links.status(l);
        boolean before = links.eligible(l);
        // Whether the link as a whole flips: the other end must take it too.
        boolean after = eligible && links.eligibleAt(l, links.other(l, x));
        if (before != after) {
          statusBefore.putIfAbsent(l, prior);
          changed.add(l);
        }
      }
    }
    links.rechain(x, ranked, limit);
    hubCutoff.put(x, all[limit - 1]);
  }

  /**
   * Sets whether x takes link l, remembering the link's status before this operation and adding it
   * to {@code changed} when its eligibility flips (unless it is the link being added).
   */
  private void setEligibleAt(int l, int x, boolean eligible, IntList changed, int added) {
    LinkTable links = state.links;
    LinkStatus prior = links.status(l);
    boolean before = links.eligible(l);
    links.setEligibleAt(l, x, eligible);
    if (l != added && before != links.eligible(l)) {
      statusBefore.putIfAbsent(l, prior);
      changed.add(l);
    }
  }

  /** Writes each hub's cutoff, by hub. */
  void writeTo(StateOutput out) throws IOException {
    int[] hubs = new int[hubCutoff.size()];
    int k = 0;
    for (int x : hubCutoff.keySet()) {
      hubs[k++] = x;
    }
    Arrays.sort(hubs);
    int[] cutoffs = new int[hubs.length];
    for (int i = 0; i < hubs.length; i++) {
      cutoffs[i] = hubCutoff.get(hubs[i]);
    }
    out.writeInt(hubs.length);
    out.writeInts(hubs, hubs.length);
    out.writeInts(cutoffs, cutoffs.length);
  }

  /**
   * Replaces the cutoffs, of which there must be none, with what {@link #writeTo} wrote, for
   * identity ids below {@code identities} and link ids below {@code links}.
   *
   * @throws MalformedStateException if the input is not such cutoffs
   */
  void readFrom(StateInput in, int identities, int links) throws IOException {
    int n = in.count("the hub count", identities);
    int[] hubs = in.readIntArray(n, 0);
    int[] cutoffs = in.readIntArray(n, 0);
    Map<Integer, Integer> read = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int x = StateInput.check(hubs[i], identities, "a hub");
      if (read.put(x, StateInput.check(cutoffs[i], links, "a hub's cutoff")) != null) {
        throw new MalformedStateException("a hub is in the state twice");
      }
    }
    hubCutoff.clear();
    hubCutoff.putAll(read);
  }
}
