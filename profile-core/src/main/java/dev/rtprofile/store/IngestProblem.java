package dev.rtprofile.store;

/** A machine-readable reason attached to an ingest result. */
public enum IngestProblem {
  /** An identity matched a blocked value or pattern and was dropped. */
  BLOCKED_IDENTITY,
  /** An identity was invalid (unknown namespace, blank, too long, reserved, bad format). */
  INVALID_IDENTITY,
  /** An identity was erased for a privacy request and was dropped. */
  ERASED_IDENTITY,
  /** The record carries more identities than allowed. */
  TOO_MANY_IDENTITIES,
  /** No identity could be the primary identity. */
  NO_PRIMARY_IDENTITY,
  /** The record carries two values of one unique namespace. */
  CONFLICTING_UNIQUE_IDENTITIES,
  /** An older record of a replace dataset, or an upsert that changed nothing. */
  STALE,
  /**
   * An event whose (dataset, id) was ingested before: the greater of the two by timestamp, type,
   * attributes and identities is kept, whatever the arrival order. On an ignored result this event
   * lost; on a stored one it replaced the earlier event.
   */
  DUPLICATE_EVENT,
  /** The record or event is larger than the configured maximum. */
  TOO_LARGE
}
