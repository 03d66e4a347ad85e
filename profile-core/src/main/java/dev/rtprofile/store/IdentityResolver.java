package dev.rtprofile.store;

import dev.rtprofile.graph.CheckedIdentities;
import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.DryRun;
import dev.rtprofile.graph.LinkResult;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
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

  /** A record's identities as checked, with the primary chosen from them. */
  record Resolved(List<Identity> sent, CheckedIdentities checked, @Nullable Identity primary) {
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
    return new Resolved(sent, checked, primaryOf(refs, checked, event));
  }

  LinkResult link(String dataset, long timestamp, Resolved resolved) {
    return graph.link(dataset, timestamp, resolved.checked());
  }

  DryRun dryRun(String dataset, long timestamp, Resolved resolved) {
    return graph.dryRun(dataset, timestamp, resolved.sent());
  }

  private @Nullable Identity primaryOf(
      List<IdentityRef> refs, CheckedIdentities checked, boolean event) {
    boolean priority = !config.priority.isEmpty();
    if (!event || !priority) {
      // The mark decides when the priority does not: only the marked identity needs looking at.
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i).primary()) {
          if (checked.links(i)) {
            return checked.canonical(i);
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
      if (!checked.links(i)) {
        continue;
      }
      Identity c = checked.canonical(i);
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
