package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ProfileJson#writeValue}: the one writer of stored values. */
class WriteValueTest {
  @Test
  void writeValue_numbers_keepTheirTypeAndDigits() {
    assertThat(ProfileJson.writeValue(42L)).isEqualTo("42");
    assertThat(ProfileJson.writeValue(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(ProfileJson.writeValue(2.0)).isEqualTo("2.0");
    assertThat(ProfileJson.writeValue(0.1)).isEqualTo("0.1");
    assertThat(ProfileJson.writeValue(1e300)).isEqualTo("1.0E300");
    assertThat(ProfileJson.writeValue(4.9e-324)).isEqualTo("4.9E-324");
    assertThat(ProfileJson.writeValue(-0.0)).isEqualTo("-0.0");
    assertThat(ProfileJson.writeValue(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(ProfileJson.writeValue(new BigDecimal("1E+400"))).isEqualTo("1E+400");
  }

  /** A store never holds one (it refuses non-finite numbers), but JSON has no number for it. */
  @Test
  void writeValue_stringWithNulAndLoneSurrogate_escapesTheNulAndKeepsTheSurrogate() {
    assertThat(ProfileJson.writeValue("a\u0000b\ud800c\ud83d\ude00"))
        .isEqualTo("\"a\\u0000b\ud800c\ud83d\ude00\"");
  }

  @Test
  void writeValue_nonFiniteDouble_isAString() {
    assertThat(ProfileJson.writeValue(Double.NaN)).isEqualTo("\"NaN\"");
    assertThat(ProfileJson.writeValue(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
  }

  @Test
  void writeValue_othersAndContainers_asProfilesWriteThem() {
    assertThat(ProfileJson.writeValue("say \"hi\"")).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(ProfileJson.writeValue(true)).isEqualTo("true");
    assertThat(ProfileJson.writeValue(Instant.EPOCH)).isEqualTo("\"1970-01-01T00:00:00Z\"");
    assertThat(ProfileJson.writeValue(List.of(1L, 2.5, List.of("x"), Map.of("a", false))))
        .isEqualTo("[1,2.5,[\"x\"],{\"a\":false}]");
  }

  @Test
  void writeValue_null_namesTheParameter() {
    assertThatThrownBy(() -> ProfileJson.writeValue(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }
}
