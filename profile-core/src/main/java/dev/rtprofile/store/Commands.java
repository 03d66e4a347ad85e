package dev.rtprofile.store;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The journal's commands: every state-changing operation of the store in a binary form, and their
 * replay (DESIGN §6: the state is a pure function of the commands applied, in order).
 *
 * <p>A command is journalled as it was applied, so that replaying it gives the same state: a record
 * without a timestamp gets the clock's time the store used; identities the deny list dropped and
 * attribute values equal to an erased identity's are left out (they were not kept, and the journal
 * must not keep them either, ARCHITECTURE §8). Encoding runs on the writer under the write lock;
 * decoding on the replaying thread.
 */
final class Commands {
  /** The entry types; a {@link #NOOP} is what a purged entry becomes. */
  static final byte NOOP = 0;

  static final byte SETTINGS = 1;
  static final byte RECORD = 2;
  static final byte EVENT = 3;
  static final byte UNLINK = 4;
  static final byte NEVER_LINK = 5;
  static final byte DELETE = 6;
  static final byte ERASE = 7;
  static final byte ERASE_PROFILE = 8;
  static final byte DELETE_DATASET = 9;
  static final byte EXPIRE = 10;

  private Commands() {}

  /** What a replay applies commands to: the store's writes, without journalling them again. */
  interface Target {
    void record(Record record);

    void event(Event event);

    void unlink(Identity a, Identity b);

    void neverLink(Identity a, Identity b);

    void delete(Identity identity);

    void erase(Identity identity);

    void eraseProfile(Identity identity);

    void deleteDataset(String dataset);

    void expire(long now);

    void settings(String description);
  }

  // ---------------------------------------------------------------------------------------------
  // Encoding

  /** The store's settings that change what it derives, as {@link StoreSettings#describe} says. */
  static void settings(Bytes.Writer out, String description) {
    out.writeByte(SETTINGS);
    out.writeString(description);
  }

  /**
   * A record as applied: {@code now} fills in a missing timestamp, and (when something was erased)
   * the identities dropped as erased and the erased values are left out.
   */
  static void record(
      Bytes.Writer out,
      Record record,
      long now,
      List<DroppedIdentity> dropped,
      Predicate<String> erased,
      boolean anyErased) {
    out.writeByte(RECORD);
    out.writeString(record.dataset());
    identities(out, record.identities(), dropped);
    out.writeVarLong(record.timestamp().orElse(now));
    boolean custom = record.customTimestamp().isPresent();
    out.writeBoolean(custom);
    if (custom) {
      out.writeVarLong(record.customTimestamp().getAsLong());
    }
    Leaves leaves = record.leaves();
    int kept = leaves.size;
    Object[] values = leaves.values;
    if (anyErased) {
      values = new Object[leaves.size];
      kept = 0;
      for (int i = 0; i < leaves.size; i++) {
        values[i] = ErasedValues.scrubbed(leaves.values[i], erased);
        kept += values[i] == null ? 0 : 1;
      }
    }
    out.writeVarInt(kept);
    for (int i = 0; i < leaves.size; i++) {
      if (values[i] != null) {
        out.writePath(leaves.paths[i]);
        out.writeValue(values[i]);
      }
    }
    Set<String> removals = record.removals();
    out.writeVarInt(removals.size());
    for (String path : removals) {
      out.writeString(path);
    }
  }

  /**
   * An event as stored: without the identities dropped as erased and (when something was erased)
   * the erased values.
   */
  static void event(
      Bytes.Writer out,
      Event event,
      List<DroppedIdentity> dropped,
      Predicate<String> erased,
      boolean anyErased) {
    event(out, anyErased ? event.withoutValues(erased) : event, dropped);
  }

  /** An event as it is, without the identities dropped as erased. */
  static void event(Bytes.Writer out, Event event, List<DroppedIdentity> dropped) {
    out.writeByte(EVENT);
    out.writeString(event.dataset());
    out.writeString(event.id());
    out.writeVarLong(event.timestamp());
    out.writeString(event.eventType());
    identities(out, event.identities(), dropped);
    LeafMap attributes = event.leafMap();
    out.writeVarInt(attributes.size());
    for (int i = 0; i < attributes.size(); i++) {
      out.writePath(attributes.pathAt(i));
      out.writeValue(attributes.valueAt(i));
    }
  }

