package dev.rtprofile.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The hub guard (ARCHITECTURE §2, rule 4): an identity takes only its earliest {@code hubLimit}
 * links, by first-seen, then the other endpoint's canonical order; the others are ineligible at it.
 * Keeps each hub's cutoff so that a plain addition costs one comparison, and the status before the
 * current operation of every link whose eligibility it flipped, for the report of removed links.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. Every operation that may
 * change eligibility starts with {@link #begin()}.
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
    if (cutoff != null && compareAt(x, l, cutoff) > 0) {
      state.links.setEligibleAt(l, x, false);
      return;
    }
    reevaluateHub(x, changed, l);
  }

  /** Re-ranks x's links after a change other than a plain addition. */
  void rehub(int x, IntList changed) {
    LinkTable links = state.links;
    if (links.degree(x) > state.config.hubLimit()) {
      reevaluateHub(x, changed, -1);
    } else if (hubCutoff.remove(x) != null) {
      for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
        setEligibleAt(l, x, true, changed, -1);
      }
    }
  }

  private void reevaluateHub(int x, IntList changed, int added) {
    LinkTable links = state.links;
    Integer[] all = new Integer[links.degree(x)];
    int k = 0;
    for (int l = links.head(x); l >= 0; l = links.next(l, x)) {
      all[k++] = l;
    }
    Arrays.sort(all, (l, m) -> compareAt(x, l, m));
    int limit = state.config.hubLimit();
    for (int i = 0; i < all.length; i++) {
      setEligibleAt(all[i], x, i < limit, changed, added);
    }
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
}
