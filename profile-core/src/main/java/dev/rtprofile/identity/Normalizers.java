package dev.rtprofile.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The built-in normalizers. */
final class Normalizers {
  static final IdentityNormalizer NONE = value -> value;
  static final IdentityNormalizer EMAIL = value -> value.strip().toLowerCase(Locale.ROOT);

  private Normalizers() {}

  static String e164(String value, String defaultCountryCode) {
    StringBuilder digits = new StringBuilder(value.length());
    boolean international = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.length() == 0 && !international) {
        international = true;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '\t') {
        throw new IllegalArgumentException("phone number contains a character other than digits");
      }
    }
    String number = digits.toString();
    if (!international && number.startsWith("00")) {
      international = true;
      number = number.substring(2);
    }
    if (!international) {
      if (defaultCountryCode.isEmpty()) {
        throw new IllegalArgumentException("phone number has no country code");
      }
      number = defaultCountryCode + (number.startsWith("0") ? number.substring(1) : number);
    }
    if (number.length() < 8 || number.length() > 15 || number.charAt(0) == '0') {
      throw new IllegalArgumentException("phone number is not a valid E.164 number");
    }
    return "+" + number;
  }

  static boolean isSha256Hex(String value) {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = value.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  static String sha256Hex(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
