package dev.rtprofile.graph;

import java.util.Arrays;

/**
 * The links between identities, in primitive columns: endpoints, per-endpoint adjacency chains
 * (each identity's links form a singly linked list threaded through the link ids), the status the
 * rules gave the link, whether the hub guard lets each endpoint take it, and the evidence. Not
 * thread-safe; reads are safe while no write runs.
 */
final class LinkTable {
  private static final int ELIGIBLE_A = 1;
  private static final int ELIGIBLE_B = 2;
  private static final int CAPPED = 0x20;
  private static final LinkStatus[] STATUSES = LinkStatus.values();

  private int[] a;
  private int[] b;
  private int[] nextA;
  private int[] nextB;
  private byte[] state;
  final Evidence evidence;
  private int highWater;
  private int count;
  private int[] free = new int[16];
  private int freeCount;

  // Per identity.
  private int[] head;
  private int[] degree;

  LinkTable(int linkCapacity, int identityCapacity) {
    a = new int[linkCapacity];
    b = new int[linkCapacity];
    nextA = new int[linkCapacity];
    nextB = new int[linkCapacity];
    state = new byte[linkCapacity];
    evidence = new Evidence(linkCapacity);
    head = new int[identityCapacity];
    Arrays.fill(head, -1);
    degree = new int[identityCapacity];
  }

  void ensureIdentityCapacity(int capacity) {
    if (capacity > head.length) {
      int old = head.length;
      head = Arrays.copyOf(head, capacity);
      Arrays.fill(head, old, capacity, -1);
      degree = Arrays.copyOf(degree, capacity);
    }
  }

  int count() {
    return count;
  }

  int highWater() {
    return highWater;
  }

  boolean live(int link) {
    return link < highWater && a[link] >= 0;
  }

  int a(int link) {
    return a[link];
  }

  int b(int link) {
    return b[link];
  }

  int other(int link, int identity) {
    return a[link] == identity ? b[link] : a[link];
  }

  int head(int identity) {
    return head[identity];
  }

  /** The link after {@code link} in {@code identity}'s chain, or -1. */
  int next(int link, int identity) {
    return a[link] == identity ? nextA[link] : nextB[link];
  }

  int degree(int identity) {
    return degree[identity];
  }

  /** Returns the link between x and y, or -1. */
  int find(int x, int y) {
    int from = degree[x] <= degree[y] ? x : y;
    int to = from == x ? y : x;
    for (int l = head[from]; l >= 0; l = next(l, from)) {
      if (other(l, from) == to) {
        return l;
      }
    }
    return -1;
  }

  /** Adds a link between x and y, eligible at both ends and accepted, and returns its id. */
  int add(int x, int y, int ds, long timestamp) {
    int link;
    if (freeCount > 0) {
      link = free[--freeCount];
    } else {
      link = highWater++;
      if (link == a.length) {
        int capacity = a.length + (a.length >> 1) + 16;
        a = Arrays.copyOf(a, capacity);
        b = Arrays.copyOf(b, capacity);
        nextA = Arrays.copyOf(nextA, capacity);
        nextB = Arrays.copyOf(nextB, capacity);
        state = Arrays.copyOf(state, capacity);
        evidence.grow(capacity);
      }
    }
    a[link] = x;
    b[link] = y;
    nextA[link] = head[x];
    head[x] = link;
    nextB[link] = head[y];
    head[y] = link;
    degree[x]++;
    degree[y]++;
    state[link] = (byte) (ELIGIBLE_A | ELIGIBLE_B | (LinkStatus.ACCEPTED.ordinal() << 2));
    evidence.init(link, ds, timestamp);
    count++;
    return link;
  }

  /** Removes a link from both endpoints' chains and frees its id. */
  void remove(int link) {
    unchain(link, a[link]);
    unchain(link, b[link]);
    degree[a[link]]--;
    degree[b[link]]--;
    a[link] = -1;
    b[link] = -1;
    evidence.clear(link);
    count--;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = link;
  }

  private void unchain(int link, int identity) {
    int after = next(link, identity);
    if (head[identity] == link) {
      head[identity] = after;
      return;
    }
    for (int l = head[identity]; l >= 0; ) {
      int n = next(l, identity);
      if (n == link) {
        if (a[l] == identity) {
          nextA[l] = after;
        } else {
          nextB[l] = after;
        }
        return;
      }
      l = n;
    }
    throw new IllegalStateException("link is missing from its endpoint's chain");
  }

  /** Whether the link counts: the hub guard lets both ends take it and it is not capped. */
  boolean eligible(int link) {
    return (state[link] & (ELIGIBLE_A | ELIGIBLE_B | CAPPED)) == (ELIGIBLE_A | ELIGIBLE_B);
  }

  /** Marks a link refused by the component limit; it stays refused. */
  void cap(int link) {
    state[link] = (byte) (state[link] | CAPPED);
  }

  boolean eligibleAt(int link, int identity) {
    return (state[link] & (a[link] == identity ? ELIGIBLE_A : ELIGIBLE_B)) != 0;
  }

  /** Sets whether the hub guard lets {@code identity} take the link; returns true on a change. */
  boolean setEligibleAt(int link, int identity, boolean eligible) {
    int bit = a[link] == identity ? ELIGIBLE_A : ELIGIBLE_B;
    int old = state[link];
    int updated = eligible ? old | bit : old & ~bit;
    state[link] = (byte) updated;
    return old != updated;
  }

  /** The status the rules gave the link, or the guard that refused it. */
  LinkStatus status(int link) {
    if ((state[link] & CAPPED) != 0) {
      return LinkStatus.REFUSED_COMPONENT_LIMIT;
    }
    return eligible(link) ? STATUSES[(state[link] >>> 2) & 7] : LinkStatus.REFUSED_HUB;
  }

  void setStatus(int link, LinkStatus status) {
    state[link] =
        (byte) ((state[link] & (ELIGIBLE_A | ELIGIBLE_B | CAPPED)) | (status.ordinal() << 2));
  }
}