  private static void identities(
      Bytes.Writer out, List<IdentityRef> refs, List<DroppedIdentity> dropped) {
    List<Identity> erased = new ArrayList<>(0);
    for (DroppedIdentity d : dropped) {
      if (d.problem() == IdentityProblem.ERASED) {
        erased.add(d.identity());
      }
    }
    int kept = 0;
    for (IdentityRef ref : refs) {
      kept += erased.contains(ref.identity()) ? 0 : 1;
    }
    out.writeVarInt(kept);
    for (IdentityRef ref : refs) {
      if (!erased.contains(ref.identity())) {
        identity(out, ref.identity());
        out.writeBoolean(ref.primary());
      }
    }
  }

  static void pair(Bytes.Writer out, byte type, Identity a, Identity b) {
    out.writeByte(type);
    identity(out, a);
    identity(out, b);
  }

  static void identity(Bytes.Writer out, byte type, Identity identity) {
    out.writeByte(type);
    identity(out, identity);
  }

  static void deleteDataset(Bytes.Writer out, String dataset) {
    out.writeByte(DELETE_DATASET);
    out.writeString(dataset);
  }

  static void expire(Bytes.Writer out, long now) {
    out.writeByte(EXPIRE);
    out.writeVarLong(now);
  }

  private static void identity(Bytes.Writer out, Identity identity) {
    out.writeString(identity.namespace());
    out.writeString(identity.value());
  }

  // ---------------------------------------------------------------------------------------------
  // Decoding

  /** The type of the entry in {@code payload}, without consuming it. */
  static int type(ByteBuffer payload) {
    return payload.hasRemaining() ? payload.get(payload.position()) & 0xFF : -1;
  }

  /**
   * Applies one journalled command to {@code target}.
   *
   * @throws IOException if the payload is not a well-formed command (named by type, never by data)
   */
  static void apply(ByteBuffer payload, Target target) throws IOException {
    Bytes.Reader in = new Bytes.Reader(payload);
    int type = in.readByte();
    try {
      switch (type) {
        case NOOP -> {}
        case SETTINGS -> target.settings(in.readString());
        case RECORD -> target.record(readRecord(in));
        case EVENT -> target.event(readEvent(in));
        case UNLINK -> target.unlink(readIdentity(in), readIdentity(in));
        case NEVER_LINK -> target.neverLink(readIdentity(in), readIdentity(in));
        case DELETE -> target.delete(readIdentity(in));
        case ERASE -> target.erase(readIdentity(in));
        case ERASE_PROFILE -> target.eraseProfile(readIdentity(in));
        case DELETE_DATASET -> target.deleteDataset(in.readString());
        case EXPIRE -> target.expire(in.readVarLong());
        default -> throw new IOException("malformed entry: unknown command type " + type);
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // A builder refused what was decoded: the entry is not one this store wrote.
      throw new IOException("malformed entry of command type " + type, e);
    }
    if (in.hasMore()) {
      throw new IOException("malformed entry: bytes left after a command of type " + type);
    }
  }

  private static Record readRecord(Bytes.Reader in) throws IOException {
    Record.Builder b = Record.builder(in.readString());
    int identities = in.readCount();
    for (int i = 0; i < identities; i++) {
      Identity identity = readIdentity(in);
      if (in.readBoolean()) {
        b.primary(identity);
      } else {
        b.identity(identity);
      }
    }
    b.timestamp(in.readVarLong());
    if (in.readBoolean()) {
      b.customTimestamp(in.readVarLong());
    }
    int leaves = in.readCount();
    Leaves out = b.leavesForRestore();
    for (int i = 0; i < leaves; i++) {
      String path = in.readString();
      out.add(path, in.readValue());
    }
    int removals = in.readCount();
    Set<String> removed = new TreeSet<>();
    for (int i = 0; i < removals; i++) {
      removed.add(in.readString());
    }
    for (String path : removed) {
      b.remove(path);
    }
    return b.build();
  }

  /** Reads an event's fields, after its type byte. */
  static Event readEvent(Bytes.Reader in) throws IOException {
    String dataset = in.readString();
    Event.Builder b = Event.builder(dataset, in.readString());
    b.timestamp(in.readVarLong());
    b.eventType(in.readString());
    int identities = in.readCount();
    for (int i = 0; i < identities; i++) {
      Identity identity = readIdentity(in);
      if (in.readBoolean()) {
        b.primary(identity.namespace(), identity.value());
      } else {
        b.identity(identity);
      }
    }
    int leaves = in.readCount();
    Leaves out = b.leavesForRestore();
    for (int i = 0; i < leaves; i++) {
      String path = in.readString();
      out.add(path, in.readValue());
    }
    return b.build();
  }

  private static Identity readIdentity(Bytes.Reader in) throws IOException {
    String namespace = in.readString();
    return Identity.of(namespace, in.readString());
  }
}
