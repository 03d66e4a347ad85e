package dev.rtprofile.store;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What ingest did with one record or event.
 *
 * @param status accepted, trimmed, ignored or rejected
 * @param problems machine-readable reasons, empty when accepted as sent
 * @param detail a human-readable explanation without identity values; empty when accepted
 * @param primaryIdentity the primary identity it was stored under, if any
 * @param dropped identities dropped from it, with reasons
 */
public record IngestResult(
    IngestStatus status,
    List<IngestProblem> problems,
    String detail,
    @Nullable Identity primaryIdentity,
    List<DroppedIdentity> dropped) {

  /** Validates and copies. */
  public IngestResult {
    Objects.requireNonNull(status, "status");
    problems = List.copyOf(problems);
    Objects.requireNonNull(detail, "detail");
    dropped = List.copyOf(dropped);
  }

  static IngestResult rejected(IngestProblem problem, String detail, List<DroppedIdentity> drops) {
    return new IngestResult(IngestStatus.REJECTED, List.of(problem), detail, null, drops);
  }

  /** The ingest problem of a dropped identity. */
  static IngestProblem of(DroppedIdentity dropped) {
    return switch (dropped.problem()) {
      case BLOCKED -> IngestProblem.BLOCKED_IDENTITY;
      case ERASED -> IngestProblem.ERASED_IDENTITY;
      default -> IngestProblem.INVALID_IDENTITY;
    };
  }

  /** Whether the data was stored (accepted or trimmed). */
  public boolean stored() {
    return status == IngestStatus.ACCEPTED || status == IngestStatus.TRIMMED;
  }

  /** The primary identity, if the record got that far. */
  public Optional<Identity> primary() {
    return Optional.ofNullable(primaryIdentity);
  }
}
