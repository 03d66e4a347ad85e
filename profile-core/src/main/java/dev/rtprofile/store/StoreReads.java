package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.MergePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The store's internal read interface: what queries ({@link ProfileQuery}, {@link EventQuery},
 * {@link ProfileSearch}) and the search engine ({@link SearchEngine}, {@link ScanTable}) may ask of
 * the store. They never call {@link ProfileStore}. The first group runs whole operations and takes
 * care of locking itself; the second is for code already running under the read lock, as {@link
 * StoreLock} describes.
 */
interface StoreReads {
  // Whole operations: thread-safe, each atomic.

  /** The policy with an id, the default for null; throws naming the registered ids. */
  MergePolicy policy(@Nullable String id);

  /** The profile holding an identity under a policy; lock-free. */
  Optional<Profile> fetch(Identity identity, MergePolicy policy);

  /** The profiles of several identities from one state; see {@link StoreLock#readAtomically}. */
  Map<Identity, Profile> fetchAll(List<Identity> identities, MergePolicy policy);

  /** An identity of the graph a profile id names now, following merges; empty if none. */
  Optional<Identity> resolveProfileId(String profileId);

  /**
   * The profile a profile id names now, following merges; under NONE stitching the profile of the
   * graph's first identity in canonical order that holds data of its own.
   */
  Optional<Profile> fetchByProfileId(String profileId, MergePolicy policy);

  EventPage fetchEvents(EventQuery query);

  SearchPage search(ProfileSearch query);

  long count(ProfileSearch query);

  String explain(ProfileSearch query);

  // Under the read lock (or the exclusive lock where said).

  /** The graph engine, for reads only. */
  IdentityGraph graph();

  /** The profile of a graph under a whole-graph policy, from the cache or merged now. */
  Profile profileOf(Membership m, MergePolicy policy);

  /** The cached profile of a graph, or null; for scans that merge only what they must. */
  @Nullable Profile cachedProfile(Identity anchor, MergePolicy policy);

  /** The profile of one identity under NONE stitching; empty if nothing contributes. */
  Optional<Profile> profileOfIdentity(Identity canonical, MergePolicy policy);

  /**
   * The merged value of a graph's profile at one leaf path, the value a lookup returns; merged at
   * that path alone when the policy decides it plainly. Null if none.
   */
  @Nullable Object mergedValue(Membership m, MergePolicy policy, String path);

  /** The identities that hold fragments or events: the profiles of NONE stitching. */
  List<Identity> identitiesWithData();

  /** Counts the unexpired events of a type with {@code from <= timestamp < to} under identities. */
  long countEvents(List<Identity> scope, String type, long from, long to);

  /** Whether some stored attribute path lies below {@code path}: then it is not a leaf. */
  boolean hasFieldsBelow(String path);

  SearchIndexes indexes();

  boolean scanTablesEnabled();

  /** The scan table of a whole-graph policy; its refresh needs the exclusive lock. */
  ScanTable scanTable(MergePolicy policy);

  /** How many graphs (profiles of whole-graph stitching) the store holds. */
  int profileCount();

  /** Runs a task whose parallel streams fork onto the store's executor, and waits for it. */
  <T> T onExecutor(Supplier<T> task);
}
