package dev.rtprofile.store;

import dev.rtprofile.graph.CheckedIdentities;
import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.DryRun;
import dev.rtprofile.graph.LinkResult;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Identity resolution for ingest: a record's identities are validated, normalized and checked
 * against the deny list once, by the graph; the primary-identity rule and the linking both read
 * that one result. Runs under the write lock; no state of its own.
 *
 * <p>The primary identity (canonical): the explicit primary; else the only identity; else, with a
 * namespace priority configured, the identity of the highest-priority namespace (for events the
 * priority wins over the mark, as in AEP). Identities that never link cannot be primary.
 */
final class IdentityResolver {
  private final MutableIdentityGraph graph;
  private final StoreConfig config;

  IdentityResolver(MutableIdentityGraph graph, StoreConfig config) {
    this.graph = graph;
    this.config = config;
  }

  /**
   * A record's identities as checked, with the primary chosen from them.
   *
   * @param erasedPrimary whether the primary the rule chooses before the deny list is applied is an
   *     erased identity: then the data belongs to an erased person and is ignored whole
   */
  record Resolved(
      List<Identity> sent,
      CheckedIdentities checked,
      @Nullable Identity primary,
      boolean erasedPrimary) {
    List<DroppedIdentity> dropped() {
      return checked.dropped();
    }
  }

  Resolved resolve(List<IdentityRef> refs, boolean event) {
    List<Identity> sent = new ArrayList<>(refs.size());
    for (IdentityRef ref : refs) {
      sent.add(ref.identity());
    }
    CheckedIdentities checked = graph.check(sent);
    Identity primary = primaryOf(refs, checked::links, checked::canonical, event);
    return new Resolved(sent, checked, primary, erasedPrimary(refs, sent, checked, event));
  }

  /**
   * Whether the usual primary rule, applied as if nothing were erased, picks an erased identity.
   * Costs nothing unless the record carries an erased identity.
   */
  private boolean erasedPrimary(
      List<IdentityRef> refs, List<Identity> sent, CheckedIdentities checked, boolean event) {
    Identity[] erased = null;
    for (DroppedIdentity d : checked.dropped()) {
      if (d.problem() != IdentityProblem.ERASED) {
        continue;
      }
      for (int i = 0; i < sent.size(); i++) {
        if (checked.canonical(i) == null && sent.get(i).equals(d.identity())) {
          if (erased == null) {
            erased = new Identity[sent.size()];
          }
          erased[i] = normalized(d.identity());
        }
      }
    }
    if (erased == null) {
      return false;
    }
    Identity[] form = erased;
    IntFunction<@Nullable Identity> canonical =
        i -> form[i] != null ? form[i] : checked.canonical(i);
    IntPredicate links =
        i ->
            form[i] != null
                ? graph.namespace(form[i].namespace()).map(n -> n.type().links()).orElse(false)
                : checked.links(i);
    Identity before = primaryOf(refs, links, canonical, event);
    for (Identity e : form) {
      if (e != null && e.equals(before)) {
        return true;
      }
    }
    return false;
  }

  /** An erased identity's canonical form: it passed every check once, so it normalizes. */
  private @Nullable Identity normalized(Identity sent) {
    Namespace namespace = graph.namespace(sent.namespace()).orElse(null);
    if (namespace == null) {
      return null;
    }
    try {
      return new Identity(namespace.code(), namespace.normalizer().normalize(sent.value()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  LinkResult link(String dataset, long timestamp, Resolved resolved) {
    return graph.link(dataset, timestamp, resolved.checked());
  }

  DryRun dryRun(String dataset, long timestamp, Resolved resolved) {
    return graph.dryRun(dataset, timestamp, resolved.sent());
  }

  private @Nullable Identity primaryOf(
      List<IdentityRef> refs,
      IntPredicate kept,
      IntFunction<@Nullable Identity> canonical,
      boolean event) {
    boolean priority = !config.priority.isEmpty();
    if (!event || !priority) {
      // The mark decides when the priority does not: only the marked identity needs looking at.
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i).primary()) {
          if (kept.test(i)) {
            return canonical.apply(i);
          }
          break;
        }
      }
    }
    Identity marked = null;
    Identity only = null;
    int valid = 0;
    Identity best = null;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < refs.size(); i++) {
      if (!kept.test(i)) {
        continue;
      }
      Identity c = canonical.apply(i);
      valid++;
      only = c;
      if (refs.get(i).primary() && marked == null) {
        marked = c;
      }
      int rank = config.rank(c.namespace());
      if (rank < bestRank) {
        bestRank = rank;
        best = c;
      }
    }
    boolean ranked = priority && bestRank < Integer.MAX_VALUE - 1;
    if (event && ranked) {
      return best;
    }
    if (marked != null) {
      return marked;
    }
    if (valid == 1) {
      return only;
    }
    return ranked ? best : null;
  }
}
