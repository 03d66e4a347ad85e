package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the identity graph made of one record or event.
 *
 * @param identities the identities it kept, with canonical namespace codes and normalized values,
 *     in the order sent
 * @param dropped the identities it dropped, with reasons
 * @param rejection why the whole record was rejected, or {@code null} if it was not
 * @param removedLinks links whose status the operation changed to removed or refused
 * @param change the graphs touched, before and after
 */
public record LinkResult(
    List<Identity> identities,
    List<DroppedIdentity> dropped,
    @Nullable RecordProblem rejection,
    List<LinkView> removedLinks,
    GraphChange change) {

  /** Validates and copies the lists. */
  public LinkResult {
    identities = List.copyOf(identities);
    dropped = List.copyOf(dropped);
    removedLinks = List.copyOf(removedLinks);
    Objects.requireNonNull(change, "change");
  }

  /** Whether the record was rejected as a whole. */
  public boolean rejected() {
    return rejection != null;
  }

  /** Whether the record was accepted with some identities dropped. */
  public boolean trimmed() {
    return rejection == null && !dropped.isEmpty();
  }

  /** Returns the rejection reason, if the whole record was rejected. */
  public Optional<RecordProblem> rejectionReason() {
    return Optional.ofNullable(rejection);
  }
}
