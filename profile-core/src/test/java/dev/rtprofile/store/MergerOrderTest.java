package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Merger#order}: the policy's fragment order, for few fragments and for many. */
class MergerOrderTest {
  private static final List<String> DATASETS = List.of("crm", "loyalty", "web", "app", "pos");

  @Test
  void order_randomFragments_equalsSortingByRankThenNewestFirst() {
    Random rnd = new Random(11);
    PathTable table = new PathTable();
    for (int round = 0; round < 400; round++) {
      int n = rnd.nextBoolean() ? rnd.nextInt(8) : rnd.nextInt(80);
      List<Fragment> fragments = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fragments.add(
            Fragment.of(
                DATASETS.get(rnd.nextInt(DATASETS.size())),
                Identity.of("Email", "p" + rnd.nextInt(20) + "@example.com"),
                rnd.nextInt(5),
                leaf("a", (long) i),
                Set.of(),
                table));
      }
      List<String> precedence = new ArrayList<>(DATASETS.subList(0, 1 + rnd.nextInt(4)));
      MergePolicy byDataset = MergePolicy.dataSetPrecedence(precedence);
      MergePolicy byTime = MergePolicy.timestampOrdered();

      List<Fragment> expectedByTime = new ArrayList<>(fragments);
      expectedByTime.sort(Merger.NEWEST_FIRST);
      List<Fragment> expectedByDataset = new ArrayList<>();
      for (Fragment f : fragments) {
        if (precedence.contains(f.dataset)) {
          expectedByDataset.add(f);
        }
      }
      expectedByDataset.sort(
          Comparator.comparingInt((Fragment f) -> precedence.indexOf(f.dataset))
              .thenComparing(Merger.NEWEST_FIRST));

      assertThat(Merger.order(fragments, byTime)).containsExactlyElementsOf(expectedByTime);
      assertThat(Merger.order(fragments, byDataset)).containsExactlyElementsOf(expectedByDataset);
    }
  }

  private static Leaves leaf(String path, Object value) {
    Leaves leaves = new Leaves(1);
    leaves.add(path, value);
    return leaves;
  }
}
