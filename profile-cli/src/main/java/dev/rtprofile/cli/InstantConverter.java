package dev.rtprofile.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads times: ISO-8601 with an offset ({@code 2026-05-01T10:00:00Z}) or a UTC date, within the
 * range of epoch milliseconds, the store's unit of time.
 */
final class InstantConverter implements ITypeConverter<Instant> {
  private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  @Override
  public Instant convert(String text) {
    Instant instant = parse(text);
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new TypeConversionException(
          "must be between " + EARLIEST + " and " + LATEST + ", but was '" + text + "'");
    }
    return instant;
  }

  private static Instant parse(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new TypeConversionException(
            "must be an ISO-8601 time such as 2026-05-01T10:00:00Z or a date such as 2026-05-01,"
                + " but was '"
                + text
                + "'");
      }
    }
  }
}
