package dev.rtprofile.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options that shape the output: {@code --format} and {@code --pretty}. */
final class OutputOptions {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "json, table or text. Default: json (for demo: text).")
  @Nullable Format format;

  @Option(names = "--pretty", description = "Indents JSON output.")
  boolean pretty;

  /** The chosen format, or {@code fallback} when none was given. */
  Format format(Format fallback) {
    return format == null ? fallback : format;
  }
}
