package dev.rtprofile.store;

import dev.rtprofile.graph.Membership;
import dev.rtprofile.identity.Identity;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable picture of one identity graph as lookups read it: its membership (anchor, profile
 * id, identities in canonical order) and the fragments stored under each of its identities at the
 * end of one write. A writer builds a new one for every graph it touches and publishes it in the
 * {@link LookupView}; lookups merge from it without any lock (see {@link StoreLock}). Compared by
 * identity: the profile cache keys merged profiles by the picture they were merged from, so a newer
 * picture never meets an older profile.
 */
final class PublishedGraph {
  final Membership membership;

  /** Per identity of {@link Membership#identities()}, the fragments stored under it. */
  private final List<List<Fragment>> fragmentsByMember;

  /** Per identity, whether events are stored under it (a profile of NONE stitching exists). */
  private final boolean[] eventsByMember;

  /** Every fragment of the graph, unordered. */
  final List<Fragment> fragments;

  PublishedGraph(
      Membership membership, List<List<Fragment>> fragmentsByMember, boolean[] eventsByMember) {
    this.membership = membership;
    this.fragmentsByMember = fragmentsByMember;
    this.eventsByMember = eventsByMember;
    int size = 0;
    for (int i = 0; i < fragmentsByMember.size(); i++) {
      size += fragmentsByMember.get(i).size();
    }
    if (size == 0) {
      this.fragments = List.of();
    } else if (fragmentsByMember.size() == 1) {
      this.fragments = fragmentsByMember.get(0);
    } else {
      Fragment[] all = new Fragment[size];
      int at = 0;
      for (int i = 0; i < fragmentsByMember.size(); i++) {
        List<Fragment> own = fragmentsByMember.get(i);
        for (int j = 0; j < own.size(); j++) {
          all[at++] = own.get(j);
        }
      }
      // Never written: the array is this picture's alone.
      this.fragments = Arrays.asList(all);
    }
  }

  /** The position of a canonical identity among the members, or -1. */
  int indexOf(Identity canonical) {
    int at =
        Collections.binarySearch(membership.identities(), canonical, Identity.canonicalOrder());
    return at < 0 ? -1 : at;
  }

  List<Fragment> fragmentsOf(int member) {
    return fragmentsByMember.get(member);
  }

  boolean hasEvents(int member) {
    return eventsByMember[member];
  }
}
