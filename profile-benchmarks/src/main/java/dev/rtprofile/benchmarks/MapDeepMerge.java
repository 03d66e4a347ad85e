package dev.rtprofile.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline a developer would write without a library: a recursive merge of maps of maps, each
 * source applied over the result in turn so that the last one wins; objects merge key by key,
 * anything else is a leaf. Sources are never modified: a nested map that lands in the result is
 * copied first.
 */
public final class MapDeepMerge {
  private MapDeepMerge() {}

  /** Merges {@code winnerLast} into a new map, later maps overwriting earlier ones. */
  public static Map<String, Object> merge(List<Map<String, Object>> winnerLast) {
    Map<String, Object> result = new HashMap<>();
    for (Map<String, Object> source : winnerLast) {
      mergeInto(result, source);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private static void mergeInto(Map<String, Object> target, Map<String, Object> source) {
    for (Map.Entry<String, Object> e : source.entrySet()) {
      Object value = e.getValue();
      if (value instanceof Map) {
        Object current = target.get(e.getKey());
        Map<String, Object> into;
        if (current instanceof Map) {
          into = (Map<String, Object>) current;
        } else {
          into = new HashMap<>();
          target.put(e.getKey(), into);
        }
        mergeInto(into, (Map<String, Object>) value);
      } else {
        target.put(e.getKey(), value);
      }
    }
  }
}
