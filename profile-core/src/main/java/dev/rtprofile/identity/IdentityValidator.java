package dev.rtprofile.identity;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the format of an identity value of one namespace, after normalization.
 *
 * <p>The checks every namespace shares (not blank, at most 1024 characters, not one of the reserved
 * values) run before this one; a validator adds what is particular to its namespace.
 */
@FunctionalInterface
public interface IdentityValidator {

  /**
   * Returns why {@code value} is not a valid value of the namespace, or {@code null} if it is. The
   * description must not repeat the value: it is reported and may be logged.
   */
  @Nullable String problem(String value);

  /** Returns a validator that reports this one's problem, else {@code next}'s. */
  default IdentityValidator and(IdentityValidator next) {
    Objects.requireNonNull(next, "next");
    return value -> {
      String problem = problem(value);
      return problem != null ? problem : next.problem(value);
    };
  }

  /** The validator that accepts every value; the default of custom namespaces. */
  static IdentityValidator any() {
    return value -> null;
  }

  /** A validator that accepts exactly {@code length} ASCII digits (ECID uses 38). */
  static IdentityValidator digits(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("length must be at least 1, but was " + length);
    }
    return value -> {
      if (value.length() != length) {
        return "must be exactly " + length + " digits, but has " + value.length() + " characters";
      }
      for (int i = 0; i < length; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return "must be exactly " + length + " digits, but has a non-digit at index " + i;
        }
      }
      return null;
    };
  }
}
