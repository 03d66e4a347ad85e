package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A record's identities as one graph checked them ({@link MutableIdentityGraph#check}): each
 * identity sent in canonical form or dropped with a reason, and whether the record as a whole would
 * be rejected. Link it with {@link MutableIdentityGraph#link(String, long, CheckedIdentities)} on
 * the same graph. Immutable and thread-safe.
 */
public final class CheckedIdentities {
  private final Object owner;
  private final long erasures;
  private final List<Identity> sent;
  private final IdentityResolution.Resolved resolved;
  private final GraphConfig config;

  CheckedIdentities(
      Object owner,
      long erasures,
      List<Identity> sent,
      IdentityResolution.Resolved resolved,
      GraphConfig config) {
    this.owner = owner;
    this.erasures = erasures;
    this.sent = sent;
    this.resolved = resolved;
    this.config = config;
  }

  /** Returns how many identities were sent, dropped ones and duplicates included. */
  public int size() {
    return sent.size();
  }

  /**
   * Returns the canonical form (canonical namespace code, normalized value) of the {@code i}-th
   * identity sent; for a duplicate of an earlier one, that one's form. Null if the identity was
   * dropped (invalid, blocked or erased), or if the record had too many identities to check.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #size()}
   */
  public @Nullable Identity canonical(int i) {
    Objects.checkIndex(i, sent.size());
    int slot = resolved.slot(i);
    return slot < 0 ? null : resolved.canonical[slot];
  }

  /**
   * Returns whether the {@code i}-th identity sent is kept and its namespace's type links (is not
   * {@code NON_PEOPLE} or {@code PARTNER}). A rejected record links nothing, whatever this says.
   *
   * @throws IndexOutOfBoundsException if {@code i} is not below {@link #size()}
   */
  public boolean links(int i) {
    Objects.checkIndex(i, sent.size());
    int slot = resolved.slot(i);
    return slot >= 0 && config.links(resolved.namespace[slot]);
  }

  /** Returns the identities dropped, as sent, with reasons, in the order sent. */
  public List<DroppedIdentity> dropped() {
    return List.copyOf(resolved.dropped);
  }

  /** Returns why the whole record would be rejected, or empty if it would not be. */
  public Optional<RecordProblem> rejection() {
    return Optional.ofNullable(resolved.rejection);
  }

  /** The identities as sent. */
  List<Identity> sent() {
    return sent;
  }

  /** The outcome of the check, for linking; read only. */
  IdentityResolution.Resolved resolved() {
    return resolved;
  }

  /** Whether this graph checked these identities. */
  boolean checkedBy(Object graph) {
    return owner == graph;
  }

  /** The graph's count of erasures when it checked these identities. */
  long erasures() {
    return erasures;
  }

  @Override
  public String toString() {
    return "CheckedIdentities[size="
        + sent.size()
        + ", kept="
        + resolved.count
        + ", dropped="
        + resolved.dropped.size()
        + ", rejection="
        + resolved.rejection
        + "]";
  }
}
