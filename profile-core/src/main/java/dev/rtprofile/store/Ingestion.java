package dev.rtprofile.store;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.DryRun;
import dev.rtprofile.graph.GraphChange;
import dev.rtprofile.graph.LinkResult;
import dev.rtprofile.graph.RecordProblem;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The writes that bring data in: a record (link its identities, then update the fragment of
 * (dataset, primary identity) by the dataset's update mode) and an event (link, then store it under
 * its primary identity, deduplicated), and the record's dry run. Runs under the write lock; no
 * state of its own.
 */
final class Ingestion {
  private final StoreEngine engine;
  private final IdentityResolver resolver;

  Ingestion(StoreEngine engine) {
    this.engine = engine;
    this.resolver = new IdentityResolver(engine.graph, engine.config);
  }

  /** Ingests a record; {@code now} is the clock's time, for a record without a timestamp. */
  IngestResult record(Record record, long now, List<ProfileChange> changes) {
    StoreConfig config = engine.config;
    long size = record.leaves().jsonSizeOver(config.maxRecordSize);
    if (size >= 0) {
      return IngestResult.rejected(
          IngestProblem.TOO_LARGE,
          "record is about " + size + " bytes, over maxRecordSize " + config.maxRecordSize,
          List.of());
    }
    long ingested = record.timestamp().orElse(now);
    long timestamp = record.customTimestamp().orElse(ingested);
    IdentityResolver.Resolved resolved = resolver.resolve(record.identities(), false);
    if (resolved.erasedPrimary()) {
      return erased(resolved);
    }
    Identity primary = resolved.primary();
    if (primary == null) {
      return noPrimary(resolved);
    }
    boolean listening = engine.feed.listening();
    boolean existed = listening && engine.graph.contains(primary);
    LinkResult link = resolver.link(record.dataset(), timestamp, resolved);
    if (link.rejected()) {
      return IngestResult.rejected(
          problemOf(link), "identities rejected: " + link.rejection(), link.dropped());
    }
    FragmentStore fragments = engine.fragments;
    Fragment current = fragments.get(record.dataset(), primary);
    Fragment next = updated(record, primary, timestamp, current);
    // Only the change feed reads the changed paths.
    Set<String> changed =
        next == current || !listening ? Set.of() : changedPaths(current, next, engine.paths);
    if (next != current) {
      fragments.put(primary, current, next);
    }
    engine.touched(link.change(), primary, List.of());
    if (next != current) {
      announce(changes, link, primary, existed, changed);
      return accepted(primary, link.dropped());
    }
    return ignored(
        changes,
        link,
        primary,
        IngestProblem.STALE,
        "an equal or newer record of this dataset is stored for this identity");
  }

