package dev.rtprofile.graph;

import dev.rtprofile.internal.GraphEngines;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;

/**
 * What {@link IdentityGraph.Builder} registers with {@link GraphEngines}: the unlocked engine, its
 * whole state ({@link StateFormat}) and the description of a builder's settings ({@link
 * SettingsDescription}), for the profile store. Stateless and thread-safe; the engines it makes are
 * not.
 */
final class EngineAccess implements GraphEngines.Access {
  @Override
  public MutableIdentityGraph unsynchronized(IdentityGraph.Builder builder) {
    return new GraphEngine(builder.config());
  }

  @Override
  public void writeState(MutableIdentityGraph engine, DataOutput out) throws IOException {
    Objects.requireNonNull(out, "out");
    StateFormat.write(engine(engine), out);
  }

  @Override
  public MutableIdentityGraph readState(IdentityGraph.Builder builder, DataInput in)
      throws IOException {
    Objects.requireNonNull(in, "in");
    return StateFormat.read(builder.config(), in);
  }

  @Override
  public String settingsDescription(IdentityGraph.Builder builder) {
    return SettingsDescription.of(builder.config());
  }

  private static GraphEngine engine(MutableIdentityGraph engine) {
    if (engine instanceof GraphEngine unlocked) {
      return unlocked;
    }
    throw new IllegalArgumentException(
        "engine must come from GraphEngines.unsynchronized, but was a "
            + engine.getClass().getSimpleName());
  }
}
