package dev.rtprofile.merge;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The built-in attribute strategies; each constant's {@code toString()} is the name of the {@link
 * AttributeStrategy} factory that returns it.
 */
enum BuiltInStrategy implements AttributeStrategy {
  SUM("sum") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      return Numbers.sum(candidates);
    }
  },
  MIN("min") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      return extreme(candidates, -1);
    }
  },
  MAX("max") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      return extreme(candidates, 1);
    }
  },
  MOST_FREQUENT("mostFrequent") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      // Insertion order is first appearance, so keeping only strictly greater counts breaks ties
      // towards the value that appears first.
      Map<Object, int[]> counts = new LinkedHashMap<>();
      for (Candidate candidate : candidates) {
        counts.computeIfAbsent(candidate.value(), value -> new int[1])[0]++;
      }
      Object best = null;
      int bestCount = 0;
      for (Map.Entry<Object, int[]> entry : counts.entrySet()) {
        if (entry.getValue()[0] > bestCount) {
          best = entry.getKey();
          bestCount = entry.getValue()[0];
        }
      }
      return best;
    }
  },
  OLDEST("oldest") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      Candidate best = null;
      for (Candidate candidate : candidates) {
        if (best == null || candidate.timestamp() < best.timestamp()) {
          best = candidate;
        }
      }
      return best == null ? null : best.value();
    }
  },
  NEWEST("newest") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      Candidate best = null;
      for (Candidate candidate : candidates) {
        if (best == null || candidate.timestamp() > best.timestamp()) {
          best = candidate;
        }
      }
      return best == null ? null : best.value();
    }
  },
  NON_EMPTY("nonEmpty") {
    @Override
    @Nullable Object pick(List<Candidate> candidates) {
      for (Candidate candidate : candidates) {
        if (!isEmpty(candidate.value())) {
          return candidate.value();
        }
      }
      return null;
    }
  };

  private final String factoryName;

  BuiltInStrategy(String factoryName) {
    this.factoryName = factoryName;
  }

  @Override
  public final @Nullable Object merge(String path, List<Candidate> candidates) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(candidates, "candidates");
    return pick(candidates);
  }

  /** Returns the merged value of the candidates, or null for no value. */
  abstract @Nullable Object pick(List<Candidate> candidates);

  /** Returns the name of the factory method that returns this strategy, such as {@code sum}. */
  @Override
  public String toString() {
    return factoryName;
  }

  /**
   * Returns the smallest ({@code sign} -1) or largest ({@code sign} 1) value: among the numbers if
   * there are any (NaN ignored), else among the strings, else null; ties go to the earlier one.
   */
  private static @Nullable Object extreme(List<Candidate> candidates, int sign) {
    Number bestNumber = null;
    String bestString = null;
    for (Candidate candidate : candidates) {
      Object value = candidate.value();
      if (value instanceof Number number) {
        if (!Numbers.isNaN(number)
            && (bestNumber == null || Numbers.compare(number, bestNumber) * sign > 0)) {
          bestNumber = number;
        }
      } else if (bestNumber == null && value instanceof String string) {
        if (bestString == null || string.compareTo(bestString) * sign > 0) {
          bestString = string;
        }
      }
    }
    return bestNumber != null ? bestNumber : bestString;
  }

  private static boolean isEmpty(Object value) {
    return value instanceof String string && string.isBlank()
        || value instanceof Collection<?> collection && collection.isEmpty()
        || value instanceof Map<?, ?> map && map.isEmpty();
  }
}
