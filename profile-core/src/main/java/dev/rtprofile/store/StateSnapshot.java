package dev.rtprofile.store;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.internal.GraphEngines;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a snapshot: the store's whole primary state at a journal position (DESIGN §6), so
 * that a restart loads it instead of replaying every command. What is derived (the lookup view,
 * caches, scan tables, indexes) is rebuilt after loading.
 *
 * <p>Layout, after the snapshot file's own header: a format version; the settings description the
 * state was derived under, whether the snapshot completes an erasure purge and whether an erasure
 * it holds still waits for its purge (older files may hold the erased values); the interned paths
 * in id order (fragments refer to them by id); the graph engine's state; the erased values'
 * fingerprints; then fragments and events in chunks, each a length-prefixed run of the {@link
 * Bytes} forms, ended by an empty chunk. Written under the store's read lock (no writer runs).
 */
final class StateSnapshot {
  private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);

  static final int VERSION = 1;

  /** Bytes of fragments or events gathered before a chunk is written. */
  private static final int CHUNK = 1 << 16;

  private static final int TOMBSTONE = 0;

  /** What a snapshot's header says, read before its state. */
  record Header(String settings, boolean purge, boolean purgePending, List<String> paths) {}

  private StateSnapshot() {}

  /** Writes the state of {@code engine}; call under the store's read lock. */
  static void write(
      StoreEngine engine, String settings, boolean purge, boolean purgePending, DataOutput out)
      throws IOException {
    out.writeInt(VERSION);
    Bytes.Writer w = new Bytes.Writer(CHUNK + 4096);
    w.writeString(settings);
    w.writeBoolean(purge);
    w.writeBoolean(purgePending);
    PathTable paths = engine.paths;
    w.writeVarInt(paths.size());
    for (int i = 0; i < paths.size(); i++) {
      w.writeString(paths.name(i));
    }
    chunk(w, out);
    GraphEngines.writeState(engine.graph, out);
    var fingerprints = engine.erased.fingerprints();
    out.writeInt(fingerprints.size());
    for (long f : fingerprints) {
      out.writeLong(f);
    }
    for (Map.Entry<Identity, List<Fragment>> e : engine.fragments.all()) {
      identity(w, e.getKey());
      List<Fragment> list = e.getValue();
      w.writeVarInt(list.size());
      for (Fragment f : list) {
        fragment(w, f);
      }
      if (w.size >= CHUNK) {
        chunk(w, out);
      }
    }
    chunk(w, out);
    out.writeInt(0);
    engine.events.forEachStored(
        (owner, event, carried) -> {
          identity(w, owner);
          w.writeVarInt(carried.size());
          for (Identity c : carried) {
            identity(w, c);
          }
          Commands.event(w, event, List.of());
          if (w.size >= CHUNK) {
            chunk(w, out);
          }
        });
    chunk(w, out);
    out.writeInt(0);
  }

  /**
   * Reads the header: the settings the state was derived under, whether it completes an erasure
   * purge, and the interned paths.
   */
  static Header header(DataInput in) throws IOException {
    int version = in.readInt();
    if (version != VERSION) {
      throw new IOException(
          "the snapshot has state format version " + version + "; this version reads " + VERSION);
    }
    Bytes.Reader r = readChunk(in);
    if (r == null) {
      throw new IOException("malformed snapshot: no header");
    }
    String settings = r.readString();
    boolean purge = r.readBoolean();
    boolean purgePending = r.readBoolean();
    int pathCount = r.readCount();
    List<String> names = new ArrayList<>(pathCount);
    for (int i = 0; i < pathCount; i++) {
      names.add(r.readString());
    }
    return new Header(settings, purge, purgePending, names);
  }

  /**
   * Reads the rest of a snapshot (after its {@link #header}) into a new engine with the given
   * settings, which must be those the header names, and rebuilds the engine's derived parts.
   */
  static StoreEngine read(
      DataInput in,
      Header header,
      StoreConfig config,
      IdentityGraph.Builder graphSettings,
      ErasedValues erased)
      throws IOException {
    long t0 = System.nanoTime();
    MutableIdentityGraph graph = GraphEngines.readState(graphSettings, in);
    long t1 = System.nanoTime();
    StoreEngine engine = new StoreEngine(config, graph, erased, graph.statistics().identities());
    for (String name : header.paths()) {
      engine.paths.intern(name);
    }
    int pathCount = header.paths().size();
    int fingerprints = in.readInt();
    if (fingerprints < 0) {
      throw new IOException("malformed snapshot: a negative count of erased values");
    }
    for (int i = 0; i < fingerprints; i++) {
      erased.addFingerprint(in.readLong());
    }
    // Chunks are decoded on the executor while this thread reads the next ones and stores the
    // decoded fragments in file order: a few chunks in flight bound the memory.
    ArrayDeque<Future<List<Fragment>>> decoding = new ArrayDeque<>();
    int window = 2 * config.executor.getParallelism() + 2;
    for (Bytes.Reader c = readChunk(in); c != null; c = readChunk(in)) {
      Bytes.Reader chunk = c;
      decoding.add(config.executor.submit(() -> readFragments(chunk, pathCount)));
      if (decoding.size() >= window) {
        store(engine, decoding.poll());
      }
    }
    while (!decoding.isEmpty()) {
      store(engine, decoding.poll());
    }
    long t2 = System.nanoTime();
    for (Bytes.Reader c = readChunk(in); c != null; c = readChunk(in)) {
      while (c.hasMore()) {
        Identity owner = readIdentity(c);
        int n = c.readCount();
        List<Identity> carried = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          carried.add(readIdentity(c));
        }
        if (c.readByte() != Commands.EVENT) {
          throw new IOException("malformed snapshot: a stored event is not an event");
        }
        engine.events.add(owner, Commands.readEvent(c), carried);
      }
    }
    long t3 = System.nanoTime();
    engine.buildDerivedOfLoaded();
    long t4 = System.nanoTime();
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "read a snapshot: graph {} ms, fragments {} ms, events {} ms, derived parts {} ms",
          (t1 - t0) / 1_000_000,
          (t2 - t1) / 1_000_000,
          (t3 - t2) / 1_000_000,
          (t4 - t3) / 1_000_000);
    }
    return engine;
  }

  /** The fragments of one chunk, in order. */
  private static List<Fragment> readFragments(Bytes.Reader c, int pathCount) throws IOException {
    List<Fragment> out = new ArrayList<>();
    while (c.hasMore()) {
      Identity primary = readIdentity(c);
      int n = c.readCount();
      for (int i = 0; i < n; i++) {
        out.add(readFragment(c, primary, pathCount));
      }
    }
    return out;
  }

  /** Stores a decoded chunk's fragments; rethrows its decoding failure as an I/O error. */
  private static void store(StoreEngine engine, Future<List<Fragment>> chunk) throws IOException {
    List<Fragment> fragments;
    try {
      fragments = chunk.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while reading a snapshot");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("malformed snapshot: " + e.getCause().getMessage(), e.getCause());
    }
    for (Fragment f : fragments) {
      engine.fragments.put(f.primary, null, f);
    }
  }

  private static void chunk(Bytes.Writer w, DataOutput out) throws IOException {
    if (w.size > 0) {
      out.writeInt(w.size);
      out.write(w.buf, 0, w.size);
      w.reset();
    }
  }

  /** The next chunk, or null at the empty chunk that ends a section. */
  private static Bytes.Reader readChunk(DataInput in) throws IOException {
    int n = in.readInt();
    if (n == 0) {
      return null;
    }
    if (n < 0 || n > (64 << 20)) {
      throw new IOException("malformed snapshot: a chunk of " + n + " bytes");
    }
    byte[] bytes = new byte[n];
    in.readFully(bytes);
    return new Bytes.Reader(ByteBuffer.wrap(bytes));
  }

  private static void identity(Bytes.Writer w, Identity identity) {
    w.writeString(identity.namespace());
    w.writeString(identity.value());
  }

  private static Identity readIdentity(Bytes.Reader r) throws IOException {
    String namespace = r.readString();
    try {
      return new Identity(namespace, r.readString());
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed snapshot: an invalid identity", e);
    }
  }

  private static void fragment(Bytes.Writer w, Fragment f) {
    w.writeString(f.dataset);
    w.writeVarLong(f.timestamp);
    w.writeVarInt(f.paths.length);
    for (int i = 0; i < f.paths.length; i++) {
      w.writeVarInt(f.paths[i]);
      w.writeVarLong(f.pathTimestamps[i] - f.timestamp);
      if (f.values[i] == Fragment.TOMBSTONE) {
        w.writeByte(TOMBSTONE);
      } else {
        w.writeValue(f.values[i]);
      }
    }
  }

  private static Fragment readFragment(Bytes.Reader r, Identity primary, int pathCount)
      throws IOException {
    String dataset = r.readString();
    long timestamp = r.readVarLong();
    int n = r.readCount();
    int[] paths = new int[n];
    Object[] values = new Object[n];
    long[] stamps = new long[n];
    for (int i = 0; i < n; i++) {
      int path = r.readVarInt();
      if (path < 0 || path >= pathCount || (i > 0 && path <= paths[i - 1])) {
        throw new IOException("malformed snapshot: a fragment's paths are out of order or range");
      }
      paths[i] = path;
      stamps[i] = timestamp + r.readVarLong();
      if (r.peekByte() == TOMBSTONE) {
        r.readByte();
        values[i] = Fragment.TOMBSTONE;
      } else {
        values[i] = r.readValue();
      }
    }
    return Fragment.restored(dataset, primary, timestamp, paths, values, stamps);
  }
}
