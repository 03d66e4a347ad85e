package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@link Fragment#of}: path ids sorted, one entry per path, removals as tombstones. */
class FragmentOfTest {
  @Test
  void of_randomAttributesAndRemovals_matchesASortedMapOfInternedPaths() {
    Random rnd = new Random(7);
    PathTable table = new PathTable();
    // Interning in shuffled order makes ids unrelated to names.
    for (int i = 0; i < 300; i++) {
      table.intern("p" + rnd.nextInt(400));
    }
    for (int round = 0; round < 500; round++) {
      int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 20 : 200);
      Map<String, Object> attributes = new HashMap<>();
      Set<String> removals = new TreeSet<>();
      for (int i = 0; i < n; i++) {
        String path = "p" + rnd.nextInt(400);
        if (rnd.nextInt(5) == 0) {
          removals.add(path);
        } else {
          attributes.put(path, (long) rnd.nextInt(1000));
        }
      }
      TreeMap<Integer, Object> expected = new TreeMap<>();
      attributes.forEach((p, v) -> expected.put(table.intern(p), v));
      removals.forEach(p -> expected.put(table.intern(p), Fragment.TOMBSTONE));

      Leaves leaves = new Leaves(8);
      attributes.forEach(leaves::add);
      Fragment f =
          Fragment.of("ds", Identity.of("Email", "a@example.com"), 1L, leaves, removals, table);

      assertThat(f.paths).hasSize(expected.size()).isSorted();
      for (int i = 0; i < f.paths.length; i++) {
        assertThat(f.values[i]).isSameAs(expected.get(f.paths[i]));
      }
    }
  }
}
