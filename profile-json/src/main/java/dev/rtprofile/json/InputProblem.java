package dev.rtprofile.json;

/**
 * Why a JSON document or NDJSON line could not be read into a record or event; the store never saw
 * it. Problems the store finds in a readable record are {@link dev.rtprofile.store.IngestProblem}s.
 */
public enum InputProblem {
  /** Not well-formed JSON: a syntax error, truncated input, trailing content or a duplicate key. */
  MALFORMED_JSON,
  /**
   * Not well-formed CSV: an unterminated quote or text after a closing quote (the line alone is
   * rejected), or a row with more cells than the header.
   */
  MALFORMED_CSV,
  /** The bytes are not valid UTF-8. */
  INVALID_UTF8,
  /** A value has the wrong JSON type, such as a line that is not an object or a numeric id. */
  WRONG_TYPE,
  /** An event has no {@code _id}, or a blank one. */
  MISSING_ID,
  /** An event has no {@code timestamp}. */
  MISSING_TIMESTAMP,
  /** A timestamp is not an ISO-8601 date-time with an offset, or is out of range. */
  BAD_TIMESTAMP,
  /** A number does not fit the type that holds it, such as a float beyond the range of double. */
  NUMBER_OUT_OF_RANGE,
  /** An {@code identityMap} entry has no id, a blank namespace, or two identities are primary. */
  INVALID_IDENTITY,
  /**
   * A field name is empty or holds a dot or a NUL (also escaped as {@code \u0000}), a path is too
   * long, or an array holds null.
   */
  INVALID_ATTRIBUTE,
  /** The line or document is longer than the configured maximum in bytes. */
  TOO_LARGE,
  /** A read limit was exceeded: nesting depth, string, name or number length. */
  LIMIT_EXCEEDED
}
