package dev.rtprofile.store;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The values of erased identities, kept only as keyed 64-bit fingerprints (never the values), so
 * that ingest can drop attribute values equal to an erased identity's value (ARCHITECTURE §8) at
 * the cost of one hash per string leaf, and only once something was erased. The key is random per
 * store in memory, and derived from the deny list's salt in a durable store, whose snapshots keep
 * the fingerprints: a fingerprint cannot be tested against a guess without the key. A false match
 * needs a 64-bit collision. No lock of its own: written under the store's write lock, read by the
 * writer.
 */
final class ErasedValues {
  private final long key;
  private final Set<Long> fingerprints = new HashSet<>();

  /** With a random key: for a store in memory, whose fingerprints never leave it. */
  ErasedValues() {
    this(new SecureRandom().nextLong());
  }

  /**
   * With {@code key}, derived from the deny list's salt for a durable store, so that the
   * fingerprints a snapshot keeps match again after a restart and cannot be tested against guesses
   * without the salt.
   */
  ErasedValues(long key) {
    this.key = key;
  }

  /** The fingerprints, for a snapshot. */
  Set<Long> fingerprints() {
    return fingerprints;
  }

  /** Restores a fingerprint a snapshot kept. */
  void addFingerprint(long fingerprint) {
    fingerprints.add(fingerprint);
  }

  boolean isEmpty() {
    return fingerprints.isEmpty();
  }

  /** Remembers the fingerprint of an erased value (as sent or normalized). */
  void add(String value) {
    fingerprints.add(fingerprint(value));
  }

  /** Whether {@code value} equals an erased value. */
  boolean matches(String value) {
    return !fingerprints.isEmpty() && fingerprints.contains(fingerprint(value));
  }

  /**
   * An attribute value without the strings {@code erased} selects: null if the value is such a
   * string (the leaf goes), a list without them, or the value itself if nothing matched.
   */
  static @Nullable Object scrubbed(Object value, Predicate<String> erased) {
    if (value instanceof String s) {
      return erased.test(s) ? null : value;
    }
    if (value instanceof List<?> list) {
      List<Object> kept = new ArrayList<>(list.size());
      for (Object element : list) {
        if (!(element instanceof String s && erased.test(s))) {
          kept.add(element);
        }
      }
      return kept.size() == list.size() ? value : Collections.unmodifiableList(kept);
    }
    return value;
  }

  private long fingerprint(String value) {
    long h = key;
    for (int i = 0; i < value.length(); i++) {
      h = (h ^ value.charAt(i)) * 0x100000001B3L;
    }
    h ^= value.length();
    h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
    h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
