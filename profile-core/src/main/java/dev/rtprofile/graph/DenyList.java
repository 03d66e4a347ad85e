package dev.rtprofile.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Identities erased for privacy requests, kept only as salted SHA-256 hashes so that replaying old
 * data cannot bring them back, while the values themselves are gone. A keyed 64-bit fingerprint in
 * front of the hash keeps the check cheap for identities that were never erased. Not thread-safe.
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
