package dev.rtprofile.store;

import dev.rtprofile.graph.DatasetDeletion;
import dev.rtprofile.graph.GraphChange;
import dev.rtprofile.graph.IdentityDeletion;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writes that take data out or apart: unlink and do-not-link rules (un-merge), identity delete
 * and privacy erase, dataset deletion and event expiry. Runs under the write lock; no state of its
 * own. Never logs identity values.
 */
final class Deletions {
  private static final Logger LOG = LoggerFactory.getLogger(Deletions.class);

  private final StoreEngine engine;

  Deletions(StoreEngine engine) {
    this.engine = engine;
  }

  boolean unlink(Identity a, Identity b, List<ProfileChange> changes) {
    Optional<GraphChange> change = engine.graph.unlink(a, b);
    change.ifPresent(c -> regraphed(c, changes));
    return change.isPresent();
  }

  /**
   * Adds a do-not-link rule; none for an erased identity (it can never come back, and a rule would
   * keep its value). Returns whether a rule was kept.
   */
  boolean neverLink(Identity a, Identity b, List<ProfileChange> changes) {
    if (erased(a) || erased(b)) {
      return false;
    }
    GraphChange change = engine.graph.neverLink(a, b);
    if (change.changed()) {
      regraphed(change, changes);
    }
    return true;
  }

  /** Whether {@code identity} is on the deny list. */
  private boolean erased(Identity identity) {
    return engine
        .graph
        .problem(identity)
        .filter(d -> d.problem() == IdentityProblem.ERASED)
        .isPresent();
  }

  /** After a graph-only change: republishes the graphs it touched and announces merge or split. */
  private void regraphed(GraphChange change, List<ProfileChange> changes) {
    engine.touched(change, null, List.of());
    ChangeFeed.describe(change, changes);
  }

  /**
   * Deletes an identity (AEP's identity delete): it, its links, and the fragments and events stored
   * under it go; no deny-list entry, so later data may bring it back.
   */
  IdentityDeletion delete(Identity identity, List<ProfileChange> changes) {
    Optional<Identity> canonical = engine.graph.canonical(identity);
    if (canonical.isEmpty() || !engine.graph.contains(canonical.get())) {
      return IdentityDeletion.NO_CHANGE;
    }
    Identity c = canonical.get();
    String before = engine.graph.profileId(c).orElseThrow();
    IdentityDeletion deletion = engine.graph.delete(c);
    removeData(c);
    engine.touched(deletion.change(), null, List.of(c));
    changes.add(
        new ProfileChange(
            ProfileChange.Kind.ERASED, List.of(before), deletion.change().after(), Set.of()));
    LOG.info("deleted a {} identity and its data: {}", c.namespace(), deletion.outcome());
    return deletion;
  }

  /**
   * Erases an identity for a privacy request: as {@link #delete}, plus a deny-list entry, and the
   * identity and copies of its value (as sent here, normalized, and as the events carrying it spelt
   * it) scrubbed from the rest of its graph's fragments and events and from every event carrying
   * it. Costs what it touches: that graph's data and the events carrying the identity (found
   * through the event log's carrier index), never a scan of the store.
   */
  void erase(Identity identity, List<ProfileChange> changes) {
    Optional<Identity> canonical = engine.graph.canonical(identity);
    Optional<Membership> graphBefore = canonical.flatMap(engine.graph::membership);
    Optional<String> before = graphBefore.map(Membership::profileId);
    GraphChange change = engine.graph.erase(identity).change();
    if (canonical.isEmpty()) {
      return;
    }
    Identity c = canonical.get();
    engine.erased.add(identity.value());
    engine.erased.add(c.value());
    removeData(c);
    List<Identity> rest = new ArrayList<>();
    for (Identity member : graphBefore.map(Membership::identities).orElse(List.of())) {
      if (!member.equals(c)) {
        rest.add(member);
      }
    }
    engine.events.scrub(
        c,
        rest,
        sent ->
            engine
                .graph
                .problem(sent)
                .filter(d -> d.problem() == IdentityProblem.ERASED)
                .isPresent(),
        engine.erased::add,
        engine.erased::matches);
    // Copies of the value anywhere in the store go too (DESIGN §9): one pass over every string
    // value by fingerprint; only the fragments and events holding a copy change.
    engine.events.scrubValues(engine.erased::matches);
    List<Identity> scrubbed = new ArrayList<>();
    List<Map.Entry<Identity, List<Fragment>>> all = new ArrayList<>(engine.fragments.all());
    for (Map.Entry<Identity, List<Fragment>> e : all) {
      Identity member = e.getKey();
      for (Fragment f : e.getValue()) {
        Fragment without = f.withoutValues(engine.erased::matches);
        if (without != f) {
          engine.fragments.put(member, f, without);
          if (scrubbed.isEmpty() || !scrubbed.get(scrubbed.size() - 1).equals(member)) {
            scrubbed.add(member);
          }
        }
      }
    }
    engine.touched(change, null, List.of(c));
    // Scrubbed fragments change merged profiles: republish each graph that holds one, once.
    Set<Identity> republished = new HashSet<>();
    for (Identity member : scrubbed) {
      Optional<Identity> anchor = engine.graph.anchor(member);
      if (anchor.isPresent() && republished.add(anchor.get())) {
        engine.touched(GraphChange.NONE, member, List.of());
      }
    }
    if (before.isPresent()) {
      changes.add(
          new ProfileChange(
              ProfileChange.Kind.ERASED, List.of(before.get()), change.after(), Set.of()));
    }
    LOG.info("erased a {} identity and its data", c.namespace());
  }

