package dev.rtprofile.identity;

/** Why an identity was dropped from a record before it could link: a machine-readable reason. */
public enum IdentityProblem {
  /** The namespace code is not registered. */
  UNKNOWN_NAMESPACE,
  /** The value is empty or only white space. */
  BLANK,
  /** The value is longer than 1024 characters. */
  TOO_LONG,
  /** The value holds a NUL character (U+0000) or a lone surrogate, before or after normalizing. */
  INVALID_CHARACTERS,
  /** The value is one of the reserved values {@code null}, {@code anonymous}, {@code invalid}. */
  RESERVED_VALUE,
  /** The namespace's normalizer or validator refused the value (an ECID that is not 38 digits). */
  INVALID_VALUE,
  /** The value matches a blocked value or pattern configured by the application. */
  BLOCKED,
  /** The identity was erased for a privacy request and may not come back. */
  ERASED
}
