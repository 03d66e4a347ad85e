package dev.rtprofile.graph;

/** What deleting an identity did to the graph, as AEP reports it. */
public enum DeleteOutcome {
  /** The identity was not in the graph; nothing changed. */
  NO_CHANGE,
  /** The identity and its links were removed; other identities of its graph remain. */
  PARTIAL,
  /** The identity was removed and its graph held nothing else, so the whole graph is gone. */
  FULL_REMOVAL
}
