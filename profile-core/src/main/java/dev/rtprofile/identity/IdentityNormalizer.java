package dev.rtprofile.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * Turns an identity value as sent into the form under which it is stored and compared.
 *
 * <p>Normalizers are opt-in per namespace: a namespace without one keeps values exactly as sent. A
 * normalizer that cannot make sense of a value throws {@link IllegalArgumentException} with a
 * message that does not repeat the value; ingest reports it as a rejected identity.
 */
@FunctionalInterface
public interface IdentityNormalizer {

  /**
   * Returns the normalized form of {@code value}.
   *
   * @throws IllegalArgumentException if the value cannot be normalized
   */
  String normalize(String value);

  /** Returns a normalizer that applies this one, then {@code next}. */
  default IdentityNormalizer andThen(IdentityNormalizer next) {
    Objects.requireNonNull(next, "next");
    return value -> next.normalize(normalize(value));
  }

  /** The normalizer that keeps values exactly as sent; the default of every namespace. */
  static IdentityNormalizer none() {
    return Normalizers.NONE;
  }

  /** Email normalization: trims surrounding white space and lower-cases the whole address. */
  static IdentityNormalizer emailLowerCase() {
    return Normalizers.EMAIL;
  }

  /**
   * Phone normalization to E.164 ({@code +} and 8 to 15 digits) for numbers sent with their country
   * code, either as {@code +CC…} or {@code 00CC…}; spaces, dots, dashes and parentheses are
   * dropped. A number without a country code is rejected.
   */
  static IdentityNormalizer phoneE164() {
    return value -> Normalizers.e164(value, "");
  }

  /**
   * Phone normalization to E.164 that adds {@code defaultCountryCode} (digits only, such as {@code
   * "1"} or {@code "44"}) to national numbers, dropping one national trunk prefix 0.
   */
  static IdentityNormalizer phoneE164(String defaultCountryCode) {
    Objects.requireNonNull(defaultCountryCode, "defaultCountryCode");
    if (!defaultCountryCode.matches("[1-9][0-9]{0,2}")) {
      throw new IllegalArgumentException(
          "defaultCountryCode must be 1 to 3 digits not starting with 0, but was "
              + defaultCountryCode);
    }
    return value -> Normalizers.e164(value, defaultCountryCode);
  }

  /**
   * SHA-256 hashing for the hashed namespaces: a value that already is 64 hexadecimal digits is
   * taken as a hash and lower-cased; any other value is first normalized by {@code before} and then
   * hashed (UTF-8) to 64 lower-case hexadecimal digits.
   */
  static IdentityNormalizer sha256(IdentityNormalizer before) {
    Objects.requireNonNull(before, "before");
    return value -> {
      String trimmed = value.strip();
      if (Normalizers.isSha256Hex(trimmed)) {
        return trimmed.toLowerCase(Locale.ROOT);
      }
      return Normalizers.sha256Hex(before.normalize(value));
    };
  }
}
