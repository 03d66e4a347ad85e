package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The numeric and counting built-ins against brute-force oracles over seeded random candidates. */
class StrategyModelTest {
  private static final int ROUNDS = 2_000;

  @Test
  void sum_integralValues_matchesBigIntegerOracleWhateverTheOrder() {
    Random random = new Random(11);
    for (int round = 0; round < ROUNDS; round++) {
      List<Object> values = new ArrayList<>();
      BigInteger expected = BigInteger.ZERO;
      int size = 1 + random.nextInt(8);
      for (int i = 0; i < size; i++) {
        Number number = integral(random);
        values.add(number);
        expected = expected.add(new BigInteger(number.toString()));
      }
      Object want = expected.bitLength() < Long.SIZE ? (Object) expected.longValue() : expected;

      assertThat(AttributeStrategy.sum().merge("p", Candidates.of(values.toArray())))
          .as("sum of %s", values)
          .isEqualTo(want);
      Collections.shuffle(values, random);
      assertThat(AttributeStrategy.sum().merge("p", Candidates.of(values.toArray())))
          .as("sum of shuffled %s", values)
          .isEqualTo(want);
    }
  }

  @Test
  void sum_withBigDecimals_matchesExactOracleWhateverTheOrder() {
    Random random = new Random(12);
    for (int round = 0; round < ROUNDS; round++) {
      List<Object> values = new ArrayList<>();
      values.add(decimal(random));
      int size = random.nextInt(6);
      for (int i = 0; i < size; i++) {
        values.add(random.nextBoolean() ? decimal(random) : integral(random));
      }
      values.add("not a number");
      BigDecimal expected = BigDecimal.ZERO;
      for (Object value : values) {
        if (value instanceof Number number) {
          expected = expected.add(new BigDecimal(number.toString()));
        }
      }
      Collections.shuffle(values, random);

      assertThat(AttributeStrategy.sum().merge("p", Candidates.of(values.toArray())))
          .as("sum of %s", values)
          .isEqualTo(expected);
    }
  }

  @Test
  void minMax_mixedNumbers_matchBruteForceOracleAndTieRule() {
    Random random = new Random(13);
    for (int round = 0; round < ROUNDS; round++) {
      List<Object> values = new ArrayList<>();
      int size = 1 + random.nextInt(8);
      for (int i = 0; i < size; i++) {
        values.add(anyNumberOrString(random));
      }
      if (values.stream().noneMatch(Number.class::isInstance)) {
        values.add(random.nextInt(3));
      }
      List<Candidate> candidates = Candidates.of(values.toArray());

      assertThat(AttributeStrategy.min().merge("p", candidates))
          .as("min of %s", values)
          .isSameAs(oracleExtreme(values, -1));
      assertThat(AttributeStrategy.max().merge("p", candidates))
          .as("max of %s", values)
          .isSameAs(oracleExtreme(values, 1));
    }
  }

  @Test
  void mostFrequent_matchesBruteForceOracle() {
    Random random = new Random(14);
    for (int round = 0; round < ROUNDS; round++) {
      List<Object> values = new ArrayList<>();
      int size = 1 + random.nextInt(10);
      for (int i = 0; i < size; i++) {
        values.add(random.nextBoolean() ? "v" + random.nextInt(4) : (long) random.nextInt(4));
      }
      Object expected = null;
      long best = 0;
      for (Object value : values) {
        long count = values.stream().filter(value::equals).count();
        if (count > best) {
          best = count;
          expected = value;
        }
      }

      assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of(values.toArray())))
          .as("mostFrequent of %s", values)
          .isEqualTo(expected);
    }
  }

  /** The first value whose exact numeric value is extreme, comparing every pair by brute force. */
  private static Object oracleExtreme(List<Object> values, int sign) {
    Object best = null;
    for (Object value : values) {
      if (!(value instanceof Number)) {
        continue;
      }
      boolean unbeaten = true;
      for (Object other : values) {
        if (other instanceof Number && exact(other).compareTo(exact(value)) * sign > 0) {
          unbeaten = false;
        }
      }
      if (unbeaten) {
        best = value;
        break;
      }
    }
    return best;
  }

  private static BigDecimal exact(Object number) {
    if (number instanceof Double || number instanceof Float) {
      return new BigDecimal(((Number) number).doubleValue());
    }
    return new BigDecimal(number.toString());
  }

  private static Number integral(Random random) {
    switch (random.nextInt(8)) {
      case 0:
        return (byte) random.nextInt();
      case 1:
        return (short) random.nextInt();
      case 2:
        return random.nextInt();
      case 3:
        return random.nextLong();
      case 4:
        return random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
      case 5:
        return new BigInteger(70 + random.nextInt(60), random).negate();
      case 6:
        return new BigInteger(70 + random.nextInt(60), random);
      default:
        return BigInteger.valueOf(random.nextInt(100));
    }
  }

  private static BigDecimal decimal(Random random) {
    return BigDecimal.valueOf(random.nextLong(), random.nextInt(30) - 5);
  }

  private static Object anyNumberOrString(Random random) {
    switch (random.nextInt(6)) {
      case 0:
        return integral(random);
      case 1:
        return decimal(random);
      case 2:
        // Small values so that ties across types are common.
        return (double) (random.nextInt(7) - 3) / (1 + random.nextInt(2));
      case 3:
        return (float) (random.nextInt(7) - 3) / 2;
      case 4:
        return BigDecimal.valueOf(random.nextInt(7) - 3, random.nextInt(2));
      default:
        return "s" + random.nextInt(5);
    }
  }
}
