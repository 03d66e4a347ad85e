package dev.rtprofile.cli;

import java.time.Instant;
import java.util.Locale;

/** Number and time formatting for the human formats. */
final class Text {
  private Text() {}

  /** {@code 12,345}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** {@code 1.25 s}. */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** An epoch-millisecond time as ISO-8601. */
  static String time(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  /** A value for people: strings quoted, the rest as is. */
  static String value(Object value) {
    return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
  }
}
