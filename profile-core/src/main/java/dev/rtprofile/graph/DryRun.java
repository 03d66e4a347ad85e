package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What linking a record would do, computed without changing the graph.
 *
 * @param identities the identities that would be kept, canonical
 * @param dropped the identities that would be dropped, with reasons
 * @param rejection why the whole record would be rejected, or {@code null}
 * @param profileIdsBefore the profile ids of the existing graphs the record touches, sorted
 * @param graphsAfter the graphs holding the record's identities afterwards, each in canonical
 *     order, ordered by their first identity
 * @param removedLinks links the rules would remove or refuse, with the rule in their status
 * @param merges whether identities of two or more graphs that are separate now would end up in one
 *     graph
 */
public record DryRun(
    List<Identity> identities,
    List<DroppedIdentity> dropped,
    @Nullable RecordProblem rejection,
    List<String> profileIdsBefore,
    List<List<Identity>> graphsAfter,
    List<LinkView> removedLinks,
    boolean merges) {

  /** Copies the lists. */
  public DryRun {
    identities = List.copyOf(identities);
    dropped = List.copyOf(dropped);
    profileIdsBefore = List.copyOf(profileIdsBefore);
    graphsAfter = graphsAfter.stream().map(List::copyOf).toList();
    removedLinks = List.copyOf(removedLinks);
  }
}
