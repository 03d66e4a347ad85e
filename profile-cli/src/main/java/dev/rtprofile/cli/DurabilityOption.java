package dev.rtprofile.cli;

import dev.rtprofile.store.Durability;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code --durability} value: when a durable store's writes are acknowledged, as the user wrote
 * it ({@code every}, {@code interval:MILLIS}, {@code os}) and as the library's {@link Durability}.
 *
 * @param text the value as given, for reports
 * @param durability the library's policy
 */
record DurabilityOption(String text, Durability durability) {
  /** The default: every write forced to the disk, with group commit; a batch per input. */
  static final DurabilityOption EVERY = new DurabilityOption("every", Durability.everyWrite());

  /** What each value means, for the option's description and for messages. */
  static final String VALUES = "every, interval:MILLIS or os";

  /** Reads {@code every}, {@code interval:MILLIS} (1 to 3600000) or {@code os}. */
  static final class Converter implements ITypeConverter<DurabilityOption> {
    @Override
    public DurabilityOption convert(String text) {
      if (text.equals("every")) {
        return EVERY;
      }
      if (text.equals("os")) {
        return new DurabilityOption(text, Durability.operatingSystem());
      }
      if (text.startsWith("interval:")) {
        String millis = text.substring("interval:".length());
        long value;
        try {
          value = Long.parseLong(millis);
        } catch (NumberFormatException e) {
          throw new TypeConversionException(
              "interval:MILLIS needs a number of milliseconds, but was '" + millis + "'");
        }
        try {
          return new DurabilityOption(text, Durability.interval(Duration.ofMillis(value)));
        } catch (IllegalArgumentException e) {
          throw new TypeConversionException(e.getMessage());
        }
      }
      throw new TypeConversionException("must be " + VALUES + ", but was '" + text + "'");
    }
  }
}