  IngestResult event(Event event, List<ProfileChange> changes) {
    long size = event.leafMap().jsonSizeOver(engine.config.maxEventSize);
    if (size >= 0) {
      return IngestResult.rejected(
          IngestProblem.TOO_LARGE,
          "event is about " + size + " bytes, over maxEventSize " + engine.config.maxEventSize,
          List.of());
    }
    IdentityResolver.Resolved resolved = resolver.resolve(event.identities(), true);
    if (resolved.erasedPrimary()) {
      return erased(resolved);
    }
    Identity primary = resolved.primary();
    if (primary == null) {
      return noPrimary(resolved);
    }
    boolean existed = engine.feed.listening() && engine.graph.contains(primary);
    LinkResult link = resolver.link(event.dataset(), event.timestamp(), resolved);
    if (link.rejected()) {
      return IngestResult.rejected(
          problemOf(link), "identities rejected: " + link.rejection(), link.dropped());
    }
    Event stored = event;
    for (DroppedIdentity d : link.dropped()) {
      if (d.problem() == IdentityProblem.ERASED) {
        // An erased identity is not kept, not even in the event's own identity list.
        stored = stored.without(sent -> sent.equals(d.identity()));
      }
    }
    if (!engine.erased.isEmpty()) {
      // Copies of an erased identity's value are not kept either (ARCHITECTURE §8).
      stored = stored.withoutValues(engine.erased::matches);
    }
    List<Identity> carried = new ArrayList<>(resolved.sent().size());
    for (int i = 0; i < resolved.sent().size(); i++) {
      Identity c = resolved.checked().canonical(i);
      if (c != null) {
        carried.add(c);
      }
    }
    boolean firstOfIdentity = !engine.events.has(primary);
    Identity previousOwner = engine.events.ownerOf(stored);
    EventLog.Outcome outcome = engine.events.add(primary, stored, carried);
    boolean added = outcome != EventLog.Outcome.KEPT;
    // Events are not merged: the pictures change only with the graph or the first event of an
    // identity (whose NONE profile then exists), or the last one (a replaced duplicate's).
    engine.touched(link.change(), added && firstOfIdentity ? primary : null, List.of());
    if (previousOwner != null && added && !engine.events.has(previousOwner)) {
      engine.touched(GraphChange.NONE, previousOwner, List.of());
    }
    if (!added) {
      return ignored(
          changes,
          link,
          primary,
          IngestProblem.DUPLICATE_EVENT,
          "an event with this dataset and id that sorts at or after this one (by timestamp, type,"
              + " attributes, identities) is stored; it is kept");
    }
    announce(changes, link, primary, existed, Set.of());
    IngestResult result = accepted(primary, link.dropped());
    if (outcome == EventLog.Outcome.ADDED) {
      return result;
    }
    List<IngestProblem> problems = new ArrayList<>(result.problems());
    problems.add(IngestProblem.DUPLICATE_EVENT);
    String replaced =
        "replaced the stored event with this dataset and id, which sorts before this one (by"
            + " timestamp, type, attributes, identities)";
    return new IngestResult(
        result.status(),
        problems,
        result.detail().isEmpty() ? replaced : result.detail() + "; " + replaced,
        primary,
        link.dropped());
  }

  /** The result for data whose primary identity, chosen as if nothing were erased, is erased. */
  private static IngestResult erased(IdentityResolver.Resolved resolved) {
    return IngestResult.rejected(
        IngestProblem.ERASED_IDENTITY,
        "the primary identity was erased for a privacy request: nothing of this data is kept",
        resolved.dropped());
  }

  /** What ingesting a record would do, changing nothing but the interned paths. */
  RecordDryRun dryRun(Record record) {
    StoreConfig config = engine.config;
    long timestamp =
        record.customTimestamp().orElse(record.timestamp().orElse(config.clock.millis()));
    IdentityResolver.Resolved resolved = resolver.resolve(record.identities(), false);
    DryRun graphRun = resolver.dryRun(record.dataset(), timestamp, resolved);
    Identity primary = resolved.primary();
    if (graphRun.rejection() != null || primary == null) {
      return new RecordDryRun(IngestStatus.REJECTED, graphRun, Set.of());
    }
    Fragment current = engine.fragments.get(record.dataset(), primary);
    // Paths interned by a dry run stay interned; the table only maps names to ids.
    Fragment next = updated(record, primary, timestamp, current);
    if (next == current) {
      return new RecordDryRun(IngestStatus.IGNORED, graphRun, Set.of());
    }
    IngestStatus status =
        graphRun.dropped().isEmpty() ? IngestStatus.ACCEPTED : IngestStatus.TRIMMED;
    return new RecordDryRun(status, graphRun, changedPaths(current, next, engine.paths));
  }

  /** The fragment after applying {@code record} by its dataset's update mode. */
  private Fragment updated(
      Record record, Identity primary, long timestamp, @Nullable Fragment current) {
    UpdateMode mode = engine.config.modes.getOrDefault(record.dataset(), UpdateMode.REPLACE);
    Fragment incoming =
        Fragment.of(
            record.dataset(),
            primary,
            timestamp,
            record.leaves(),
            mode == UpdateMode.UPSERT ? record.removals() : Set.of(),
            engine.paths);
    if (!engine.erased.isEmpty()) {
      // Copies of an erased identity's value are not kept either (ARCHITECTURE §8).
      incoming = incoming.withoutValues(engine.erased::matches);
    }
    if (current == null) {
      return incoming;
    }
    if (mode == UpdateMode.UPSERT) {
      return current.upsert(incoming);
    }
    if (incoming.timestamp != current.timestamp) {
      return incoming.timestamp > current.timestamp ? incoming : current;
    }
    return incoming.compareContent(current, engine.paths) > 0 ? incoming : current;
  }

