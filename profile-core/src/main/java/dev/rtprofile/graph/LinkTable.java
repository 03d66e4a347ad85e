package dev.rtprofile.graph;

import java.io.IOException;
import java.util.Arrays;

/**
 * The links between identities, in primitive columns: endpoints, per-endpoint adjacency chains, the
 * status the rules gave the link, whether the hub guard lets each endpoint take it, and the
 * evidence. Not thread-safe; reads are safe while no write runs.
 *
 * <p>Each identity has two chains (singly linked lists threaded through the link ids): the links it
 * takes ({@link #head}) and the links the hub guard refuses at it ({@link #refusedHead}). A link is
 * in the taken chain of an endpoint exactly when it is eligible at that endpoint, so that walking a
 * graph's links costs at most {@code hubLimit} links per identity however many links a hub was
 * offered (ARCHITECTURE §2: no operation costs more than what it touches).
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the table whole, chains and free list as they
 * are, since the order of a chain decides the order of every walk.
 */
final class LinkTable {
  private static final int ELIGIBLE_A = 1;
  private static final int ELIGIBLE_B = 2;
  private static final LinkStatus[] STATUSES = LinkStatus.values();

  private static final int SHIFT = Pages.SHIFT;
  private static final int MASK = Pages.MASK;

  // Paged columns (see Pages): element i at [i >>> SHIFT][i & MASK].
  private int[][] a = new int[0][];
  private int[][] b = new int[0][];
  private int[][] nextA = new int[0][];
  private int[][] nextB = new int[0][];
  private byte[][] state = new byte[0][];
  final Evidence evidence;
  private int highWater;
  private int count;
  private int[] free = new int[16];
  private int freeCount;

  // Per identity: the chain of links it takes, the chain of links refused at it, all its links.
  private int[][] head = new int[0][];
  private int[][] refusedHead = new int[0][];
  private int[][] degree = new int[0][];

  LinkTable(int linkCapacity, int identityCapacity) {
    growLinks(linkCapacity);
    evidence = new Evidence(linkCapacity);
    ensureIdentityCapacity(identityCapacity);
  }

  private void growLinks(int capacity) {
    a = Pages.ints(a, capacity, 0);
    b = Pages.ints(b, capacity, 0);
    nextA = Pages.ints(nextA, capacity, 0);
    nextB = Pages.ints(nextB, capacity, 0);
    state = Pages.bytes(state, capacity);
  }

  void ensureIdentityCapacity(int capacity) {
    if (capacity > head.length << SHIFT) {
      head = Pages.ints(head, capacity, -1);
      refusedHead = Pages.ints(refusedHead, capacity, -1);
      degree = Pages.ints(degree, capacity, 0);
    }
  }

  int count() {
    return count;
  }

  int highWater() {
    return highWater;
  }

  boolean live(int link) {
    return link < highWater && a(link) >= 0;
  }

  int a(int link) {
    return a[link >>> SHIFT][link & MASK];
  }

  int b(int link) {
    return b[link >>> SHIFT][link & MASK];
  }

  int other(int link, int identity) {
    int x = a(link);
    return x == identity ? b(link) : x;
  }

  /** The first link {@code identity} takes (eligible at it), or -1; go on with {@link #next}. */
  int head(int identity) {
    return head[identity >>> SHIFT][identity & MASK];
  }

  private void setHead(int identity, int link) {
    head[identity >>> SHIFT][identity & MASK] = link;
  }

  /** The first link the hub guard refuses at {@code identity}, or -1; go on with {@link #next}. */
  int refusedHead(int identity) {
    return refusedHead[identity >>> SHIFT][identity & MASK];
  }

  private void setRefusedHead(int identity, int link) {
    refusedHead[identity >>> SHIFT][identity & MASK] = link;
  }

  /**
   * How many links the hub guard refuses at {@code identity}. Costs the links it takes (at most the
   * hub limit), not the refused ones.
   */
  int refusedDegree(int identity) {
    int taken = 0;
    for (int l = head(identity); l >= 0; l = next(l, identity)) {
      taken++;
    }
    return degree(identity) - taken;
  }

  /**
   * The first of all of {@code identity}'s links, taken or refused, or -1; go on with {@link
   * #nextOfAll}.
   */
  int firstOfAll(int identity) {
    int l = head(identity);
    return l >= 0 ? l : refusedHead(identity);
  }

  /** The link after {@code link} among all of {@code identity}'s links, or -1. */
  int nextOfAll(int link, int identity) {
    int n = next(link, identity);
    return n < 0 && eligibleAt(link, identity) ? refusedHead(identity) : n;
  }

  /** The link after {@code link} in the chain of {@code identity} that holds it, or -1. */
  int next(int link, int identity) {
    int page = link >>> SHIFT;
    int at = link & MASK;
    return a[page][at] == identity ? nextA[page][at] : nextB[page][at];
  }

