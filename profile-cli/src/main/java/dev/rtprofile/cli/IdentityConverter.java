package dev.rtprofile.cli;

import dev.rtprofile.identity.Identity;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code NAMESPACE:VALUE} arguments, such as {@code Email:jane@example.com}. */
final class IdentityConverter implements ITypeConverter<Identity> {
  @Override
  public Identity convert(String text) {
    int colon = text.indexOf(':');
    if (colon <= 0 || text.substring(0, colon).isBlank() || colon == text.length() - 1) {
      throw new TypeConversionException(
          "must look like NAMESPACE:VALUE, such as Email:jane@example.com, but was '" + text + "'");
    }
    return Identity.parse(text);
  }
}
