package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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

  @Test
  void attributesOfRecordsAndEvents_behaveAsASortedUnmodifiableMap() {
    Map<String, Object> nested = Map.of("z", 1, "a", Map.of("c", "x", "b", true), "m", 2.5);
    Map<String, Object> expected =
        new java.util.TreeMap<>(Map.of("z", 1L, "a.c", "x", "a.b", true, "m", 2.5));
    Map<String, Object> ofRecord = Record.builder("crm").attributes(nested).build().attributes();
    Map<String, Object> ofEvent =
        Event.builder("web", "e").timestamp(1L).attributes(nested).build().attributes();

    for (Map<String, Object> m : List.of(ofRecord, ofEvent)) {
      assertThat(m).isEqualTo(expected).hasSameHashCodeAs(expected);
      assertThat(List.copyOf(m.keySet())).containsExactly("a.b", "a.c", "m", "z");
      assertThat(m.get("a.c")).isEqualTo("x");
      assertThat(m.get("a")).isNull();
      assertThat(m.containsKey("m")).isTrue();
      assertThat(m.containsKey("n")).isFalse();
      assertThatThrownBy(() -> m.put("q", 1)).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> m.entrySet().iterator().next().setValue(3))
          .isInstanceOf(UnsupportedOperationException.class);
    }
    assertThat(Event.builder("web", "e").timestamp(1L).build().attributes()).isEmpty();
  }

  @Test
  void attribute_pathsWithOneHash_areKeptApartAndARepeatKeepsItsLastValue() {
    // "Aa" and "BB" share a String hash: the repeat check must compare the paths themselves.
    Record distinct = Record.builder("crm").attribute("Aa", 1).attribute("BB", 2).build();
    Record repeated =
        Record.builder("crm").attribute("Aa", 1).attribute("BB", 2).attribute("Aa", 3).build();

    assertThat(distinct.attributes()).containsExactly(Map.entry("Aa", 1L), Map.entry("BB", 2L));
    assertThat(repeated.attributes()).containsExactly(Map.entry("Aa", 3L), Map.entry("BB", 2L));
    assertThat(repeated.leaves().size).isEqualTo(2);
  }

  @Test
  void build_manyRepeatsAndRemovals_matchAMapOfTheSameCalls() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      Record.Builder b = Record.builder("crm");
      Map<String, Object> model = new java.util.TreeMap<>();
      java.util.Set<String> removed = new java.util.TreeSet<>();
      for (int step = 0; step < 30; step++) {
        String path = "p" + random.nextInt(8) + (random.nextBoolean() ? ".q" : "");
        if (random.nextInt(5) == 0) {
          b.remove(path);
          model.remove(path);
          removed.add(path);
        } else {
          long v = random.nextInt(100);
          b.attribute(path, v);
          model.put(path, v);
          removed.remove(path);
        }
        if (random.nextInt(10) == 0) {
          Record mid = b.build();
          assertThat(mid.attributes()).isEqualTo(model);
        }
      }
      Record r = b.build();
      assertThat(r.attributes()).isEqualTo(model);
      assertThat(r.removals()).isEqualTo(removed);
    }
  }

  @Test
  void attribute_keyWithNulOrLoneSurrogate_isRefusedWithoutRepeatingIt() {
    Record.Builder b = Record.builder("crm").primary("Email", "a@example.com").attribute("k", 1);

    assertThatThrownBy(() -> b.attribute("person.na\u0000me", "Ann"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "path must not hold a NUL character or a lone surrogate, but had a NUL character"
                + " (U+0000) at index 9");
    assertThatThrownBy(() -> b.attribute("person", Map.of("\ud800", "Ann")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "attribute path must not hold a NUL character or a lone surrogate, but had a lone"
                + " surrogate (U+D800) at index 7");
    assertThatThrownBy(() -> b.attribute("orders", List.of(Map.of("i\udfffd", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "value must not have a map key holding a NUL character or a lone surrogate, but the map"
                + " at orders had a lone surrogate (U+DFFF) at index 1");
    assertThat(b.build().attributes()).containsExactly(Map.entry("k", 1L));
  }

  @Test
  void attribute_valuesWithNulOrLoneSurrogate_areKeptAsSent() {
    Record r =
        Record.builder("crm")
            .primary("Email", "a@example.com")
            .attribute("note", "a\u0000b\ud800")
            .attribute("tags", List.of("\udc00"))
            .attribute("emoji.\ud83d\ude00", true)
            .build();

    assertThat(r.attributes())
        .containsEntry("note", "a\u0000b\ud800")
        .containsEntry("tags", List.of("\udc00"))
        .containsEntry("emoji.\ud83d\ude00", true);
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