  private void setNext(int link, int identity, int after) {
    int page = link >>> SHIFT;
    int at = link & MASK;
    if (a[page][at] == identity) {
      nextA[page][at] = after;
    } else {
      nextB[page][at] = after;
    }
  }

  int degree(int identity) {
    return degree[identity >>> SHIFT][identity & MASK];
  }

  private void addDegree(int identity, int delta) {
    degree[identity >>> SHIFT][identity & MASK] += delta;
  }

  private int state(int link) {
    return state[link >>> SHIFT][link & MASK];
  }

  private void setState(int link, int value) {
    state[link >>> SHIFT][link & MASK] = (byte) value;
  }

  /** Returns the link between x and y, or -1. */
  int find(int x, int y) {
    int from = degree(x) <= degree(y) ? x : y;
    int to = from == x ? y : x;
    for (int l = firstOfAll(from); l >= 0; l = nextOfAll(l, from)) {
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
      if (link == a.length << SHIFT) {
        growLinks(link + 1);
        evidence.grow(link + 1);
      }
    }
    int page = link >>> SHIFT;
    int at = link & MASK;
    a[page][at] = x;
    b[page][at] = y;
    nextA[page][at] = head(x);
    setHead(x, link);
    nextB[page][at] = head(y);
    setHead(y, link);
    addDegree(x, 1);
    addDegree(y, 1);
    state[page][at] = (byte) (ELIGIBLE_A | ELIGIBLE_B | (LinkStatus.ACCEPTED.ordinal() << 2));
    evidence.init(link, ds, timestamp);
    count++;
    return link;
  }

  /** Removes a link from both endpoints' chains and frees its id. */
  void remove(int link) {
    int x = a(link);
    int y = b(link);
    unchain(link, x);
    unchain(link, y);
    addDegree(x, -1);
    addDegree(y, -1);
    a[link >>> SHIFT][link & MASK] = -1;
    b[link >>> SHIFT][link & MASK] = -1;
    evidence.clear(link);
    count--;
    if (freeCount == free.length) {
      free = Arrays.copyOf(free, freeCount * 2);
    }
    free[freeCount++] = link;
  }

  private void unchain(int link, int identity) {
    boolean taken = eligibleAt(link, identity);
    int after = next(link, identity);
    int first = taken ? head(identity) : refusedHead(identity);
    if (first == link) {
      if (taken) {
        setHead(identity, after);
      } else {
        setRefusedHead(identity, after);
      }
      return;
    }
    for (int l = first; l >= 0; ) {
      int n = next(l, identity);
      if (n == link) {
        setNext(l, identity, after);
        return;
      }
      l = n;
    }
    throw new IllegalStateException("link is missing from its endpoint's chain");
  }

  /** Whether the link counts toward the raw components: the hub guard lets both ends take it. */
  boolean eligible(int link) {
    return (state(link) & (ELIGIBLE_A | ELIGIBLE_B)) == (ELIGIBLE_A | ELIGIBLE_B);
  }

  boolean eligibleAt(int link, int identity) {
    return (state(link) & (a(link) == identity ? ELIGIBLE_A : ELIGIBLE_B)) != 0;
  }

  /**
   * Sets whether the hub guard lets {@code identity} take the link, moving it to the matching chain
   * of {@code identity}; returns true on a change. Costs the length of the chain it leaves: the
   * links a hub takes are few, the links refused at it many, so a hub's refusal is cheap and its
   * promotion (after a deletion) is not.
   */
  boolean setEligibleAt(int link, int identity, boolean eligible) {
    if (eligibleAt(link, identity) == eligible) {
      return false;
    }
    unchain(link, identity);
    int bit = a(link) == identity ? ELIGIBLE_A : ELIGIBLE_B;
    int old = state(link);
    setState(link, eligible ? old | bit : old & ~bit);
    if (eligible) {
      setNext(link, identity, head(identity));
      setHead(identity, link);
    } else {
      setNext(link, identity, refusedHead(identity));
      setRefusedHead(identity, link);
    }
    return true;
  }

  /**
   * Re-ranks all of {@code identity}'s links at once: the first {@code taken} of {@code ranked}
   * (all its links, best first) are eligible at it and the rest are not, and both chains are
   * rebuilt in that order. Costs the number of links, however many change chains.
   */
  void rechain(int identity, int[] ranked, int taken) {
    int takenHead = -1;
    int refused = -1;
    for (int i = ranked.length - 1; i >= 0; i--) {
      int link = ranked[i];
      int bit = a(link) == identity ? ELIGIBLE_A : ELIGIBLE_B;
      int old = state(link);
      boolean eligible = i < taken;
      setState(link, eligible ? old | bit : old & ~bit);
      if (eligible) {
        setNext(link, identity, takenHead);
        takenHead = link;
      } else {
        setNext(link, identity, refused);
        refused = link;
      }
    }
    setHead(identity, takenHead);
    setRefusedHead(identity, refused);
  }

