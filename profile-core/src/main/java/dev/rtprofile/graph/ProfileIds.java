package dev.rtprofile.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Profile ids: the first 128 bits of SHA-256 over the canonical namespace code, a zero byte and the
 * value of the graph's oldest identity, in unpadded URL-safe Base64 (22 characters). Stable across
 * runs and versions; pseudonymous, not secret.
 */
final class ProfileIds {
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is required of every Java platform", e);
            }
          });

  private ProfileIds() {}

  static String of(String namespaceCode, String value) {
    MessageDigest sha = SHA256.get();
    sha.update(namespaceCode.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] digest = sha.digest(value.getBytes(StandardCharsets.UTF_8));
    byte[] id = new byte[16];
    System.arraycopy(digest, 0, id, 0, 16);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }

  /** The first 64 bits of the id, the key of the redirect index. */
  static long key(String profileId) {
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(profileId);
    } catch (IllegalArgumentException e) {
      return 0;
    }
    if (bytes.length != 16) {
      return 0;
    }
    long k = 0;
    for (int i = 0; i < 8; i++) {
      k = (k << 8) | (bytes[i] & 0xFF);
    }
    return k;
  }
}
