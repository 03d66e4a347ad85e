package dev.rtprofile.store;

import dev.rtprofile.graph.DryRun;
import java.util.Objects;
import java.util.Set;

/**
 * What ingesting a record would do, computed without changing the store.
 *
 * @param status what ingest would answer: accepted, trimmed, ignored (stale) or rejected
 * @param graph what the record would link and which rules would fire
 * @param changedPaths the attribute paths of its fragment that would change
 */
public record RecordDryRun(IngestStatus status, DryRun graph, Set<String> changedPaths) {

  /** Validates and copies. */
  public RecordDryRun {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(graph, "graph");
    changedPaths = Set.copyOf(changedPaths);
  }
}