  /** The status the rules gave the link, or the guard that refused it. */
  LinkStatus status(int link) {
    int st = state(link);
    return eligible(link) ? STATUSES[(st >>> 2) & 7] : LinkStatus.REFUSED_HUB;
  }

  void setStatus(int link, LinkStatus status) {
    setState(link, (state(link) & (ELIGIBLE_A | ELIGIBLE_B)) | (status.ordinal() << 2));
  }

  /**
   * Writes the table: the links' columns, the free list in order, the chains' heads and degrees of
   * identities {@code [0, identities)}, and the links' evidence.
   */
  void writeTo(StateOutput out, int identities) throws IOException {
    out.writeInt(highWater);
    out.writeInt(count);
    out.writeInt(freeCount);
    out.writeIntPages(a, highWater);
    out.writeIntPages(b, highWater);
    out.writeIntPages(nextA, highWater);
    out.writeIntPages(nextB, highWater);
    out.writeBytePages(state, highWater);
    out.writeInts(free, freeCount);
    out.writeIntPages(head, identities);
    out.writeIntPages(refusedHead, identities);
    out.writeIntPages(degree, identities);
    evidence.writeTo(out, highWater);
  }

  /**
   * Replaces the contents of this table, which must be new, with what {@link #writeTo} wrote for
   * {@code identities} identity ids and dataset ids below {@code datasets}.
   *
   * @throws MalformedStateException if the input is not such a table
   */
  void readFrom(StateInput in, int identities, int datasets) throws IOException {
    int hw = in.count("the link count", Integer.MAX_VALUE - Pages.SIZE);
    int live = in.count("the live link count", hw);
    int freed = in.count("the free link count", hw);
    if (live + freed != hw) {
      throw new MalformedStateException("the link counts disagree");
    }
    int pages = Math.max(1, Pages.count(hw));
    int[][] as = in.readIntPages(hw, pages, 0);
    int[][] bs = in.readIntPages(hw, pages, 0);
    int[][] nextAs = in.readIntPages(hw, pages, 0);
    int[][] nextBs = in.readIntPages(hw, pages, 0);
    byte[][] states = in.readBytePages(hw, pages);
    int[] freeLinks = in.readIntArray(freed, 16);
    int identityPages = Math.max(1, Pages.count(identities));
    int[][] heads = in.readIntPages(identities, identityPages, -1);
    int[][] refusedHeads = in.readIntPages(identities, identityPages, -1);
    int[][] degrees = in.readIntPages(identities, identityPages, 0);
    int dead = 0;
    for (int l = 0; l < hw; l++) {
      int x = as[l >>> SHIFT][l & MASK];
      int y = bs[l >>> SHIFT][l & MASK];
      if (x == -1 && y == -1) {
        dead++;
      } else if (x == y) {
        throw new MalformedStateException("a link joins an identity to itself");
      } else {
        StateInput.check(x, identities, "a link's end");
        StateInput.check(y, identities, "a link's end");
        int st = states[l >>> SHIFT][l & MASK];
        StateInput.check((st >>> 2) & 0x3F, STATUSES.length, "a link status");
      }
      StateInput.check(nextAs[l >>> SHIFT][l & MASK] + 1, hw + 1, "a link chain");
      StateInput.check(nextBs[l >>> SHIFT][l & MASK] + 1, hw + 1, "a link chain");
    }
    if (dead != freed) {
      throw new MalformedStateException("the free link count is wrong");
    }
    for (int k = 0; k < freed; k++) {
      int l = StateInput.check(freeLinks[k], hw, "a free link id");
      if (as[l >>> SHIFT][l & MASK] != -1) {
        throw new MalformedStateException("a free link id is live");
      }
    }
    for (int x = 0; x < identities; x++) {
      StateInput.check(heads[x >>> SHIFT][x & MASK] + 1, hw + 1, "a link chain's head");
      StateInput.check(refusedHeads[x >>> SHIFT][x & MASK] + 1, hw + 1, "a link chain's head");
      StateInput.check(degrees[x >>> SHIFT][x & MASK], hw + 1, "a degree");
    }
    evidence.readFrom(in, hw, datasets);
    a = as;
    b = bs;
    nextA = nextAs;
    nextB = nextBs;
    state = states;
    highWater = hw;
    count = live;
    free = freeLinks;
    freeCount = freed;
    head = heads;
    refusedHead = refusedHeads;
    degree = degrees;
  }
}
