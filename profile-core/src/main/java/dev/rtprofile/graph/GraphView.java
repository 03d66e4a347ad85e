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
 * @param removedLinks links touching the identities that the rules removed or refused, in canonical
 *     order; of the links the hub guard refused ({@link LinkStatus#REFUSED_HUB}) only the first
 *     {@value #MAX_LISTED_HUB_REFUSALS} in canonical order are listed
 * @param hubRefusalsNotListed how many more links the hub guard refused at the identities than
 *     {@code removedLinks} lists: a large number marks a hub, an identity shared by far more
 *     identities than one person has
 */
public record GraphView(
    String profileId,
    List<IdentityView> identities,
    List<LinkView> links,
    List<LinkView> removedLinks,
    int hubRefusalsNotListed) {

  /**
   * How many links refused by the hub guard a view lists at most; the rest are only counted, so
   * that the view of a hub stays small however many identities were offered to it.
   */
  public static final int MAX_LISTED_HUB_REFUSALS = 100;

  /** Validates and copies the lists. */
  public GraphView {
    Objects.requireNonNull(profileId, "profileId");
    identities = List.copyOf(identities);
    links = List.copyOf(links);
    removedLinks = List.copyOf(removedLinks);
    if (hubRefusalsNotListed < 0) {
      throw new IllegalArgumentException(
          "hubRefusalsNotListed must not be negative, but was " + hubRefusalsNotListed);
    }
  }

  /**
   * A view that lists every removed link: no refusal left unlisted.
   *
   * @param profileId the stable id of the graph
   * @param identities the identities, in canonical order
   * @param links the accepted links, in canonical order
   * @param removedLinks the removed or refused links, in canonical order
   */
  public GraphView(
      String profileId,
      List<IdentityView> identities,
      List<LinkView> links,
      List<LinkView> removedLinks) {
    this(profileId, identities, links, removedLinks, 0);
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
