package dev.rtprofile.merge;

import dev.rtprofile.identity.Identity;
import java.util.Objects;

/**
 * One fragment's non-null value for one leaf attribute path, as handed to an {@link
 * AttributeStrategy}.
 *
 * @param value the fragment's value for the path, never null
 * @param dataset the id of the dataset the fragment belongs to
 * @param primary the primary identity the fragment is stored under
 * @param timestamp the fragment's timestamp for the value (its custom timestamp if present, else
 *     its ingestion time), epoch milliseconds
 */
public record Candidate(Object value, String dataset, Identity primary, long timestamp) {

  /** Validates that the value, the dataset and the primary identity are present. */
  public Candidate {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(primary, "primary");
  }

  /** Names the dataset, the primary identity's namespace and the time; values are personal data. */
  @Override
  public String toString() {
    return "Candidate[" + dataset + ", " + primary + ", " + timestamp + "]";
  }
}
