package dev.rtprofile.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * The position after one search result: its sort value (kind and text) and profile id, so that the
 * next page starts after it even when data changed in between. Encoded as URL-safe Base64.
 */
record SearchCursor(@Nullable Object sortValue, String profileId) {

  static String encode(@Nullable Object sortValue, String profileId) {
    String value =
        sortValue == null ? "9:" : AttributeValues.kind(sortValue) + ":" + sortValue.toString();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((value + '\u0000' + profileId).getBytes(StandardCharsets.UTF_8));
  }

  static SearchCursor decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int zero = text.indexOf('\u0000');
      String value = text.substring(2, zero);
      Object sortValue =
          switch (text.charAt(0)) {
            case '0' -> Boolean.parseBoolean(value);
            case '1' -> new BigDecimal(value);
            case '2' -> value;
            case '3' -> Instant.parse(value);
            case '9' -> null;
            default -> throw new IllegalArgumentException("unknown kind");
          };
      return new SearchCursor(sortValue, text.substring(zero + 1));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor must come from SearchPage.nextCursor(), but was " + cursor, e);
    }
  }
}
