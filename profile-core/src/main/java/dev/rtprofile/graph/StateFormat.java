package dev.rtprofile.graph;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The format of a {@link GraphEngine}'s whole state, for snapshots (ARCHITECTURE §2's tables as
 * they are, so that an engine read back is indistinguishable from the one written: same answers to
 * every read, same results and states after the same writes).
 *
 * <p>Layout, all numbers little-endian, columns in bulk (see {@link StateOutput}):
 *
 * <ol>
 *   <li>the magic number {@code RTGS} and the format {@link #VERSION};
 *   <li>the SHA-256 of the {@linkplain SettingsDescription#rules settings} it was written under and
 *       the fingerprint of its deny-list salt (never the salt);
 *   <li>the namespace codes in the writer's index order and the unique namespaces in its bit order,
 *       so that a reader whose settings registered them in another order maps them;
 *   <li>the parts, in the order of {@link GraphEngine#writeParts}: datasets, identities with their
 *       evidence, links with their chains and evidence, the forest, the raw components, the deny
 *       list, the do-not-link rules, the hub cutoffs, the profile id index if built, the counters;
 *   <li>the CRC-32C of everything before it.
 * </ol>
 *
 * <p>The identity index is rebuilt on reading rather than written (where an identity sits in it is
 * never observable); everything else is carried as it is, free lists and chain orders included,
 * since they decide the ids later writes hand out and the order of every walk. Reading never reads
 * past the trailer, and fails with a {@link MalformedStateException} on truncated, garbled or
 * mismatched input; no message holds an identity value. Stateless.
 */
final class StateFormat {
  /** {@code RTGS}. */
  static final int MAGIC = 0x53475452;

  /** The version of this layout; a reader reads only its own. */
  static final int VERSION = 1;

  private StateFormat() {}

  /** Writes the engine's whole state. A read of the engine. */
  static void write(GraphEngine engine, DataOutput data) throws IOException {
    GraphConfig config = engine.state.config;
    StateOutput out = new StateOutput(data);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeBytes(SettingsDescription.rulesFingerprint(config));
    out.writeBytes(SettingsDescription.saltFingerprint(config));
    int namespaces = config.namespaces().size();
    out.writeInt(namespaces);
    out.writeStrings(namespaces, i -> config.namespace(i).code());
    String[] unique = uniqueInBitOrder(config);
    out.writeInt(unique.length);
    out.writeStrings(unique.length, i -> unique[i]);
    engine.writeParts(out);
    int crc = out.checksum();
    out.writeInt(crc);
    out.flush();
  }

  /**
   * Reads a state into a new engine with {@code config}, which must hold the same settings as the
   * writer's (the namespaces may be registered in another order).
   *
   * @throws MalformedStateException if the input is truncated, garbled, of another version, or
   *     written under other settings or another deny-list salt
   */
  static GraphEngine read(GraphConfig config, DataInput data) throws IOException {
    StateInput in = new StateInput(data);
    try {
      GraphEngine engine = readChecked(config, in);
      int expected = in.checksum();
      if (in.readInt() != expected) {
        throw MalformedStateException.because(
            "graph state is corrupt: its checksum does not match");
      }
      return engine;
    } catch (MalformedStateException e) {
      throw e;
    } catch (EOFException e) {
      throw MalformedStateException.because("graph state is truncated", e);
    } catch (RuntimeException e) {
      // Parsing garbled input can fail in ways no check foresaw; it is still malformed input.
      throw MalformedStateException.because(
          "graph state is malformed (" + e.getClass().getSimpleName() + " while reading it)", e);
    }
  }

  private static GraphEngine readChecked(GraphConfig config, StateInput in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new MalformedStateException("it does not start with RTGS");
    }
    int version = in.readInt();
    if (version != VERSION) {
      throw MalformedStateException.because(
          "graph state has format version " + version + ", but this version reads " + VERSION);
    }
    byte[] rules = in.readBytes(32);
    byte[] salt = in.readBytes(32);
    if (!MessageDigest.isEqual(rules, SettingsDescription.rulesFingerprint(config))) {
      throw MalformedStateException.because(
          "graph state was written under other settings (namespaces, linking rules, limits or"
              + " blocked values); open it with the same settings, or derive the graph again from"
              + " its commands");
    }
    boolean sameSalt = MessageDigest.isEqual(salt, SettingsDescription.saltFingerprint(config));
    if (!sameSalt && !config.randomSalt()) {
      throw MalformedStateException.because(
          "graph state was written with another denyListSalt; set the salt it was written with");
    }
    int namespaces = in.count("the namespace count", Short.MAX_VALUE);
    String[] codes = in.readNonNullStrings(namespaces);
    int uniqueCount = in.count("the unique namespace count", 16);
    String[] unique = in.readNonNullStrings(uniqueCount);
    int[] namespaceMap = namespaceMap(config, codes);
    int[] uniqueBitMap = uniqueBitMap(config, unique);
    GraphEngine engine = new GraphEngine(config);
    engine.readParts(in, namespaces, namespaceMap, uniqueBitMap);
    if (!sameSalt && !engine.denyListEmpty()) {
      throw MalformedStateException.because(
          "graph state holds erased identities hashed with a denyListSalt that this builder does"
              + " not set; set the salt it was written with, or the erasures would not hold");
    }
    return engine;
  }

  /** The unique namespaces' codes by bit. */
  private static String[] uniqueInBitOrder(GraphConfig config) {
    int count = 0;
    for (int ns = 0; ns < config.namespaces().size(); ns++) {
      count = Math.max(count, config.uniqueBit(ns) + 1);
    }
    String[] out = new String[count];
    for (int ns = 0; ns < config.namespaces().size(); ns++) {
      if (config.uniqueBit(ns) >= 0) {
        out[config.uniqueBit(ns)] = config.namespace(ns).code();
      }
    }
    return out;
  }

  /** The writer's namespace indexes mapped to the reader's, or null if they are the same. */
  private static int @Nullable [] namespaceMap(GraphConfig config, String[] codes)
      throws MalformedStateException {
    if (codes.length != config.namespaces().size()) {
      throw MalformedStateException.because("graph state was written with other namespaces");
    }
    int[] map = new int[codes.length];
    boolean same = true;
    for (int i = 0; i < codes.length; i++) {
      int index = config.namespaceIndex(codes[i]);
      if (index < 0 || !config.namespace(index).code().equals(codes[i])) {
        throw MalformedStateException.because("graph state was written with other namespaces");
      }
      map[i] = index;
      same &= index == i;
    }
    if (Arrays.stream(map).distinct().count() != map.length) {
      throw new MalformedStateException("it names a namespace twice");
    }
    return same ? null : map;
  }

  /** The writer's unique-namespace bits mapped to the reader's, or null if they are the same. */
  private static int @Nullable [] uniqueBitMap(GraphConfig config, String[] unique)
      throws MalformedStateException {
    String[] mine = uniqueInBitOrder(config);
    if (Arrays.equals(mine, unique)) {
      return null;
    }
    if (mine.length != unique.length) {
      throw MalformedStateException.because("graph state was written with other unique namespaces");
    }
    int[] map = new int[unique.length];
    for (int bit = 0; bit < unique.length; bit++) {
      int index = config.namespaceIndex(unique[bit]);
      if (index < 0 || config.uniqueBit(index) < 0) {
        throw MalformedStateException.because(
            "graph state was written with other unique namespaces");
      }
      map[bit] = config.uniqueBit(index);
    }
    return map;
  }
}
