package dev.rtprofile.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/** ISO-8601 timestamps in and out, as epoch milliseconds. */
final class Timestamps {
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private Timestamps() {}

  /**
   * Parses an ISO-8601 date-time with a {@code Z} or numeric offset, such as {@code
   * 2026-05-01T10:00:00.123+02:00}, to epoch milliseconds; digits beyond milliseconds are
   * truncated.
   *
   * @throws InvalidJsonException with {@link InputProblem#BAD_TIMESTAMP} if it is not one or is out
   *     of range
   */
  static long parse(String text, String field) {
    long fast = fast(text);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeException | ArithmeticException e) {
      throw new InvalidJsonException(
          InputProblem.BAD_TIMESTAMP,
          field
              + " must be an ISO-8601 date-time with an offset, such as 2026-05-01T10:00:00Z, but"
              + " was '"
              + abbreviate(text)
              + "'");
    }
  }

  /**
   * The common form {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm)} without a leap second, parsed by
   * hand; {@link Long#MIN_VALUE} for anything else, which {@link Instant#parse} then decides.
   */
  private static long fast(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Long.MIN_VALUE;
    }
    int i = 19;
    int millis = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        if (i - start < 3) {
          millis = millis * 10 + (s.charAt(i) - '0');
        }
        i++;
      }
      int count = i - start;
      if (count < 1 || count > 9) {
        return Long.MIN_VALUE;
      }
      for (int k = count; k < 3; k++) {
        millis *= 10;
      }
    }
    int offsetSeconds;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offsetSeconds = 0;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if (oh < 0 || oh > 18 || om < 0 || om > 59 || (oh == 18 && om != 0)) {
        return Long.MIN_VALUE;
      }
      offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
    } else {
      return Long.MIN_VALUE;
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE;
    }
    return epochDay * MILLIS_PER_DAY
        + (hour * 3600L + minute * 60L + second - offsetSeconds) * 1000L
        + millis;
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Formats epoch milliseconds as an ISO-8601 instant in UTC. */
  static String format(long epochMillis) {
    return Instant.ofEpochMilli(epochMillis).toString();
  }

  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
