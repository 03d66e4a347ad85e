package dev.rtprofile.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads times: ISO-8601 with an offset ({@code 2026-05-01T10:00:00Z}) or a UTC date. */
final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String text) {
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
