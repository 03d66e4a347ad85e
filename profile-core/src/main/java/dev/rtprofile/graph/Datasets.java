package dev.rtprofile.graph;

import java.io.IOException;
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
 * {@link #idIfKnown} are reads. {@link #writeTo} and {@link #readFrom} carry the names in id order.
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

  /** How many datasets have an id. */
  int size() {
    return names.size();
  }

  /** Writes the names in id order. */
  void writeTo(StateOutput out) throws IOException {
    out.writeInt(names.size());
    out.writeStrings(names.size(), names::get);
  }

  /**
   * Replaces the datasets, which must be new, with what {@link #writeTo} wrote.
   *
   * @throws MalformedStateException if the input is not such datasets
   */
  void readFrom(StateInput in) throws IOException {
    int n = in.count("the dataset count", Integer.MAX_VALUE);
    String[] read = in.readNonNullStrings(n);
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < n; i++) {
      if (byName.put(read[i], i) != null) {
        throw new MalformedStateException("a dataset name is in the state twice");
      }
    }
    ids.clear();
    ids.putAll(byName);
    names.clear();
    names.addAll(List.of(read));
    last = null;
  }
}
