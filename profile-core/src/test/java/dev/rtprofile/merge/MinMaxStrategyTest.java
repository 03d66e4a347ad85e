package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinMaxStrategyTest {
  private static final AttributeStrategy MIN = AttributeStrategy.min();
  private static final AttributeStrategy MAX = AttributeStrategy.max();

  @Test
  void min_longs_isSmallest() {
    assertThat(MIN.merge("p", Candidates.of(5L, -3L, 9L))).isEqualTo(-3L);
  }

  @Test
  void max_longs_isLargest() {
    assertThat(MAX.merge("p", Candidates.of(5L, -3L, 9L))).isEqualTo(9L);
  }

  @Test
  void minMax_mixedNumberTypes_returnTheOriginalObject() {
    List<Candidate> candidates =
        Candidates.of(3, 2.5, new BigDecimal("2.75"), BigInteger.TEN, (short) 4, 1.5f);

    assertThat(MIN.merge("p", candidates)).isEqualTo(1.5f).isInstanceOf(Float.class);
    assertThat(MAX.merge("p", candidates)).isEqualTo(BigInteger.TEN);
  }

  @Test
  void max_longBeyondDoublePrecision_isComparedExactly() {
    long big = (1L << 53) + 1;
    double rounded = (double) big;

    assertThat(MAX.merge("p", Candidates.of(rounded, big))).isEqualTo(big);
    assertThat(MIN.merge("p", Candidates.of(big, rounded))).isEqualTo(rounded);
  }

  @Test
  void minMax_bigDecimalAgainstDouble_compareExactBinaryValue() {
    // The double nearest 0.1 is slightly above one tenth.
    BigDecimal tenth = new BigDecimal("0.1");

    assertThat(MAX.merge("p", Candidates.of(tenth, 0.1))).isEqualTo(0.1);
    assertThat(MIN.merge("p", Candidates.of(0.1, tenth))).isEqualTo(tenth);
  }

  @Test
  void minMax_bigDecimalsBeyondDoublePrecision_compareExactly() {
    BigDecimal low = new BigDecimal("0.30000000000000000001");
    BigDecimal high = new BigDecimal("0.30000000000000000002");

    assertThat(MAX.merge("p", Candidates.of(low, high))).isEqualTo(high);
    assertThat(MIN.merge("p", Candidates.of(high, low))).isEqualTo(low);
  }

  @Test
  void minMax_equalValuesOfDifferentTypes_tieToEarlierCandidate() {
    List<Candidate> candidates = Candidates.of(1L, 1.0, new BigDecimal("1.00"));

    assertThat(MIN.merge("p", candidates)).isEqualTo(1L);
    assertThat(MAX.merge("p", candidates)).isEqualTo(1L);
    assertThat(MAX.merge("p", Candidates.of(new BigDecimal("1.00"), 1L)))
        .isEqualTo(new BigDecimal("1.00"));
  }

  @Test
  void minMax_negativeAndPositiveZero_tieToEarlierCandidate() {
    assertThat(MAX.merge("p", Candidates.of(-0.0, 0.0))).isEqualTo(-0.0);
    assertThat(MIN.merge("p", Candidates.of(0.0, -0.0))).isEqualTo(0.0);
  }

  @Test
  void minMax_identicalValues_returnTheEarlierCandidatesObject() {
    BigDecimal first = new BigDecimal("2.0");
    BigDecimal second = new BigDecimal("2.0");

    assertThat(MAX.merge("p", Candidates.of(first, second))).isSameAs(first);
    assertThat(MIN.merge("p", Candidates.of(first, second))).isSameAs(first);
  }

  @Test
  void minMax_infinities_rankBeyondEveryNumber() {
    BigInteger huge = BigInteger.TEN.pow(400);
    List<Candidate> candidates =
        Candidates.of(huge, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, huge.negate());

    assertThat(MAX.merge("p", candidates)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(MIN.merge("p", candidates)).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void minMax_nan_isIgnored() {
    assertThat(MAX.merge("p", Candidates.of(Double.NaN, 2L, Float.NaN))).isEqualTo(2L);
    assertThat(MIN.merge("p", Candidates.of(Double.NaN, 2L))).isEqualTo(2L);
  }

  @Test
  void minMax_numbersAndStrings_ignoreTheStrings() {
    List<Candidate> candidates = Candidates.of("zzz", 5L, "aaa", 7L);

    assertThat(MIN.merge("p", candidates)).isEqualTo(5L);
    assertThat(MAX.merge("p", candidates)).isEqualTo(7L);
  }

  @Test
  void minMax_stringsOnly_compareLexicographically() {
    List<Candidate> candidates = Candidates.of("silver", "Gold", "gold", "bronze");

    assertThat(MIN.merge("p", candidates)).isEqualTo("Gold");
    assertThat(MAX.merge("p", candidates)).isEqualTo("silver");
  }

  @Test
  void minMax_numericStrings_compareAsStrings() {
    List<Candidate> candidates = Candidates.of("10", "9");

    assertThat(MIN.merge("p", candidates)).isEqualTo("10");
    assertThat(MAX.merge("p", candidates)).isEqualTo("9");
  }

  @Test
  void minMax_emptyString_isSmallest() {
    assertThat(MIN.merge("p", Candidates.of("a", ""))).isEqualTo("");
  }

  @Test
  void minMax_neitherNumbersNorStrings_isNull() {
    List<Candidate> candidates = Candidates.of(true, List.of(1L), Map.of("a", 1L));

    assertThat(MIN.merge("p", candidates)).isNull();
    assertThat(MAX.merge("p", candidates)).isNull();
  }

  @Test
  void minMax_onlyNaN_isNull() {
    assertThat(MAX.merge("p", Candidates.of(Double.NaN))).isNull();
  }
}
