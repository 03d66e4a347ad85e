package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Evidence}: per-dataset spans whose upkeep costs O(1) per dataset whatever the order the
 * datasets arrive in (issue 14 item 4: 40,000 datasets on one identity was quadratic).
 */
class EvidenceTest {
  private static final int DATASETS = 40_000;

  @Test
  void observe_manyDatasetsInDescendingIdOrder_movesSlotsLinearlyAndListsThemAscending() {
    Evidence evidence = new Evidence(1);
    evidence.init(0, DATASETS, 100);

    for (int ds = DATASETS - 1; ds >= 1; ds--) {
      evidence.observe(0, ds, 100 + ds);
    }

    assertThat(evidence.slotsMoved)
        .as("one slot per dataset plus amortized doubling, not a shift per insertion")
        .isLessThanOrEqualTo(4L * DATASETS);
    assertThat(evidence.datasets(0)).isEqualTo(IntStream.rangeClosed(1, DATASETS).toArray());
    assertThat(evidence.first(0)).isEqualTo(100);
    assertThat(evidence.last(0)).isEqualTo(100 + DATASETS - 1);
  }

  @Test
  void removeDataset_ofMany_restoresTheOthersSpansExactly() {
    Evidence evidence = new Evidence(1);
    evidence.init(0, 5, 50);
    for (int ds = 20; ds >= 6; ds--) {
      evidence.observe(0, ds, ds);
    }
    evidence.observe(0, 1, 10);
    evidence.observe(0, 1, 500);

    assertThat(evidence.removeDataset(0, 1)).isFalse();
    assertThat(evidence.removeDataset(0, 6)).isFalse();

    assertThat(evidence.has(0, 1)).isFalse();
    assertThat(evidence.has(0, 20)).isTrue();
    assertThat(evidence.datasets(0))
        .isEqualTo(IntStream.concat(IntStream.of(5), IntStream.rangeClosed(7, 20)).toArray());
    assertThat(evidence.first(0)).isEqualTo(7);
    assertThat(evidence.last(0)).isEqualTo(50);
  }
}
