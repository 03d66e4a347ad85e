package dev.rtprofile.graph;

/** Whether an asserted link is part of the accepted graph and, if not, which rule removed it. */
public enum LinkStatus {
  /** The link is part of the accepted graph. */
  ACCEPTED,
  /**
   * The identity optimization algorithm removed the link: accepting it would have put two values of
   * a unique namespace into one graph.
   */
  REMOVED_UNIQUE_NAMESPACE,
  /** Accepting the link would have put two identities that must never link into one graph. */
  REMOVED_DO_NOT_LINK,
  /** One of its identities was evicted from a graph over the graph limit. */
  REMOVED_GRAPH_LIMIT,
  /**
   * The hub guard refused the link: one of its identities already has as many earlier links as the
   * hub limit allows.
   */
  REFUSED_HUB,
  /**
   * The component limit refused the link: it belongs to a connected component of links (before the
   * rules split it into graphs) larger than {@code maxComponentSize}, none of whose links count. A
   * safety valve against broken or hostile data; like the other rules, a pure function of the
   * component.
   */
  REFUSED_COMPONENT_LIMIT;

  /** Whether the link is part of the accepted graph. */
  public boolean accepted() {
    return this == ACCEPTED;
  }
}
