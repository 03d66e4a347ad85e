package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The do-not-link rules set by the application, by canonical identity in both directions, and which
 * interned identities take part in one (so that the fast path and the solver ask only about those).
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. {@link #partners},
 * {@link #isEmpty} and {@link #constrained} are reads.
 */
final class NeverLinkRules {
  private final GraphState state;

  /** Do-not-link rules by canonical identity, both directions. */
  private final Map<Identity, Set<Identity>> rules = new HashMap<>();

  /** Identities that take part in a do-not-link rule. */
  private final Marks constrained = new Marks();

  NeverLinkRules(GraphState state) {
    this.state = state;
  }

  boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The identities that {@code identity} (canonical) must never share a graph with. */
  Set<Identity> partners(Identity identity) {
    return rules.getOrDefault(identity, Set.of());
  }

  /** Whether identity x takes part in a rule. */
  boolean constrained(int x) {
    return constrained.get(x);
  }

  /** Marks identity x, just interned, if a rule names it; returns whether one does. */
  boolean created(int x) {
    if (!rules.isEmpty() && rules.containsKey(state.identity(x))) {
      constrained.set(x);
      return true;
    }
    constrained.clear(x);
    return false;
  }

  /** Unmarks identity x, about to be removed. */
  void removed(int x) {
    constrained.clear(x);
  }

  /**
   * Adds a rule between two checked identities, marking those the graph holds and their graphs;
   * adds those to {@code seeds}.
   */
  void add(Identity a, Identity b, IntList seeds) {
    rules.computeIfAbsent(a, k -> new HashSet<>()).add(b);
    rules.computeIfAbsent(b, k -> new HashSet<>()).add(a);
    for (Identity identity : List.of(a, b)) {
      int x = state.findCanonical(identity);
      if (x >= 0) {
        constrained.set(x);
        state.forest.setFlags(state.forest.find(x), Forest.CONSTRAINED);
        seeds.add(x);
      }
    }
  }

  /** Removes the rules that name {@code identity}, so its value is not retained. */
  void forget(Identity identity) {
    Set<Identity> partners = rules.remove(identity);
    if (partners == null) {
      return;
    }
    for (Identity partner : partners) {
      Set<Identity> back = rules.get(partner);
      if (back != null) {
        back.remove(identity);
        if (back.isEmpty()) {
          rules.remove(partner);
          int p = state.findCanonical(partner);
          if (p >= 0) {
            constrained.clear(p);
          }
        }
      }
    }
  }
}