  /** Erases every identity of the profile holding {@code identity}, with all their data. */
  void eraseProfile(Identity identity, List<ProfileChange> changes) {
    List<Identity> members =
        engine
            .graph
            .canonical(identity)
            .flatMap(engine.graph::membership)
            .map(Membership::identities)
            .orElse(List.of(identity));
    for (Identity member : members) {
      erase(member, changes);
    }
  }

  private void removeData(Identity canonical) {
    engine.fragments.remove(canonical);
    engine.events.removeIdentity(canonical);
  }

  /** Deletes a dataset's fragments, events and the links only it asserted. */
  DatasetDeletion deleteDataset(String dataset, List<ProfileChange> changes) {
    Set<Identity> owners = engine.fragments.owners(dataset);
    owners.addAll(engine.events.owners(dataset));
    Set<String> before = new TreeSet<>();
    Set<Identity> members = new TreeSet<>(Identity.canonicalOrder());
    for (Identity owner : owners) {
      engine
          .graph
          .membership(owner)
          .ifPresent(
              m -> {
                before.add(m.profileId());
                members.addAll(m.identities());
              });
    }
    DatasetDeletion deletion = engine.graph.deleteDataset(dataset);
    engine.fragments.removeDataset(dataset);
    engine.events.removeDataset(dataset);
    // Removing a dataset's sightings can change the profile id of graphs that held none of its
    // fragments or events, so everything derived is rebuilt; deletions are rare.
    engine.rebuildDerived();
    Set<String> after = new TreeSet<>();
    for (Identity member : members) {
      engine.graph.profileId(member).ifPresent(after::add);
    }
    if (!before.isEmpty()) {
      ProfileChange.Kind kind =
          after.isEmpty()
              ? ProfileChange.Kind.ERASED
              : after.size() > before.size()
                  ? ProfileChange.Kind.SPLIT
                  : ProfileChange.Kind.UPDATED;
      changes.add(new ProfileChange(kind, List.copyOf(before), List.copyOf(after), Set.of()));
    }
    LOG.info("deleted dataset data: {} profiles touched", before.size());
    return deletion;
  }

  /** Removes the events past their dataset's retention; returns how many. */
  int expireEvents(long now, List<ProfileChange> changes) {
    Set<Identity> touched = new TreeSet<>(Identity.canonicalOrder());
    int removed = engine.events.expire(d -> engine.config.expiresBefore(d, now), touched);
    Set<String> profiles = new TreeSet<>();
    for (Identity identity : touched) {
      // An identity whose last event expired may no longer have a profile of NONE stitching.
      engine.touched(GraphChange.NONE, identity, List.of());
      engine.graph.profileId(identity).ifPresent(profiles::add);
    }
    for (String profileId : profiles) {
      changes.add(
          new ProfileChange(
              ProfileChange.Kind.UPDATED, List.of(profileId), List.of(profileId), Set.of()));
    }
    return removed;
  }
}
