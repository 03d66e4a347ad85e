package dev.rtprofile.internal;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The bridge that gives the profile store the identity graph's engine without a lock, and the
 * engine's whole state for snapshots: the JDK's "shared secrets" pattern. {@link
 * IdentityGraph.Builder} registers an {@link Access} here when its class is initialized, so that
 * the package-private engine stays out of the public API; this package is not exported by the
 * module.
 */
public final class GraphEngines {
  private static volatile @Nullable Access access;

  private GraphEngines() {}

  /** What the graph package provides through this bridge; implemented there, once. */
  public interface Access {
    /** See {@link GraphEngines#unsynchronized}. */
    MutableIdentityGraph unsynchronized(IdentityGraph.Builder builder);

    /** See {@link GraphEngines#writeState}. */
    void writeState(MutableIdentityGraph engine, DataOutput out) throws IOException;

    /** See {@link GraphEngines#readState}. */
    MutableIdentityGraph readState(IdentityGraph.Builder builder, DataInput in) throws IOException;

    /** See {@link GraphEngines#settingsDescription}. */
    String settingsDescription(IdentityGraph.Builder builder);
  }

  /**
   * Returns a new graph engine built from the builder's settings exactly as {@link
   * IdentityGraph.Builder#build()} would, with the same validation, but with no locking at all.
   *
   * <p>Not thread-safe: its owner guards it. Reads may run concurrently with each other; writes
   * must exclude every other call; {@code dryRun}, and {@code resolveProfileId} and {@code
   * graphByProfileId} (which build an index on first use), count as writes.
   *
   * @throws IllegalStateException if the linking rules contradict each other or the namespaces
   * @throws IllegalArgumentException if a setting names an unknown namespace
   */
  public static MutableIdentityGraph unsynchronized(IdentityGraph.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return access().unsynchronized(builder);
  }

  /**
   * Writes the whole state of an engine made by {@link #unsynchronized} (not its settings, but a
   * fingerprint of them and of its deny-list salt, checked by {@link #readState}): identities and
   * their evidence, links with their evidence and statuses, graphs, the deny list (salted hashes),
   * do-not-link rules, hub refusals, datasets, merged-away profile ids, counters. Versioned and
   * checksummed; compact (primitive columns in bulk, strings as UTF-8) and written in large writes,
   * so the output need not be buffered. Writes nothing after its own end.
   *
   * <p>A read of the engine: it may run concurrently with other reads, not with a write.
   *
   * @throws IllegalArgumentException if the engine was not made by {@link #unsynchronized}
   * @throws IOException if the output throws it
   */
  public static void writeState(MutableIdentityGraph engine, DataOutput out) throws IOException {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(out, "out");
    access().writeState(engine, out);
  }

  /**
   * Returns a new unsynchronized engine (see {@link #unsynchronized}) with the builder's settings
   * and the state read from {@code in}, which must have been written by {@link #writeState} of an
   * engine with the same settings. The engine returned is indistinguishable from the one written:
   * every read gives the same answer, and the same writes give the same results and states. Reads
   * exactly the bytes {@link #writeState} wrote, never more.
   *
   * @throws IOException with a message that says what is wrong and never holds an identity value,
   *     if the input is truncated, garbled (its checksum fails), of another format version, or
   *     written under other settings ({@link #settingsDescription} differs but for the salt), or
   *     with another deny-list salt than the builder's (a builder that sets no salt reads only a
   *     state with an empty deny list); or if the input throws it
   * @throws IllegalStateException if the linking rules contradict each other or the namespaces
   * @throws IllegalArgumentException if a setting names an unknown namespace
   */
  public static MutableIdentityGraph readState(IdentityGraph.Builder builder, DataInput in)
      throws IOException {
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(in, "in");
    return access().readState(builder, in);
  }

  /**
   * Returns a canonical, stable text of every builder setting that changes what the graph derives
   * from the same commands, one per line and sorted, so that the order settings were made in does
   * not matter: the namespaces (code, type, and the normalizer's and validator's stable
   * descriptions), the unique namespaces, every namespace's resolved priority, the limits, the
   * blocked values (as SHA-256 hex, never in clear) and patterns, and the deny-list salt as a
   * SHA-256 fingerprint (never the salt; {@code denyListSalt=random} if none is set). Settings that
   * change nothing derived (display names, {@code maxUniqueNamespaces}) are left out.
   *
   * <p>Equal builders give equal texts, run after run; a builder differing in one setting that
   * changes what is derived gives a different text. A normalizer or validator is described by its
   * class and its answers to a fixed set of probe values (not identity values, see the graph
   * package's {@code SettingsDescription}), so the application's own functions that differ only on
   * values no probe tries are described alike.
   *
   * @throws IllegalStateException if the linking rules contradict each other or the namespaces
   * @throws IllegalArgumentException if a setting names an unknown namespace
   */
  public static String settingsDescription(IdentityGraph.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return access().settingsDescription(builder);
  }

  /**
   * Registers the graph package's {@link Access}; called once, by {@link IdentityGraph.Builder}'s
   * static initializer.
   *
   * @throws IllegalStateException if one is registered already
   */
  public static void register(Access engines) {
    Objects.requireNonNull(engines, "engines");
    if (access != null) {
      throw new IllegalStateException("register must be called once, but one is registered");
    }
    access = engines;
  }

  private static Access access() {
    // A builder or an engine exists, so the builder's class was initialized and registered.
    Access a = access;
    if (a == null) {
      throw new IllegalStateException("IdentityGraph.Builder registered no engine access");
    }
    return a;
  }
}
