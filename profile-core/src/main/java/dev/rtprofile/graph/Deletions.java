package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import org.jspecify.annotations.Nullable;

/**
 * The writes that take evidence away (ARCHITECTURE §2, deletion and un-merge): unlinking two
 * identities, deleting an identity with its links, and deleting what one dataset asserted. Each
 * removes what it must, lets the hub guard re-rank the identities that lost links, and has {@link
 * Recomputation} rebuild the components touched, which may split.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}.
 */
final class Deletions {
  private final GraphState state;
  private final Datasets datasets;
  private final HubGuard hub;
  private final Recomputation recomputation;
  private final NeverLinkRules neverLink;
  private final ProfileIdIndex profileIds;

  Deletions(
      GraphState state,
      Datasets datasets,
      HubGuard hub,
      Recomputation recomputation,
      NeverLinkRules neverLink,
      ProfileIdIndex profileIds) {
    this.state = state;
    this.datasets = datasets;
    this.hub = hub;
    this.recomputation = recomputation;
    this.neverLink = neverLink;
    this.profileIds = profileIds;
  }

  /** Removes every link between a and b; returns the change, or null if there was no link. */
  @Nullable GraphChange unlink(int a, int b) {
    hub.begin();
    int l = state.links.find(a, b);
    if (l < 0) {
      return null;
    }
    IntList seeds = new IntList();
    seeds.add(a);
    seeds.add(b);
    state.links.remove(l);
    IntList changed = new IntList();
    hub.rehub(a, changed);
    hub.rehub(b, changed);
    addEndpoints(changed, seeds);
    return recomputation.recompute(seeds, new IntList(), null);
  }

  private void addEndpoints(IntList changedLinks, IntList seeds) {
    for (int i = 0; i < changedLinks.size(); i++) {
      seeds.add(state.links.a(changedLinks.get(i)));
      seeds.add(state.links.b(changedLinks.get(i)));
    }
  }

  /** Deletes identity x and its links; returns what that did to its graph. */
  IdentityDeletion delete(int x) {
    hub.begin();
    Forest forest = state.forest;
    int root = forest.find(x);
    boolean alone = forest.size(root) == 1;
    Identity[] before = {state.identity(forest.oldest(root))};
    IntList seeds = new IntList();
    removeIdentity(x, seeds);
    GraphChange change = recomputation.recompute(seeds, new IntList(), before);
    return new IdentityDeletion(alone ? DeleteOutcome.FULL_REMOVAL : DeleteOutcome.PARTIAL, change);
  }

  /**
   * Removes identity x, its links and its evidence, adding the identities whose graphs must be
   * recomputed to {@code seeds}. The forest is left for the caller's recompute to repair.
   */
  private void removeIdentity(int x, IntList seeds) {
    LinkTable links = state.links;
    int first = seeds.size();
    for (int l = links.firstOfAll(x); l >= 0; l = links.firstOfAll(x)) {
      seeds.add(links.other(l, x));
      links.remove(l);
    }
    IntList changed = new IntList();
    for (int i = first, n = seeds.size(); i < n; i++) {
      hub.rehub(seeds.get(i), changed);
    }
    addEndpoints(changed, seeds);
    hub.removed(x);
    profileIds.removed(x);
    neverLink.removed(x);
    state.idEvidence.clear(x);
    state.ids.remove(x);
  }

  /** Removes what one dataset asserted; returns the counts of links and identities removed. */
  int[] deleteDataset(String dataset) {
    int ds = datasets.idIfKnown(dataset);
    if (ds < 0) {
      return new int[2];
    }
    hub.begin();
    LinkTable links = state.links;
    IdentityTable ids = state.ids;
    IntList seeds = new IntList();
    int linksRemoved = 0;
    for (int l = 0; l < links.highWater(); l++) {
      if (!links.live(l) || !links.evidence.has(l, ds)) {
        continue;
      }
      int a = links.a(l);
      int b = links.b(l);
      seeds.add(a);
      seeds.add(b);
      if (links.evidence.removeDataset(l, ds)) {
        links.remove(l);
        linksRemoved++;
      }
    }
    int identitiesRemoved = 0;
    for (int x = 0; x < ids.highWater(); x++) {
      if (!ids.live(x) || !state.idEvidence.has(x, ds)) {
        continue;
      }
      if (state.idEvidence.removeDataset(x, ds)) {
        // No link is left: a link is only ever asserted together with both its identities.
        removeIdentity(x, seeds);
        identitiesRemoved++;
      } else {
        seeds.add(x);
      }
    }
    IntList changed = new IntList();
    for (int i = 0, n = seeds.size(); i < n; i++) {
      if (ids.live(seeds.get(i))) {
        hub.rehub(seeds.get(i), changed);
      }
    }
    addEndpoints(changed, seeds);
    recomputation.recompute(seeds, new IntList(), new Identity[0]);
    return new int[] {linksRemoved, identitiesRemoved};
  }
}
