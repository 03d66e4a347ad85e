package dev.rtprofile.graph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Identities erased for privacy requests, kept only as salted SHA-256 hashes so that replaying old
 * data cannot bring them back, while the values themselves are gone. A keyed 64-bit fingerprint in
 * front of the hash keeps the check cheap for identities that were never erased. Not thread-safe.
 *
 * <p>{@link #writeTo} and {@link #readFrom} carry the fingerprints and hashes, sorted, never the
 * salt: a list read back only works under the salt it was written with.
 */
final class DenyList {
  private final byte[] salt;
  private final long key;
  private final Set<Long> fingerprints = new HashSet<>();
  private final Set<String> hashes = new HashSet<>();

  DenyList(byte[] salt) {
    this.salt = salt.clone();
    long k = 0x9E3779B97F4A7C15L;
    for (byte b : salt) {
      k = mix(k ^ b);
    }
    this.key = k;
  }

  boolean isEmpty() {
    return hashes.isEmpty();
  }

  int size() {
    return hashes.size();
  }

  void add(String namespaceCode, String value) {
    fingerprints.add(fingerprint(namespaceCode, value));
    hashes.add(hash(namespaceCode, value));
  }

  boolean contains(String namespaceCode, String value) {
    return !hashes.isEmpty()
        && fingerprints.contains(fingerprint(namespaceCode, value))
        && hashes.contains(hash(namespaceCode, value));
  }

  /** Writes the fingerprints and the hashes (32 bytes each), both sorted. */
  void writeTo(StateOutput out) throws IOException {
    long[] keys = new long[fingerprints.size()];
    int k = 0;
    for (long f : fingerprints) {
      keys[k++] = f;
    }
    Arrays.sort(keys);
    out.writeInt(keys.length);
    out.writeRawLongs(keys, keys.length);
    String[] sorted = hashes.toArray(String[]::new);
    Arrays.sort(sorted);
    out.writeInt(sorted.length);
    HexFormat hex = HexFormat.of();
    for (String h : sorted) {
      out.writeBytes(hex.parseHex(h));
    }
  }

  /**
   * Replaces the contents of this list, which must be new and have the salt of the list written,
   * with what {@link #writeTo} wrote.
   *
   * @throws MalformedStateException if the input is not such a list
   */
  void readFrom(StateInput in) throws IOException {
    int n = in.count("the deny list's fingerprint count", Integer.MAX_VALUE);
    long[] keys = in.readRawLongArray(n);
    int m = in.count("the deny list's size", Integer.MAX_VALUE / 32);
    byte[] bytes = in.readBytes(m * 32);
    if (n > m || (m > 0 && n == 0)) {
      throw new MalformedStateException("the deny list's counts disagree");
    }
    Set<Long> f = new HashSet<>();
    for (long key : keys) {
      f.add(key);
    }
    HexFormat hex = HexFormat.of();
    Set<String> h = new HashSet<>();
    for (int i = 0; i < m; i++) {
      h.add(hex.formatHex(bytes, i * 32, i * 32 + 32));
    }
    if (f.size() != n || h.size() != m) {
      throw new MalformedStateException("the deny list holds an entry twice");
    }
    fingerprints.clear();
    fingerprints.addAll(f);
    hashes.clear();
    hashes.addAll(h);
  }

  private long fingerprint(String namespaceCode, String value) {
    long h = key;
    for (int i = 0; i < namespaceCode.length(); i++) {
      h = (h ^ namespaceCode.charAt(i)) * 0x100000001B3L;
    }
    h = (h ^ 0xFFFF) * 0x100000001B3L;
    for (int i = 0; i < value.length(); i++) {
      h = (h ^ value.charAt(i)) * 0x100000001B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private String hash(String namespaceCode, String value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt);
      digest.update(namespaceCode.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
