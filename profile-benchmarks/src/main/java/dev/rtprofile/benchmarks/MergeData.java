package dev.rtprofile.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Seeded, deterministic fragments of one person for the merge benchmark: {@code fragments} datasets
 * ({@code ds00}, {@code ds01}, ...) each say something about every one of the same {@code
 * attributes} leaf paths, so every path conflicts across all fragments. Paths are three deep
 * ({@code g0.s1.f2}: 5 leaves per sub-object, 4 sub-objects per group); values rotate through
 * strings, longs, booleans and doubles. Timestamps are distinct and shuffled against the dataset
 * order, and the dataset-precedence order is a separate shuffle, so neither policy's order is the
 * generation order.
 */
public final class MergeData {

  /** One dataset's fragment: its dataset, ordering timestamp and nested attributes. */
  public record Fragment(String dataset, long timestamp, Map<String, Object> attributes) {}

  /** The fragments, in dataset order. */
  public final List<Fragment> fragments;

  /** The datasets, highest precedence first, for the dataset-precedence policy. */
  public final List<String> precedence;

  private MergeData(List<Fragment> fragments, List<String> precedence) {
    this.fragments = fragments;
    this.precedence = precedence;
  }

  /** Generates {@code fragments} × {@code attributes} from {@code seed}. */
  public static MergeData generate(int fragments, int attributes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Long> times = new ArrayList<>();
    for (int f = 0; f < fragments; f++) {
      times.add(1_767_225_600_000L + 60_000L * f);
    }
    shuffle(times, random);
    List<Fragment> out = new ArrayList<>();
    List<String> datasets = new ArrayList<>();
    for (int f = 0; f < fragments; f++) {
      String dataset = String.format("ds%02d", f);
      datasets.add(dataset);
      Map<String, Object> nested = new LinkedHashMap<>();
      for (int a = 0; a < attributes; a++) {
        Map<String, Object> group = child(nested, "g" + (a / 20));
        Map<String, Object> sub = child(group, "s" + (a / 5 % 4));
        sub.put("f" + (a % 5), value(a, f, random));
      }
      out.add(new Fragment(dataset, times.get(f), nested));
    }
    shuffle(datasets, random);
    return new MergeData(List.copyOf(out), List.copyOf(datasets));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }

  private static Object value(int attribute, int fragment, SplittableRandom random) {
    switch (attribute % 4) {
      case 0:
        return "value-" + fragment + "-" + attribute + "-" + random.nextInt(1_000_000);
      case 1:
        return random.nextLong(1_000_000_000L);
      case 2:
        return random.nextBoolean();
      default:
        return Math.floor(random.nextDouble() * 1e6) / 100;
    }
  }

  private static <T> void shuffle(List<T> list, SplittableRandom random) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  /**
   * The order in which the overwrite-style baselines apply fragments, the winner last: oldest first
   * for timestamp order; lowest precedence first for dataset precedence (within a dataset, oldest
   * first).
   */
  public static <T> Comparator<T> winnerLast(
      boolean datasetPrecedence,
      List<String> precedence,
      Function<T, String> dataset,
      ToLongFunction<T> timestamp) {
    Comparator<T> byTime = Comparator.comparingLong(timestamp);
    if (!datasetPrecedence) {
      return byTime;
    }
    Comparator<T> byRank = Comparator.comparingInt(t -> -precedence.indexOf(dataset.apply(t)));
    return byRank.thenComparing(byTime);
  }
}
