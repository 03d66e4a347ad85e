package dev.rtprofile.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The datasets that asserted evidence, name to dense id and back. Ids are never forgotten, so an id
 * in any evidence stays valid.
 *
 * <p>No locking of its own: guarded by its owner, the {@link GraphEngine}. {@link #names} and
 * {@link #idIfKnown} are reads.
 */
final class Datasets {
  private final Map<String, Integer> ids = new HashMap<>();
  private final List<String> names = new ArrayList<>();
  private @Nullable String last;
  private int lastId;

  /** The id of {@code dataset}, assigning the next one if it is new. */
  int id(String dataset) {
    if (dataset == last) {
      return lastId;
    }
    Integer id = ids.get(dataset);
    if (id == null) {
      id = names.size();
      ids.put(dataset, id);
      names.add(dataset);
    }
    // Dataset ids are never forgotten, so the last one stays valid.
    last = dataset;
    lastId = id;
    return id;
  }

  /** The id of {@code dataset}, or -1 if no evidence ever named it. Reads only. */
  int idIfKnown(String dataset) {
    Integer id = ids.get(dataset);
    return id == null ? -1 : id;
  }

  /** The names of the datasets with these ids, sorted. Reads only. */
  List<String> names(int[] datasetIds) {
    List<String> out = new ArrayList<>(datasetIds.length);
    for (int ds : datasetIds) {
      out.add(names.get(ds));
    }
    out.sort(null);
    return out;
  }
}
