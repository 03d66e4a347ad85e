package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written fast path against {@link Instant#parse} as the oracle. */
class TimestampsTest {

  @Test
  void parse_randomNearMisses_agreeWithInstantParse() {
    Random random = new Random(5);
    String[] samples = {
      "2026-05-01T10:00:00Z", "2024-02-29T23:59:59.999+14:00", "1970-01-01T00:00:00.1-18:00",
      "2026-04-01T12:00:00.123456789+02:30", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"
    };
    String alphabet = "0123456789-T:Z+.x ";
    for (int i = 0; i < 10_000; i++) {
      StringBuilder s = new StringBuilder(samples[random.nextInt(samples.length)]);
      for (int e = random.nextInt(3); e > 0; e--) {
        int at = random.nextInt(s.length());
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> s.setCharAt(at, c);
          case 1 -> s.insert(at, c);
          default -> s.deleteCharAt(at);
        }
      }
      String text = s.toString();
      Long expected;
      try {
        expected = Instant.parse(text).toEpochMilli();
      } catch (DateTimeException | ArithmeticException ex) {
        expected = null;
      }

      if (expected == null) {
        assertThatThrownBy(() -> Timestamps.parse(text, "t"))
            .as(text)
            .isInstanceOf(InvalidJsonException.class);
      } else {
        assertThat(Timestamps.parse(text, "t")).as(text).isEqualTo(expected);
      }
    }
  }

  @Test
  void parse_leapSecondAndFebruary30_followInstantParse() {
    assertThat(Timestamps.parse("2016-12-31T23:59:60Z", "t"))
        .isEqualTo(Instant.parse("2016-12-31T23:59:60Z").toEpochMilli());
    assertThatThrownBy(() -> Timestamps.parse("2026-02-30T00:00:00Z", "t"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage(
            "t must be an ISO-8601 date-time with an offset, such as 2026-05-01T10:00:00Z, but was"
                + " '2026-02-30T00:00:00Z'");
  }

  @Test
  void format_parse_roundTrips() {
    Random random = new Random(6);
    for (int i = 0; i < 10_000; i++) {
      long millis = random.nextLong(-62_000_000_000_000L, 253_000_000_000_000L);

      assertThat(Timestamps.parse(Timestamps.format(millis), "t")).isEqualTo(millis);
    }
  }
}
