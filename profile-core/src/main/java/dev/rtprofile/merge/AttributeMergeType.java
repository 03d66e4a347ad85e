package dev.rtprofile.merge;

/** How a merge policy orders fragments to pick the winning value of each attribute path. */
public enum AttributeMergeType {

  /**
   * The value from the fragment with the newest timestamp (custom timestamp if present, else
   * ingestion time) wins; every dataset contributes.
   */
  TIMESTAMP_ORDERED,

  /**
   * The value from the highest-listed dataset wins, and within one dataset the newest timestamp;
   * datasets that are not listed do not contribute attributes.
   */
  DATASET_PRECEDENCE
}
