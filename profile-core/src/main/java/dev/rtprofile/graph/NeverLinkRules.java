package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.io.IOException;
import java.util.ArrayList;
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
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the rules and the marks. The rules are written in
 * canonical order; the order their sets iterate in is never observable (the solver's do-not-link
 * check and {@link #forget} do not depend on it).
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

  /** Writes the rules by identity in canonical order, each one's partners in that order too. */
  void writeTo(StateOutput out) throws IOException {
    List<Identity> keys = new ArrayList<>(rules.keySet());
    keys.sort(GraphState.CANONICAL);
    List<Identity> partners = new ArrayList<>();
    int[] counts = new int[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      List<Identity> of = new ArrayList<>(rules.get(keys.get(k)));
      of.sort(GraphState.CANONICAL);
      counts[k] = of.size();
      partners.addAll(of);
    }
    out.writeInt(keys.size());
    writeIdentities(out, keys);
    out.writeInts(counts, counts.length);
    out.writeInt(partners.size());
    writeIdentities(out, partners);
    constrained.writeTo(out);
  }

  private static void writeIdentities(StateOutput out, List<Identity> identities)
      throws IOException {
    out.writeStrings(identities.size(), i -> identities.get(i).namespace());
    out.writeStrings(identities.size(), i -> identities.get(i).value());
  }

  /**
   * Replaces the rules and marks of this part, which must be new, with what {@link #writeTo} wrote,
   * for marks on ids below {@code identities}.
   *
   * @throws MalformedStateException if the input is not such rules, or names a namespace that is
   *     not registered under that spelling
   */
  void readFrom(StateInput in, int identities) throws IOException {
    int n = in.count("the do-not-link rule count", Integer.MAX_VALUE);
    List<Identity> keys = readIdentities(in, n);
    int[] counts = in.readIntArray(n, 0);
    int m = in.count("the do-not-link partner count", Integer.MAX_VALUE);
    List<Identity> partners = readIdentities(in, m);
    Map<Identity, Set<Identity>> read = new HashMap<>();
    int at = 0;
    for (int k = 0; k < n; k++) {
      int count = counts[k];
      if (count < 1 || count > m - at) {
        throw new MalformedStateException("a do-not-link rule's partner count is out of range");
      }
      Set<Identity> of = new HashSet<>(partners.subList(at, at + count));
      at += count;
      if (of.size() != count || read.put(keys.get(k), of) != null) {
        throw new MalformedStateException("a do-not-link rule is in the state twice");
      }
    }
    if (at != m) {
      throw new MalformedStateException("the do-not-link partner count is wrong");
    }
    constrained.readFrom(in, identities);
    rules.clear();
    rules.putAll(read);
  }

  private List<Identity> readIdentities(StateInput in, int count) throws IOException {
    String[] codes = in.readNonNullStrings(count);
    String[] values = in.readNonNullStrings(count);
    List<Identity> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int ns = state.config.namespaceIndex(codes[i]);
      if (ns < 0 || !state.config.namespace(ns).code().equals(codes[i])) {
        throw new MalformedStateException(
            "a do-not-link rule names a namespace that is not registered");
      }
      out.add(new Identity(codes[i], values[i]));
    }
    return out;
  }
}
