package dev.rtprofile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityValidatorTest {
  private static final IdentityValidator ECID_DIGITS = IdentityValidator.digits(38);

  @Test
  void digits_exactlyThatManyAsciiDigits_isValid() {
    assertThat(ECID_DIGITS.problem("12345678901234567890123456789012345678")).isNull();
    assertThat(ECID_DIGITS.problem("0".repeat(38))).isNull();
  }

  @Test
  void digits_tooShort_reportsLengthWithoutValue() {
    String value = "1".repeat(37);

    assertThat(ECID_DIGITS.problem(value))
        .isEqualTo("must be exactly 38 digits, but has 37 characters")
        .doesNotContain(value);
  }

  @Test
  void digits_tooLong_reportsLength() {
    assertThat(ECID_DIGITS.problem("1".repeat(39)))
        .isEqualTo("must be exactly 38 digits, but has 39 characters");
  }

  @Test
  void digits_empty_reportsLength() {
    assertThat(ECID_DIGITS.problem(""))
        .isEqualTo("must be exactly 38 digits, but has 0 characters");
  }

  @Test
  void digits_nonDigit_reportsItsIndex() {
    String value = "12345a" + "1".repeat(32);

    assertThat(ECID_DIGITS.problem(value))
        .isEqualTo("must be exactly 38 digits, but has a non-digit at index 5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0663", "\uFF13", " ", "-", "/", ":"})
  void digits_nonAsciiDigitOrNeighbourCharacter_isInvalid(String character) {
    String value = "1".repeat(37) + character;

    assertThat(ECID_DIGITS.problem(value))
        .isEqualTo("must be exactly 38 digits, but has a non-digit at index 37");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void digits_lengthBelowOne_throwsNamingArgumentAndValue(int length) {
    assertThatThrownBy(() -> IdentityValidator.digits(length))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("length must be at least 1, but was " + length);
  }

  @Test
  void any_acceptsEveryValue() {
    assertThat(IdentityValidator.any().problem("")).isNull();
    assertThat(IdentityValidator.any().problem("x".repeat(5000))).isNull();
  }

  @Test
  void and_reportsFirstProblemElseSecond() {
    IdentityValidator noSpaces = value -> value.contains(" ") ? "must not contain spaces" : null;
    IdentityValidator combined = IdentityValidator.digits(3).and(noSpaces);

    assertThat(combined.problem("123")).isNull();
    assertThat(combined.problem("1 2"))
        .isEqualTo("must be exactly 3 digits, but has a non-digit at index 1");
    assertThat(noSpaces.and(IdentityValidator.digits(3)).problem("1 2"))
        .isEqualTo("must not contain spaces");
    assertThat(noSpaces.and(IdentityValidator.digits(3)).problem("12"))
        .isEqualTo("must be exactly 3 digits, but has 2 characters");
  }

  @Test
  void and_nullNext_throwsNamingParameter() {
    assertThatThrownBy(() -> IdentityValidator.any().and(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("next");
  }
}