  /** The result of data that changed nothing (the links it asserted still count). */
  private IngestResult ignored(
      List<ProfileChange> changes,
      LinkResult link,
      Identity primary,
      IngestProblem problem,
      String message) {
    announce(changes, link, null, true, Set.of());
    return new IngestResult(
        IngestStatus.IGNORED, List.of(problem), message, primary, link.dropped());
  }

  private static IngestResult noPrimary(IdentityResolver.Resolved resolved) {
    Optional<RecordProblem> rejection = resolved.checked().rejection();
    if (rejection.isPresent() && rejection.get() == RecordProblem.TOO_MANY_IDENTITIES) {
      // Too many identities to check any: the record's size is the problem, not its primary.
      return IngestResult.rejected(
          IngestProblem.TOO_MANY_IDENTITIES,
          "identities rejected: " + rejection.get(),
          resolved.dropped());
    }
    return IngestResult.rejected(
        IngestProblem.NO_PRIMARY_IDENTITY,
        "no valid identity is marked primary, the only one, or ranked by namespace priority",
        resolved.dropped());
  }

  private static IngestResult accepted(Identity primary, List<DroppedIdentity> dropped) {
    if (dropped.isEmpty()) {
      return new IngestResult(IngestStatus.ACCEPTED, List.of(), "", primary, dropped);
    }
    List<IngestProblem> problems = new ArrayList<>();
    for (DroppedIdentity d : dropped) {
      IngestProblem p = IngestResult.of(d);
      if (!problems.contains(p)) {
        problems.add(p);
      }
    }
    return new IngestResult(
        IngestStatus.TRIMMED,
        problems,
        dropped.size() + (dropped.size() == 1 ? " identity" : " identities") + " dropped",
        primary,
        dropped);
  }

  private static IngestProblem problemOf(LinkResult link) {
    return switch (Objects.requireNonNull(link.rejection())) {
      case TOO_MANY_IDENTITIES -> IngestProblem.TOO_MANY_IDENTITIES;
      case CONFLICTING_UNIQUE_IDENTITIES -> IngestProblem.CONFLICTING_UNIQUE_IDENTITIES;
      case NO_VALID_IDENTITY -> IngestProblem.NO_PRIMARY_IDENTITY;
    };
  }

  /** The attribute paths whose value differs between two versions of a fragment. */
  static Set<String> changedPaths(@Nullable Fragment before, Fragment after, PathTable paths) {
    Set<String> out = new TreeSet<>();
    Map<Integer, Object> old = new HashMap<>();
    if (before != null) {
      for (int i = 0; i < before.paths.length; i++) {
        if (before.isLive(i)) {
          old.put(before.paths[i], before.values[i]);
        }
      }
    }
    for (int i = 0; i < after.paths.length; i++) {
      Object was = old.remove(after.paths[i]);
      if (after.isLive(i) && !after.values[i].equals(was)) {
        out.add(paths.name(after.paths[i]));
      } else if (!after.isLive(i) && was != null) {
        out.add(paths.name(after.paths[i]));
      }
    }
    for (int path : old.keySet()) {
      out.add(paths.name(path));
    }
    return out;
  }

  /**
   * Collects the change-feed notices of an ingest: the graph's merge or split, then CREATED or
   * UPDATED for the profile whose data changed ({@code updated} null when no data changed). Nothing
   * is computed while no one listens: profile ids cost a hash each.
   */
  private void announce(
      List<ProfileChange> changes,
      LinkResult link,
      @Nullable Identity updated,
      boolean existed,
      Set<String> changedPaths) {
    if (!engine.feed.listening()) {
      return;
    }
    ChangeFeed.describe(link.change(), changes);
    if (updated == null) {
      return;
    }
    String profileId = engine.graph.profileId(updated).orElse("");
    boolean created = !existed && link.change().before().isEmpty();
    changes.add(
        new ProfileChange(
            created ? ProfileChange.Kind.CREATED : ProfileChange.Kind.UPDATED,
            created ? List.of() : List.of(profileId),
            List.of(profileId),
            changedPaths));
  }
}
