package dev.rtprofile.merge;

/** How a merge combines the arrays (lists) that several fragments hold for one attribute path. */
public enum ArrayMerge {

  /** Arrays are leaves: the winning value's array is taken whole; the default. */
  WINNER,

  /**
   * The union of all candidates' arrays, deduplicated by {@code equals}, in a deterministic order:
   * the winner's elements first in their order, then each further candidate's new elements in
   * candidate order.
   */
  UNION
}
