package dev.rtprofile.graph;

/** Why a whole record was rejected by the identity graph: a machine-readable reason. */
public enum RecordProblem {
  /** The record carries more identities than {@code maxIdentitiesPerRecord} allows. */
  TOO_MANY_IDENTITIES,
  /** The record carries two different values of one unique namespace. */
  CONFLICTING_UNIQUE_IDENTITIES,
  /** No identity of the record survived validation. */
  NO_VALID_IDENTITY
}
