package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one graph (one person): its profile id, its identities and the links between them,
 * with the evidence behind each and the links the rules removed.
 *
 * @param profileId the stable id of the graph
 * @param identities the identities, in canonical order (namespace code, then value)
 * @param links the accepted links between the identities, in canonical order
 * @param removedLinks links touching the identities that the rules removed or refused
 */
public record GraphView(
    String profileId,
    List<IdentityView> identities,
    List<LinkView> links,
    List<LinkView> removedLinks) {

  /** Validates and copies the lists. */
  public GraphView {
    Objects.requireNonNull(profileId, "profileId");
    identities = List.copyOf(identities);
    links = List.copyOf(links);
    removedLinks = List.copyOf(removedLinks);
  }

  /** Returns the identities alone, in canonical order. */
  public List<Identity> members() {
    return identities.stream().map(IdentityView::identity).toList();
  }

  /** Returns the number of identities in the graph. */
  public int size() {
    return identities.size();
  }
}
