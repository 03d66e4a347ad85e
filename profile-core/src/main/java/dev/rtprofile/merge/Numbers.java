package dev.rtprofile.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Exact arithmetic and comparison across the JDK's number types, for the built-in strategies. */
final class Numbers {
  private Numbers() {}

  /**
   * Adds up the candidates' numbers: Double if any is floating (or of an unknown type), else
   * BigDecimal if any is one, else Long, or BigInteger if the total does not fit in a long; null if
   * there is no number.
   */
  static @Nullable Number sum(List<Candidate> candidates) {
    boolean any = false;
    boolean floating = false;
    boolean decimal = false;
    for (Candidate candidate : candidates) {
      if (candidate.value() instanceof Number number) {
        any = true;
        if (number instanceof BigDecimal) {
          decimal = true;
        } else if (!isIntegral(number)) {
          floating = true;
        }
      }
    }
    if (!any) {
      return null;
    }
    if (floating) {
      double total = 0;
      for (Candidate candidate : candidates) {
        if (candidate.value() instanceof Number number) {
          total += number.doubleValue();
        }
      }
      return total;
    }
    if (decimal) {
      BigDecimal total = BigDecimal.ZERO;
      for (Candidate candidate : candidates) {
        if (candidate.value() instanceof Number number) {
          total = total.add(exact(number));
        }
      }
      return total;
    }
    return integralSum(candidates);
  }

  /** Adds up integral numbers in a long until it would overflow, then in a BigInteger. */
  private static Number integralSum(List<Candidate> candidates) {
    long total = 0;
    BigInteger big = null;
    for (Candidate candidate : candidates) {
      if (!(candidate.value() instanceof Number number)) {
        continue;
      }
      if (big != null) {
        big = big.add(bigInteger(number));
      } else if (number instanceof BigInteger value && value.bitLength() >= Long.SIZE) {
        big = BigInteger.valueOf(total).add(value);
      } else {
        try {
          total = Math.addExact(total, number.longValue());
        } catch (ArithmeticException overflow) {
          big = BigInteger.valueOf(total).add(BigInteger.valueOf(number.longValue()));
        }
      }
    }
    if (big == null) {
      return total;
    }
    // The type depends on the total only, never on the order the candidates came in.
    return big.bitLength() < Long.SIZE ? Long.valueOf(big.longValue()) : big;
  }

  /**
   * Compares two numbers that are not NaN exactly by value: negative, zero or positive as {@code a}
   * is less than, equal to or greater than {@code b}.
   */
  static int compare(Number a, Number b) {
    if (isLong(a) && isLong(b)) {
      return Long.compare(a.longValue(), b.longValue());
    }
    if (isDouble(a) && isDouble(b)) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      // Not Double.compare, which orders -0.0 below 0.0.
      return x < y ? -1 : x > y ? 1 : 0;
    }
    int infinities = Integer.compare(infinity(a), infinity(b));
    if (infinities != 0 || infinity(a) != 0) {
      return infinities;
    }
    return exact(a).compareTo(exact(b));
  }

  /** Returns whether the number is a floating-point NaN. */
  static boolean isNaN(Number number) {
    return !isIntegral(number)
        && !(number instanceof BigDecimal)
        && Double.isNaN(number.doubleValue());
  }

  private static boolean isLong(Number number) {
    return number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte;
  }

  private static boolean isIntegral(Number number) {
    return isLong(number) || number instanceof BigInteger;
  }

  private static boolean isDouble(Number number) {
    return number instanceof Double || number instanceof Float;
  }

  /** Returns 1 for positive infinity, -1 for negative infinity, 0 for any finite number. */
  private static int infinity(Number number) {
    if (isIntegral(number) || number instanceof BigDecimal) {
      return 0;
    }
    double value = number.doubleValue();
    return value == Double.POSITIVE_INFINITY ? 1 : value == Double.NEGATIVE_INFINITY ? -1 : 0;
  }

  /** Returns the exact value of a finite number. */
  private static BigDecimal exact(Number number) {
    if (number instanceof BigDecimal value) {
      return value;
    }
    if (number instanceof BigInteger value) {
      return new BigDecimal(value);
    }
    if (isLong(number)) {
      return BigDecimal.valueOf(number.longValue());
    }
    if (isDouble(number)) {
      // Float to double widens exactly, and new BigDecimal(double) keeps every binary digit.
      return new BigDecimal(number.doubleValue());
    }
    try {
      return new BigDecimal(number.toString());
    } catch (NumberFormatException notDecimal) {
      return new BigDecimal(number.doubleValue());
    }
  }

  private static BigInteger bigInteger(Number number) {
    return number instanceof BigInteger value ? value : BigInteger.valueOf(number.longValue());
  }
}
