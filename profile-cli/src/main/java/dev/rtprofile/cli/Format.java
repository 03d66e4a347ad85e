package dev.rtprofile.cli;

/** How a command prints its result on stdout. */
enum Format {
  /** JSON, keys in a fixed order; {@code --pretty} indents it. The default of every command. */
  JSON,
  /** Aligned columns, for people. */
  TABLE,
  /** Prose and drawings, for people. */
  TEXT
}
