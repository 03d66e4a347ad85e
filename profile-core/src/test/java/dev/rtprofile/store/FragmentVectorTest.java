package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link FragmentVector} against a plain list: random appends and replacements, every earlier
 * version unchanged by later updates (pictures share them while the writer goes on).
 */
class FragmentVectorTest {
  private static final PathTable TABLE = new PathTable();

  private static Fragment fragment(int n) {
    return Fragment.of(
        "ds" + n, Identity.of("Email", "a@example.com"), n, new Leaves(1), Set.of(), TABLE);
  }

  @Test
  void withAndPlus_randomUpdates_matchAListAndLeaveEarlierVersionsAlone() {
    Random rnd = new Random(3);
    FragmentVector v = FragmentVector.of(List.of());
    List<Fragment> model = new ArrayList<>();
    List<FragmentVector> versions = new ArrayList<>();
    List<List<Fragment>> models = new ArrayList<>();
    for (int step = 0; step < 3_000; step++) {
      Fragment f = fragment(step);
      if (model.isEmpty() || rnd.nextInt(3) > 0) {
        v = v.plus(f);
        model.add(f);
      } else {
        int at = rnd.nextInt(model.size());
        v = v.with(at, f);
        model.set(at, f);
      }
      if (step % 97 == 0) {
        versions.add(v);
        models.add(List.copyOf(model));
      }
    }

    assertThat(v).containsExactlyElementsOf(model);
    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i)).as("version %s", i).containsExactlyElementsOf(models.get(i));
    }
    assertThat(v.slotsCopiedPerUpdate()).as("three levels for 2,000 fragments").isEqualTo(96);
  }

  @Test
  void get_outOfRange_throwsWithTheIndex() {
    FragmentVector v = FragmentVector.of(List.of(fragment(1)));

    assertThatThrownBy(() -> v.get(1))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("Index 1 out of bounds for length 1");
  }
}
