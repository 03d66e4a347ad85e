package dev.rtprofile.json;

/**
 * Checks bytes for well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above
 * U+10FFFF, no truncated sequences.
 */
final class Utf8 {
  /** {@link #sequence} result: the bytes end inside a sequence that may still be well-formed. */
  static final int INCOMPLETE = 0;

  /** {@link #sequence} result: the sequence is ill-formed. */
  static final int INVALID = -1;

  private Utf8() {}

  /**
   * Returns the offset of the first byte that starts an ill-formed sequence, or -1 if {@code
   * bytes[off, off + len)} is well-formed UTF-8.
   */
  static int invalidAt(byte[] bytes, int off, int len) {
    int end = off + len;
    // Plain ASCII is well-formed: skip to the first byte that may not be (a NUL stops the skip
    // early, harmlessly).
    int i = Bytes.firstNonAsciiOrNul(bytes, off, end);
    if (i < 0) {
      return -1;
    }
    while (i < end) {
      if (bytes[i] >= 0) {
        i++;
        continue;
      }
      int n = sequence(bytes, i, end);
      if (n <= 0) {
        return i;
      }
      i += n;
    }
    return -1;
  }

  /**
   * The length of the well-formed sequence starting at {@code bytes[i]} (before {@code end}), or
   * {@link #INCOMPLETE} if the bytes end before it does, or {@link #INVALID}.
   */
  static int sequence(byte[] bytes, int i, int end) {
    int lead = bytes[i] & 0xFF;
    if (lead < 0x80) {
      return 1;
    }
    int need;
    int min2 = 0x80;
    int max2 = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      need = 1;
    } else if (lead == 0xE0) {
      need = 2;
      min2 = 0xA0;
    } else if (lead == 0xED) {
      need = 2;
      max2 = 0x9F;
    } else if (lead >= 0xE1 && lead <= 0xEF) {
      need = 2;
    } else if (lead == 0xF0) {
      need = 3;
      min2 = 0x90;
    } else if (lead >= 0xF1 && lead <= 0xF3) {
      need = 3;
    } else if (lead == 0xF4) {
      need = 3;
      max2 = 0x8F;
    } else {
      return INVALID;
    }
    for (int k = 1; k <= need; k++) {
      if (i + k >= end) {
        return INCOMPLETE;
      }
      int c = bytes[i + k] & 0xFF;
      if (k == 1 ? c < min2 || c > max2 : c < 0x80 || c > 0xBF) {
        return INVALID;
      }
    }
    return need + 1;
  }
}
