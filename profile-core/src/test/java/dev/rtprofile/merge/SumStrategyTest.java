package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SumStrategyTest {
  private static final AttributeStrategy SUM = AttributeStrategy.sum();

  @Test
  void sum_longs_isLong() {
    assertThat(SUM.merge("loyalty.points", Candidates.of(1L, 2L, 3L))).isEqualTo(6L);
  }

  @Test
  void sum_mixedIntegralTypes_isLong() {
    Object sum = SUM.merge("p", Candidates.of((byte) 1, (short) 2, 3, 4L, BigInteger.valueOf(5)));

    assertThat(sum).isEqualTo(15L);
  }

  @Test
  void sum_singleInteger_widensToLong() {
    assertThat(SUM.merge("p", Candidates.of(7))).isEqualTo(7L);
  }

  @Test
  void sum_nonNumbers_areIgnored() {
    assertThat(SUM.merge("p", Candidates.of("10", 5L, true, List.of(1L), 6))).isEqualTo(11L);
  }

  @Test
  void sum_noNumber_isNull() {
    assertThat(SUM.merge("p", Candidates.of("10", true))).isNull();
    assertThat(SUM.merge("p", List.of())).isNull();
  }

  @Test
  void sum_overflow_isBigInteger() {
    Object sum = SUM.merge("p", Candidates.of(Long.MAX_VALUE, 1L));

    assertThat(sum).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
  }

  @Test
  void sum_negativeOverflow_isBigInteger() {
    Object sum = SUM.merge("p", Candidates.of(Long.MIN_VALUE, -1L));

    assertThat(sum).isEqualTo(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE));
  }

  @Test
  void sum_overflowThatComesBack_isLongWhateverTheOrder() {
    assertThat(SUM.merge("p", Candidates.of(Long.MAX_VALUE, 1L, -2L)))
        .isEqualTo(Long.MAX_VALUE - 1);
    assertThat(SUM.merge("p", Candidates.of(-2L, Long.MAX_VALUE, 1L)))
        .isEqualTo(Long.MAX_VALUE - 1);
  }

  @Test
  void sum_hugeBigInteger_staysBigInteger() {
    BigInteger huge = BigInteger.TWO.pow(100);

    assertThat(SUM.merge("p", Candidates.of(1L, huge))).isEqualTo(huge.add(BigInteger.ONE));
  }

  @Test
  void sum_hugeBigIntegersCancelling_isLong() {
    BigInteger huge = BigInteger.TWO.pow(100);

    assertThat(SUM.merge("p", Candidates.of(huge, 3L, huge.negate()))).isEqualTo(3L);
  }

  @Test
  void sum_anyBigDecimal_isExactBigDecimal() {
    Object sum = SUM.merge("p", Candidates.of(new BigDecimal("0.1"), new BigDecimal("0.2"), 1L));

    assertThat(sum).isEqualTo(new BigDecimal("1.3"));
  }

  @Test
  void sum_bigDecimalWithHugeBigInteger_isExact() {
    BigInteger huge = BigInteger.TWO.pow(80);

    Object sum = SUM.merge("p", Candidates.of(huge, new BigDecimal("0.5")));

    assertThat(sum).isEqualTo(new BigDecimal(huge).add(new BigDecimal("0.5")));
  }

  @Test
  void sum_anyDouble_isDouble() {
    assertThat(SUM.merge("p", Candidates.of(1L, 0.5))).isEqualTo(1.5);
  }

  @Test
  void sum_float_isDouble() {
    assertThat(SUM.merge("p", Candidates.of(0.5f, 2))).isEqualTo(2.5);
  }

  @Test
  void sum_doubleWithBigDecimal_isDouble() {
    assertThat(SUM.merge("p", Candidates.of(new BigDecimal("1.25"), 0.5))).isEqualTo(1.75);
  }

  @Test
  void sum_infinity_isInfinity() {
    assertThat(SUM.merge("p", Candidates.of(Double.POSITIVE_INFINITY, 1L)))
        .isEqualTo(Double.POSITIVE_INFINITY);
  }
}
