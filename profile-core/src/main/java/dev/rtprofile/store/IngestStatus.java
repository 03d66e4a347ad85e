package dev.rtprofile.store;

/** What ingest did with a record or event. */
public enum IngestStatus {
  /**
   * Stored as sent. An event that replaced a stored duplicate also lists {@link
   * IngestProblem#DUPLICATE_EVENT}.
   */
  ACCEPTED,
  /** Stored, with some identities dropped; the problems say why. */
  TRIMMED,
  /**
   * Nothing new: a stale or duplicate record, or a duplicate event. Its identity links still count
   * as evidence, so the outcome does not depend on arrival order.
   */
  IGNORED,
  /** Not stored at all; the problems say why. */
  REJECTED
}
