package dev.rtprofile.graph;

/**
 * What deleting a dataset's links did: links that only that dataset asserted are gone, links
 * another dataset also asserted stay with that dataset's evidence alone.
 *
 * @param linksRemoved the number of links removed
 * @param identitiesRemoved the number of identities that only that dataset had seen
 */
public record DatasetDeletion(int linksRemoved, int identitiesRemoved) {}
