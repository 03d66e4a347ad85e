package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * An identity graph that can be written: links records' identities, unlinks, deletes and erases
 * identities, deletes datasets and adds do-not-link rules. Never throws for data problems in
 * records; they come back in the results.
 *
 * <p>The graph that {@link IdentityGraph#builder()}{@code .build()} returns is thread-safe; see
 * {@link IdentityGraph}.
 */
public interface MutableIdentityGraph extends IdentityGraph {

  /**
   * Links the identities of one record or event: every pair of linkable identities becomes a link
   * (or refreshes its evidence) asserted by {@code dataset} at {@code timestamp}. Invalid
   * identities are dropped with a reason; a record with too many identities, none valid, or two
   * values of one unique namespace is rejected whole. Never throws for data problems.
   *
   * @param dataset the dataset that asserts the links
   * @param timestamp when the record was observed, epoch milliseconds
   * @param identities the record's identities
   */
  LinkResult link(String dataset, long timestamp, Collection<Identity> identities);

  /** Links the identities of one record; see {@link #link(String, long, Collection)}. */
  LinkResult link(String dataset, Instant timestamp, Identity... identities);

  /**
   * Checks a record's identities once, without linking them: validates and normalizes each, drops
   * the invalid, blocked and erased ones, and decides whether the record would be rejected whole.
   * The outcome can be read (for example to choose a primary identity) and then linked with {@link
   * #link(String, long, CheckedIdentities)} without checking again. A read: changes nothing.
   *
   * @param identities the record's identities
   */
  CheckedIdentities check(Collection<Identity> identities);

  /**
   * Links a record checked by {@link #check} on this graph: the same result as {@link #link(String,
   * long, Collection)} with the identities checked, without checking them again. If an identity was
   * erased since the check, the record is checked again, so an erased identity never links.
   *
   * @param dataset the dataset that asserts the links
   * @param timestamp when the record was observed, epoch milliseconds
   * @param checked the record's identities, checked by this graph
   * @throws IllegalArgumentException if {@code checked} came from another graph
   */
  LinkResult link(String dataset, long timestamp, CheckedIdentities checked);

  /**
   * Removes the link between {@code a} and {@code b} with all its evidence, which may split a
   * graph. Later records may assert the link again.
   *
   * @return the graphs touched, or empty if there was no such link
   */
  Optional<GraphChange> unlink(Identity a, Identity b);

  /**
   * Deletes an identity and its links; its graph may split. Later records may bring it back; use
   * {@link #erase} for privacy requests.
   */
  IdentityDeletion delete(Identity identity);

  /**
   * Erases an identity for a privacy request: deletes it and its links, forgets do-not-link rules
   * that name it, and records a salted hash of it (never the value) on the deny list so that later
   * records carrying it drop it with {@link dev.rtprofile.identity.IdentityProblem#ERASED}. Erasing
   * an identity the graph does not hold still adds it to the deny list.
   */
  IdentityDeletion erase(Identity identity);

  /**
   * Deletes the links a dataset asserted: links no other dataset asserted are removed, the others
   * keep the other datasets' evidence; identities only that dataset saw are removed.
   */
  DatasetDeletion deleteDataset(String dataset);

  /**
   * Adds a do-not-link rule: {@code a} and {@code b} never end up in one graph; links that would
   * join them are removed by the identity optimization algorithm, as for unique namespaces.
   *
   * @throws IllegalArgumentException if either identity is invalid
   */
  GraphChange neverLink(Identity a, Identity b);

  /**
   * Returns what linking these identities would do (which graphs they would join or split, which
   * rule would remove which link), without changing anything.
   */
  DryRun dryRun(String dataset, long timestamp, Collection<Identity> identities);
}
