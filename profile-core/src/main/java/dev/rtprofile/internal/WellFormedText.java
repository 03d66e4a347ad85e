package dev.rtprofile.internal;

/**
 * Finds characters that identities and attribute keys may not hold: NUL (U+0000), which C strings,
 * logs and many stores truncate at, and lone surrogates, which no UTF-8 encoding can carry. A
 * surrogate pair (a character beyond U+FFFF) is fine.
 */
public final class WellFormedText {
  private WellFormedText() {}

  /** Returns the index of the first NUL or lone surrogate in {@code text}, or -1 if none. */
  public static int invalidAt(String text) {
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c >= Character.MIN_SURROGATE || c == 0) {
        if (c == 0 || Character.isLowSurrogate(c)) {
          return i;
        }
        if (Character.isHighSurrogate(c)) {
          if (i + 1 == n || !Character.isLowSurrogate(text.charAt(i + 1))) {
            return i;
          }
          i++;
        }
      }
    }
    return -1;
  }

  /**
   * Describes the character at {@code index} found by {@link #invalidAt} without the text around
   * it, such as {@code "a NUL character (U+0000) at index 3"}.
   */
  public static String describe(String text, int index) {
    char c = text.charAt(index);
    return (c == 0 ? "a NUL character" : "a lone surrogate")
        + String.format(" (U+%04X) at index %d", (int) c, index);
  }
}
