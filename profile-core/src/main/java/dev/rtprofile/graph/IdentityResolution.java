package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks a record's identities once (ARCHITECTURE §4, identity resolution): validates and
 * normalizes each, drops the invalid, blocked and erased ones with a reason, folds duplicates,
 * hashes the kept ones for interning and rejects a record that is too large, empty or carries two
 * values of one unique namespace. Linking reads the outcome, a {@link Resolved}, and never checks
 * again.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. {@link #check} is a read
 * (it checks into scratch of its own); {@link #resolveInto} with the writer's {@link #scratch} and
 * {@link #resolve} use the writer's scratch and are writes for locking purposes.
 */
final class IdentityResolution {
  private final GraphState state;
  private final IdentityChecker.Checked checked = new IdentityChecker.Checked();

  /** The writer's reusable outcome for {@code link(dataset, timestamp, identities)}. */
  final Resolved scratch = new Resolved(8);

  IdentityResolution(GraphState state) {
    this.state = state;
  }

  /** The identities of a record, checked: namespace indexes and values, plus what was dropped. */
  static final class Resolved {
    /** How many kept identities there are: the first {@code count} slots of the columns. */
    int count;

    int[] namespace;
    String[] value;

    /** The identity table's hash of each kept identity. */
    int[] hash;

    /** The kept identities with canonical codes and normalized values, in the order sent. */
    Identity[] canonical;

    /** For each identity sent, its kept slot (a duplicate, its first one's), or -1 if dropped. */
    int[] slotOf;

    /** How many identities sent were checked: all of them, or none if the record was too large. */
    int checkedCount;

    List<Identity> kept = List.of();
    List<DroppedIdentity> dropped = List.of();
    @Nullable RecordProblem rejection;

    /** A sink for the loads that bring the values into cache, so they are not optimized away. */
    long sink;

    Resolved(int capacity) {
      namespace = new int[capacity];
      value = new String[capacity];
      hash = new int[capacity];
      canonical = new Identity[capacity];
      slotOf = new int[capacity];
    }

    /** Empties the scratch for a record of up to {@code capacity} identities. */
    void reset(int capacity) {
      if (capacity > namespace.length) {
        namespace = new int[capacity];
        value = new String[capacity];
        hash = new int[capacity];
        canonical = new Identity[capacity];
        slotOf = new int[capacity];
      }
      count = 0;
      checkedCount = 0;
      kept = List.of();
      dropped = List.of();
      rejection = null;
    }

    /** The kept slot of the i-th identity sent, or -1 if it was dropped or never checked. */
    int slot(int i) {
      return i < checkedCount ? slotOf[i] : -1;
    }

    void drop(DroppedIdentity identity) {
      if (dropped.isEmpty()) {
        dropped = new ArrayList<>(2);
      }
      dropped.add(identity);
    }
  }

  /**
   * Checks a record's identities into a new {@link Resolved}; a read (its own scratch), so that it
   * may run concurrently with other reads.
   */
  Resolved check(List<Identity> identities) {
    Resolved r = new Resolved(Math.min(identities.size(), state.config.maxIdentitiesPerRecord()));
    resolveInto(identities, r, new IdentityChecker.Checked());
    return r;
  }

  /** Checks a record's identities into a new {@link Resolved} with the writer's scratch. */
  Resolved resolve(List<Identity> identities) {
    Resolved r = new Resolved(identities.size());
    resolveInto(identities, r, checked);
    return r;
  }

  /** Checks a record's identities into {@code r} with the writer's scratch. */
  void resolveInto(List<Identity> identities, Resolved r) {
    resolveInto(identities, r, checked);
  }

  /**
   * Checks a record's identities into {@code r}, with {@code c} as scratch; reads the graph only.
   * When every identity is kept as sent, {@code r.kept} is {@code identities} itself.
   */
  private void resolveInto(List<Identity> identities, Resolved r, IdentityChecker.Checked c) {
    GraphConfig config = state.config;
    DenyList deny = state.deny;
    int size = identities.size();
    if (size > config.maxIdentitiesPerRecord()) {
      r.reset(0);
      r.rejection = RecordProblem.TOO_MANY_IDENTITIES;
      return;
    }
    r.reset(size);
    r.checkedCount = size;
    // Load every identity's value (the identity, its string, the string's bytes) back to back, so
    // that the cache misses of a record's identities overlap instead of coming one per check.
    long sink = 0;
    for (int k = 0; k < size; k++) {
      sink += identities.get(k).value().length();
    }
    r.sink = sink;
    boolean asSent = true;
    outer:
    for (int k = 0; k < size; k++) {
      Identity identity = identities.get(k);
      config.checker().check(identity, c);
      if (c.problem != null) {
        r.drop(new DroppedIdentity(identity, c.problem, c.detail));
        r.slotOf[k] = -1;
        asSent = false;
        continue;
      }
      String code = config.namespace(c.namespace).code();
      if (!deny.isEmpty() && deny.contains(code, c.value)) {
        r.drop(
            new DroppedIdentity(
                identity, IdentityProblem.ERASED, "identity was erased for a privacy request"));
        r.slotOf[k] = -1;
        asSent = false;
        continue;
      }
      for (int j = 0; j < r.count; j++) {
        if (r.namespace[j] == c.namespace && r.value[j].equals(c.value)) {
          r.slotOf[k] = j;
          asSent = false;
          continue outer;
        }
      }
      Identity canonical = identity;
      if (!code.equals(identity.namespace()) || !c.value.equals(identity.value())) {
        canonical = new Identity(code, c.value);
        asSent = false;
      }
      r.slotOf[k] = r.count;
      r.namespace[r.count] = c.namespace;
      r.value[r.count] = c.value;
      r.hash[r.count] = IdentityTable.hash(c.namespace, c.value);
      r.canonical[r.count] = canonical;
      r.count++;
    }
    if (asSent) {
      r.kept = identities;
    } else if (r.count > 0) {
      r.kept = Arrays.asList(Arrays.copyOf(r.canonical, r.count));
    }
    if (r.count == 0) {
      r.rejection = RecordProblem.NO_VALID_IDENTITY;
      return;
    }
    if (config.hasUniqueNamespaces) {
      for (int i = 0; i < r.count; i++) {
        if (config.uniqueBit(r.namespace[i]) < 0) {
          continue;
        }
        for (int j = i + 1; j < r.count; j++) {
          if (r.namespace[j] == r.namespace[i]) {
            r.rejection = RecordProblem.CONFLICTING_UNIQUE_IDENTITIES;
            return;
          }
        }
      }
    }
  }
}
