package dev.rtprofile.merge;

/** Which fragments a lookup merges into the profile it returns. */
public enum IdentityStitching {

  /** Only the fragments stored under the looked-up identity itself; the graph is not followed. */
  NONE,

  /** The fragments of every identity in the looked-up identity's graph; the default. */
  PRIVATE_GRAPH
}
