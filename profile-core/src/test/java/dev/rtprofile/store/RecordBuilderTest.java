package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Record.Builder reuse, and the rough sizes behind the record and event size guardrails. */
class RecordBuilderTest {
  @Test
  void build_thenChangeTheBuilder_leavesTheBuiltRecordAsItWas() {
    Record.Builder b = Record.builder("crm").primary("Email", "a@example.com");
    b.attributes(Map.of("person", Map.of("name", "Ann")));
    Record first = b.build();
    b.attribute("loyalty.tier", "gold").remove("person.name");
    Record second = b.build();
    b.attribute("points", 3);

    assertThat(first.attributes()).containsExactly(Map.entry("person.name", "Ann"));
    assertThat(second.attributes()).containsExactly(Map.entry("loyalty.tier", "gold"));
    assertThat(second.removals()).containsExactly("person.name");
  }

  @Test
  void attributes_setInAnyOrder_areSortedByPathAndTheLastSetWins() {
    Record.Builder b = Record.builder("crm").primary("Email", "a@example.com");
    b.attribute("z.b", 1).attribute("a", "x").attribute("m.q", true).attribute("a", "y");
    b.remove("m.q").attribute("m.q", false).attribute("m", Map.of("r", 2L, "p", 3));

    Record r = b.build();

    assertThat(r.attributes())
        .containsExactly(
            Map.entry("a", "y"),
            Map.entry("m.p", 3L),
            Map.entry("m.q", false),
            Map.entry("m.r", 2L),
            Map.entry("z.b", 1L));
    assertThat(r.removals()).isEmpty();
    assertThatThrownBy(() -> r.attributes().put("b", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".a", "a.", "a..b", "."})
  void attribute_malformedPath_isRefusedAndTheBuilderUnchanged(String path) {
    Record.Builder b = Record.builder("crm").primary("Email", "a@example.com").attribute("k", 1);

    assertThatThrownBy(() -> b.attribute(path, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dot-separated non-empty segments");
    assertThat(b.build().attributes()).containsExactly(Map.entry("k", 1L));
  }

  @Test
  void attributes_invalidValueOnAFreshBuilder_leavesTheBuilderEmpty() {
    Record.Builder b = Record.builder("crm").primary("Email", "a@example.com");
    assertThatThrownBy(() -> b.attributes(Map.of("a", 1, "b", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    assertThat(b.build().attributes()).isEmpty();
  }

  @Test
  void size_ofNumbersAndBooleans_isTheirJsonLength() {
    Random rnd = new Random(3);
    long[] edges = {0, 9, 10, -1, -10, Long.MAX_VALUE, Long.MIN_VALUE, 999_999_999_999L};
    for (long l : edges) {
      assertThat(AttributeValues.size(l)).as("%d", l).isEqualTo(Long.toString(l).length());
    }
    for (int i = 0; i < 10_000; i++) {
      long l = rnd.nextLong() >> rnd.nextInt(64);
      assertThat(AttributeValues.size(l)).as("%d", l).isEqualTo(Long.toString(l).length());
      double d = (double) (rnd.nextLong() >> rnd.nextInt(64));
      assertThat(AttributeValues.size(d)).as("%s", d).isEqualTo(Double.toString(d).length());
    }
    assertThat(AttributeValues.size(true)).isEqualTo(4);
    assertThat(AttributeValues.size(false)).isEqualTo(5);
    assertThat(AttributeValues.size(0.25)).isEqualTo(4);
  }
}
