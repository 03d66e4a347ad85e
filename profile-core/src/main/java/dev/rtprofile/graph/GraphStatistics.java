package dev.rtprofile.graph;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Counts over the whole identity graph.
 *
 * @param graphs the number of graphs (people), singletons included
 * @param identities the number of identities
 * @param links the number of stored links, accepted or not
 * @param removedLinks the number of stored links the rules removed or refused
 * @param identitiesByNamespace identities per namespace code
 * @param sizeHistogram the number of graphs of each size
 * @param graphsWithMultipleValues per namespace code, the number of graphs holding two or more
 *     values of it
 * @param hubs the number of hubs: identities offered more links than the hub limit, which take only
 *     their earliest ones
 */
public record GraphStatistics(
    int graphs,
    int identities,
    int links,
    int removedLinks,
    SortedMap<String, Integer> identitiesByNamespace,
    SortedMap<Integer, Integer> sizeHistogram,
    SortedMap<String, Integer> graphsWithMultipleValues,
    int hubs) {

  /** Copies the maps. */
  public GraphStatistics {
    identitiesByNamespace = Collections.unmodifiableSortedMap(new TreeMap<>(identitiesByNamespace));
    sizeHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(sizeHistogram));
    graphsWithMultipleValues =
        Collections.unmodifiableSortedMap(new TreeMap<>(graphsWithMultipleValues));
  }

  /**
   * Statistics of a graph without hubs.
   *
   * @param graphs the number of graphs
   * @param identities the number of identities
   * @param links the number of stored links
   * @param removedLinks the number of stored links removed or refused
   * @param identitiesByNamespace identities per namespace code
   * @param sizeHistogram the number of graphs of each size
   * @param graphsWithMultipleValues per namespace code, the graphs holding two or more values of it
   */
  public GraphStatistics(
      int graphs,
      int identities,
      int links,
      int removedLinks,
      SortedMap<String, Integer> identitiesByNamespace,
      SortedMap<Integer, Integer> sizeHistogram,
      SortedMap<String, Integer> graphsWithMultipleValues) {
    this(
        graphs,
        identities,
        links,
        removedLinks,
        identitiesByNamespace,
        sizeHistogram,
        graphsWithMultipleValues,
        0);
  }
}
