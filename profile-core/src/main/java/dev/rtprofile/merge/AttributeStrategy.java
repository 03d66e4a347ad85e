package dev.rtprofile.merge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A per-path override of how a merge policy resolves one leaf attribute, given every fragment's
 * value for it.
 *
 * <p>An override composes with its policy: the policy decides which fragments take part and in
 * which order, and the strategy decides the value. Implementations must be pure and thread-safe:
 * the same candidates must always give the same value, whatever thread asks, so that a merged
 * profile never depends on arrival order. They must not modify the candidate list. A strategy that
 * throws, or returns a value the store cannot keep, fails the lookup with a message naming the
 * strategy by its {@code toString()}.
 *
 * <p>The built-ins are available as static factories ({@link #sum()}, {@link #min()}, {@link
 * #max()}, {@link #mostFrequent()}, {@link #oldest()}, {@link #newest()}, {@link #nonEmpty()});
 * each one's {@code toString()} is its factory name, such as {@code "sum"}.
 */
@FunctionalInterface
public interface AttributeStrategy {

  /**
   * Returns the merged value of the attribute at {@code path}.
   *
   * @param path the dot-separated leaf attribute path, such as {@code loyalty.points}
   * @param candidates the non-null values for the path in policy order, the value the policy alone
   *     would pick first; never empty
   * @return the merged value, or {@code null} for no value
   */
  @Nullable Object merge(String path, List<Candidate> candidates);

  /**
   * The strategy that adds up the numbers, ignoring other values. The type of the sum follows the
   * candidates: if any is a {@code Float}, a {@code Double} or another {@code Number} type not
   * named here, the sum is a {@code Double}; otherwise if any is a {@code BigDecimal}, the sum is
   * an exact {@code BigDecimal}; otherwise (all {@code Byte}, {@code Short}, {@code Integer},
   * {@code Long} or {@code BigInteger}) it is a {@code Long}, or a {@code BigInteger} when the
   * total does not fit in a {@code long}. Without any number the result is {@code null}.
   */
  static AttributeStrategy sum() {
    return BuiltInStrategy.SUM;
  }

  /**
   * The strategy that picks the smallest value. If any candidate is a number, the numbers are
   * compared exactly by their numeric value, whatever their types ({@code 1} and {@code 1.0} are
   * equal, a {@code long} beyond 2<sup>53</sup> is not rounded to a {@code double}), other values
   * and {@code NaN} are ignored, and the winning candidate's value is returned as it is; otherwise
   * strings are compared lexicographically ({@link String#compareTo}); otherwise the result is
   * {@code null}. Ties go to the earlier candidate.
   */
  static AttributeStrategy min() {
    return BuiltInStrategy.MIN;
  }

  /**
   * The strategy that picks the largest value, compared as by {@link #min()}: numbers exactly by
   * value if there are any, else strings lexicographically, else {@code null}. Ties go to the
   * earlier candidate.
   */
  static AttributeStrategy max() {
    return BuiltInStrategy.MAX;
  }

  /**
   * The strategy that picks the value occurring most often among the candidates, by {@code equals};
   * on a tie, the value that appears first in candidate order.
   */
  static AttributeStrategy mostFrequent() {
    return BuiltInStrategy.MOST_FREQUENT;
  }

  /**
   * The strategy that picks the value of the candidate with the smallest timestamp; on a tie, the
   * earlier candidate's.
   */
  static AttributeStrategy oldest() {
    return BuiltInStrategy.OLDEST;
  }

  /**
   * The strategy that picks the value of the candidate with the largest timestamp; on a tie, the
   * earlier candidate's.
   */
  static AttributeStrategy newest() {
    return BuiltInStrategy.NEWEST;
  }

  /**
   * The strategy that picks the first value that is not empty: not a blank {@code String}, not an
   * empty {@code Collection} and not an empty {@code Map}; {@code null} if every value is empty.
   */
  static AttributeStrategy nonEmpty() {
    return BuiltInStrategy.NON_EMPTY;
  }
}
