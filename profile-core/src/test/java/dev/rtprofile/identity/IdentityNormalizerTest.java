package dev.rtprofile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityNormalizerTest {
  /** SHA-256 of "abc", the FIPS 180-2 test vector. */
  private static final String SHA256_OF_ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void none_keepsValueAsSent() {
    assertThat(IdentityNormalizer.none().normalize(" Jane@Example.COM "))
        .isEqualTo(" Jane@Example.COM ");
  }

  @Test
  void emailLowerCase_trimsAndLowerCases() {
    assertThat(IdentityNormalizer.emailLowerCase().normalize("  Jane.Doe@Example.COM \t"))
        .isEqualTo("jane.doe@example.com");
  }

  @Test
  void emailLowerCase_usesLocaleIndependentLowerCase() {
    assertThat(IdentityNormalizer.emailLowerCase().normalize("INFO@TITAN.COM"))
        .isEqualTo("info@titan.com");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "+14155550132        | +14155550132",
        "+1 (415) 555-0132   | +14155550132",
        "+44 20 7946 0958    | +442079460958",
        "0044 20 7946 0958   | +442079460958",
        "00 1 415.555.0132   | +14155550132",
        "  +49 30 901820    | +4930901820",
      })
  void phoneE164_internationalNumber_isNormalized(String sent, String expected) {
    assertThat(IdentityNormalizer.phoneE164().normalize(sent)).isEqualTo(expected);
  }

  @Test
  void phoneE164_nationalNumberWithoutDefaultCountry_throws() {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164().normalize("(415) 555-0132"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phone number has no country code");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"+1 415 555 O132", "+1-415-555-0132 ext 7", "++14155550132", "1+4155550132"})
  void phoneE164_characterOtherThanDigits_throwsWithoutRepeatingValue(String sent) {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164().normalize(sent))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phone number contains a character other than digits");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+1234567", // 7 digits: too short
        "+1234567890123456", // 16 digits: too long
        "+0441234567890", // country codes never start with 0
        "+",
        "00",
      })
  void phoneE164_invalidLength_throws(String sent) {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164().normalize(sent))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phone number is not a valid E.164 number");
  }

  @Test
  void phoneE164_shortestAndLongestValidNumbers_areAccepted() {
    assertThat(IdentityNormalizer.phoneE164().normalize("+12345678")).isEqualTo("+12345678");
    assertThat(IdentityNormalizer.phoneE164().normalize("+123456789012345"))
        .isEqualTo("+123456789012345");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "020 7946 0958       | +442079460958",
        "20 7946 0958        | +442079460958",
        "+1 415 555 0132     | +14155550132",
        "0033 1 23 45 67 89  | +33123456789",
      })
  void phoneE164WithDefaultCountry_addsCountryCodeAndDropsTrunkZero(String sent, String expected) {
    assertThat(IdentityNormalizer.phoneE164("44").normalize(sent)).isEqualTo(expected);
  }

  @Test
  void phoneE164WithDefaultCountry_leadingDoubleZero_isInternationalPrefixNotTrunk() {
    assertThat(IdentityNormalizer.phoneE164("44").normalize("001 415 555 0132"))
        .isEqualTo("+14155550132");
  }

  @Test
  void phoneE164WithDefaultCountry_nationalNumberTooShort_throws() {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164("44").normalize("0 123"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phone number is not a valid E.164 number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "01", "1234", "+1", "4a"})
  void phoneE164_invalidDefaultCountryCode_throwsNamingArgumentAndValue(String code) {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164(code))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "defaultCountryCode must be 1 to 3 digits not starting with 0, but was " + code);
  }

  @Test
  void phoneE164_nullDefaultCountryCode_throwsNamingParameter() {
    assertThatThrownBy(() -> IdentityNormalizer.phoneE164(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("defaultCountryCode");
  }

  @Test
  void sha256_rawValue_isHashedToLowerCaseHex() {
    assertThat(IdentityNormalizer.sha256(IdentityNormalizer.none()).normalize("abc"))
        .isEqualTo(SHA256_OF_ABC);
  }

  @Test
  void sha256_rawValue_isNormalizedBeforeHashing() {
    IdentityNormalizer emailHash = IdentityNormalizer.sha256(IdentityNormalizer.emailLowerCase());

    assertThat(emailHash.normalize("  Jane@Example.COM "))
        .isEqualTo(sha256("jane@example.com"))
        .isEqualTo(emailHash.normalize("jane@example.com"))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void sha256_phoneValue_isHashedInE164Form() {
    IdentityNormalizer phoneHash = IdentityNormalizer.sha256(IdentityNormalizer.phoneE164());

    assertThat(phoneHash.normalize("+1 (415) 555-0132")).isEqualTo(sha256("+14155550132"));
  }

  @Test
  void sha256_valueThatIsAlreadyAHash_isKeptLowerCased() {
    IdentityNormalizer hash = IdentityNormalizer.sha256(IdentityNormalizer.emailLowerCase());

    assertThat(hash.normalize(SHA256_OF_ABC.toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo(SHA256_OF_ABC);
    assertThat(hash.normalize(" " + SHA256_OF_ABC + "\n")).isEqualTo(SHA256_OF_ABC);
  }

  @Test
  void sha256_sixtyFourNonHexCharacters_areHashed() {
    String notHex = "g".repeat(64);

    assertThat(IdentityNormalizer.sha256(IdentityNormalizer.none()).normalize(notHex))
        .isEqualTo(sha256(notHex));
  }

  @Test
  void sha256_sixtyFourNonAsciiDigits_areHashedToLowerCaseHex() {
    // Fullwidth digits are Unicode digits but not hexadecimal digits of a SHA-256 hash.
    String fullwidthDigits = "\uFF10".repeat(64);

    assertThat(IdentityNormalizer.sha256(IdentityNormalizer.none()).normalize(fullwidthDigits))
        .isEqualTo(sha256(fullwidthDigits))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void sha256_failingInnerNormalizer_throwsItsException() {
    IdentityNormalizer phoneHash = IdentityNormalizer.sha256(IdentityNormalizer.phoneE164());

    assertThatThrownBy(() -> phoneHash.normalize("555-0132"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("phone number has no country code");
  }

  @Test
  void sha256_nullInnerNormalizer_throwsNamingParameter() {
    assertThatThrownBy(() -> IdentityNormalizer.sha256(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("before");
  }

  @Test
  void andThen_appliesThisNormalizerFirst() {
    IdentityNormalizer trimThenMark = String::strip;

    assertThat(trimThenMark.andThen(v -> "[" + v + "]").normalize("  x ")).isEqualTo("[x]");
  }

  @Test
  void andThen_nullNext_throwsNamingParameter() {
    assertThatThrownBy(() -> IdentityNormalizer.none().andThen(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("next");
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
