package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import java.io.IOException;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * The tables every part of the {@link GraphEngine} reads and writes: interned identities with their
 * evidence, links with theirs, the accepted graph as a union-find forest, the raw components of the
 * eligible links, and the deny list; with the small lookups over them that every part needs.
 *
 * <p>No locking of its own: guarded by its owner, the engine, like every part of it. Methods
 * documented as reads (and those named {@code *ReadOnly} on the tables) never modify anything.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry every table, in the order of {@link StateFormat}.
 */
final class GraphState {
  /** Canonical identity order: namespace code, then value. */
  static final Comparator<Identity> CANONICAL = Identity.canonicalOrder();

  final GraphConfig config;
  final IdentityTable ids;
  final Evidence idEvidence;
  final LinkTable links;
  final Forest forest;
  final RawComponents raw;
  final DenyList deny;

  /**
   * How many links the writers' walks visited (the rules' recomputation and the hub guard's
   * ranking), for the tests that pin costs by counting work rather than timing it. Written by the
   * writer only.
   */
  long linksWalked;

  GraphState(GraphConfig config) {
    this.config = config;
    int capacity = 1024;
    ids = new IdentityTable(capacity);
    idEvidence = new Evidence(capacity);
    links = new LinkTable(capacity, capacity);
    forest = new Forest(capacity);
    raw = new RawComponents(capacity);
    deny = new DenyList(config.denyListSalt());
  }

  /** Grows the per-identity columns after the identity table grew. */
  void ensureIdentityCapacity() {
    if (ids.capacity() > forest.capacity()) {
      int capacity = ids.capacity();
      idEvidence.grow(capacity);
      links.ensureIdentityCapacity(capacity);
      forest.ensureCapacity(capacity);
      raw.ensureCapacity(capacity);
    }
  }

  /** The identity with id {@code id}, canonical code and stored value. Reads only. */
  Identity identity(int id) {
    return new Identity(config.namespace(ids.namespace(id)).code(), ids.value(id));
  }

  /** The identities of {@code idList}. Reads only. */
  Identity[] identities(IntList idList) {
    Identity[] out = new Identity[idList.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = identity(idList.get(i));
    }
    return out;
  }

  /** Compares identities i and j in canonical order. Reads only. */
  int compareCanonical(int i, int j) {
    int c = Integer.compare(config.canonRank(ids.namespace(i)), config.canonRank(ids.namespace(j)));
    return c != 0 ? c : ids.value(i).compareTo(ids.value(j));
  }

  /** Whether identity i is older than j: first-seen, then canonical order. Reads only. */
  boolean older(int i, int j) {
    long fi = idEvidence.first(i);
    long fj = idEvidence.first(j);
    return fi != fj ? fi < fj : compareCanonical(i, j) < 0;
  }

  /**
   * Resolves an identity for a read: its id, or -1 if it is invalid or unknown. Reads only (it
   * checks into a scratch of its own).
   */
  int lookup(Identity identity) {
    IdentityChecker.Checked c = new IdentityChecker.Checked();
    config.checker().check(identity, c);
    if (c.problem != null) {
      return -1;
    }
    return ids.find(c.namespace, c.value);
  }

  /** The id of an identity already in canonical form, or -1 if unknown. Reads only. */
  int findCanonical(Identity canonical) {
    return ids.find(config.namespaceIndex(canonical.namespace()), canonical.value());
  }

  /** The forest's flag bits of an identity of namespace {@code ns}: its unique namespace's bit. */
  int bits(int ns) {
    int bit = config.uniqueBit(ns);
    return bit >= 0 ? 1 << bit : 0;
  }

  /** Unites two roots of the forest, keeping the older of their oldest identities; the new root. */
  int unite(int ra, int rb) {
    int oa = forest.oldest(ra);
    int ob = forest.oldest(rb);
    int root = forest.union(ra, rb);
    forest.setOldest(root, older(oa, ob) ? oa : ob);
    return root;
  }

  /** The profile id identity x would give a graph of which it is the oldest. Reads only. */
  String profileId(int x) {
    return ProfileIds.of(config.namespace(ids.namespace(x)).code(), ids.value(x));
  }

  /** The profile id of x's graph. Reads only. */
  String profileIdOfGraph(int x) {
    return profileId(forest.oldest(forest.findReadOnly(x)));
  }

  /** The members of x's graph, x first. Reads only. */
  IntList members(int x) {
    IntList out = new IntList(forest.size(forest.findReadOnly(x)));
    int m = x;
    do {
      out.add(m);
      m = forest.next(m);
    } while (m != x);
    return out;
  }

  /** Writes every table and the work count. */
  void writeTo(StateOutput out) throws IOException {
    int count = ids.highWater();
    ids.writeTo(out);
    idEvidence.writeTo(out, count);
    links.writeTo(out, count);
    forest.writeTo(out, count);
    raw.writeTo(out, count);
    deny.writeTo(out);
    out.writeLong(linksWalked);
  }

  /**
   * Replaces the tables of this state, which must be new, with what {@link #writeTo} wrote, mapping
   * namespace indexes and unique-namespace bits through the maps given (unless null).
   *
   * @param namespaces how many namespaces the writer's configuration had
   * @param datasets how many datasets have ids
   * @throws MalformedStateException if the input is not such tables
   */
  void readFrom(
      StateInput in,
      int namespaces,
      int @Nullable [] namespaceMap,
      int @Nullable [] uniqueBitMap,
      int datasets)
      throws IOException {
    ids.readFrom(in, namespaces, namespaceMap);
    int count = ids.highWater();
    idEvidence.readFrom(in, count, datasets);
    links.readFrom(in, count, datasets);
    forest.readFrom(in, count, uniqueBitMap);
    raw.readFrom(in, count);
    deny.readFrom(in);
    linksWalked = in.readLong();
  }
}
