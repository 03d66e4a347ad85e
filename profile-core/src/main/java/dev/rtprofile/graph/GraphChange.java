package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The graphs an operation touched, by profile id, before and after it. Several ids before and one
 * after is a merge (the others become redirects); one before and several after is a split; none
 * before is a new graph; none after, a removal. Profile ids are computed on first use. Immutable
 * and thread-safe.
 */
public final class GraphChange {
  /** The change of an operation that touched no graph. */
  public static final GraphChange NONE = new GraphChange(new Identity[0], new Identity[0]);

  private final Identity[] beforeOldest;
  private final Identity[] afterOldest;
  private volatile @Nullable List<String> before;
  private volatile @Nullable List<String> after;

  GraphChange(Identity[] beforeOldest, Identity[] afterOldest) {
    this.beforeOldest = beforeOldest;
    this.afterOldest = afterOldest;
  }

  /** The profile ids of the touched graphs before the operation, sorted. */
  public List<String> before() {
    List<String> ids = before;
    if (ids == null) {
      ids = ids(beforeOldest);
      before = ids;
    }
    return ids;
  }

  /** The profile ids of the touched graphs after the operation, sorted. */
  public List<String> after() {
    List<String> ids = after;
    if (ids == null) {
      ids = ids(afterOldest);
      after = ids;
    }
    return ids;
  }

  /**
   * The anchors (oldest identities, see {@link IdentityGraph#anchor}) of the touched graphs before
   * the operation.
   */
  public List<Identity> beforeAnchors() {
    return List.of(beforeOldest);
  }

  /**
   * The identity each graph after the operation takes its profile id from (its oldest), in the
   * order of {@link #after()}'s computation; a member to look each graph up by.
   */
  public List<Identity> afterAnchors() {
    return List.of(afterOldest);
  }

  /**
   * Whether the operation changed which identities belong together: added an identity, merged,
   * split or removed graphs, or changed their profile ids.
   */
  public boolean changed() {
    return this != NONE;
  }

  private static List<String> ids(Identity[] oldest) {
    return Arrays.stream(oldest)
        .map(i -> ProfileIds.of(i.namespace(), i.value()))
        .distinct()
        .sorted()
        .toList();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof GraphChange other
        && before().equals(other.before())
        && after().equals(other.after());
  }

  @Override
  public int hashCode() {
    return Objects.hash(before(), after());
  }

  @Override
  public String toString() {
    return "GraphChange[before=" + before() + ", after=" + after() + "]";
  }
}
