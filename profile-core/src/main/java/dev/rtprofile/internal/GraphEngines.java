package dev.rtprofile.internal;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bridge that gives the profile store the identity graph's engine without a lock: the JDK's
 * "shared secrets" pattern. {@link IdentityGraph.Builder} registers a factory here when its class
 * is initialized, so that the package-private engine stays out of the public API; this package is
 * not exported by the module.
 */
public final class GraphEngines {
  private static volatile @Nullable Function<IdentityGraph.Builder, MutableIdentityGraph> factory;

  private GraphEngines() {}

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
    // A builder exists, so its class was initialized and registered the factory.
    Function<IdentityGraph.Builder, MutableIdentityGraph> f = factory;
    if (f == null) {
      throw new IllegalStateException("IdentityGraph.Builder registered no engine factory");
    }
    return f.apply(builder);
  }

  /**
   * Registers the factory of unlocked engines; called once, by {@link IdentityGraph.Builder}'s
   * static initializer.
   *
   * @throws IllegalStateException if a factory is registered already
   */
  public static void register(Function<IdentityGraph.Builder, MutableIdentityGraph> engines) {
    Objects.requireNonNull(engines, "engines");
    if (factory != null) {
      throw new IllegalStateException("register must be called once, but a factory is registered");
    }
    factory = engines;
  }
}
