package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which graph an identity belongs to, without the evidence: the cheap form of {@link GraphView}.
 * The profile id is computed on first use (it costs a SHA-256), so code that only needs the
 * identities or the {@link #anchor()} never pays for it. Immutable and thread-safe.
 */
public final class Membership {
  private final Identity anchor;
  private final List<Identity> identities;
  private volatile @Nullable String profileId;

  Membership(Identity anchor, List<Identity> identities) {
    this.anchor = Objects.requireNonNull(anchor, "anchor");
    this.identities = List.copyOf(identities);
  }

  /** The graph's profile id (AEP's entityId), derived from its {@link #anchor()}. */
  public String profileId() {
    String id = profileId;
    if (id == null) {
      id = ProfileIds.of(anchor.namespace(), anchor.value());
      profileId = id;
    }
    return id;
  }

  /**
   * The graph's oldest identity, the one its profile id derives from; equal anchors mean the same
   * profile id. See {@link IdentityGraph#anchor(Identity)}.
   */
  public Identity anchor() {
    return anchor;
  }

  /** The graph's identities, canonical, in canonical order. */
  public List<Identity> identities() {
    return identities;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Membership other
        && anchor.equals(other.anchor)
        && identities.equals(other.identities);
  }

  @Override
  public int hashCode() {
    return 31 * anchor.hashCode() + identities.hashCode();
  }

  @Override
  public String toString() {
    return "Membership[profileId=" + profileId() + ", identities=" + identities.size() + "]";
  }
}
