package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributeStrategyTest {

  @Test
  void toString_builtIns_isTheFactoryName() {
    assertThat(AttributeStrategy.sum()).hasToString("sum");
    assertThat(AttributeStrategy.min()).hasToString("min");
    assertThat(AttributeStrategy.max()).hasToString("max");
    assertThat(AttributeStrategy.mostFrequent()).hasToString("mostFrequent");
    assertThat(AttributeStrategy.oldest()).hasToString("oldest");
    assertThat(AttributeStrategy.newest()).hasToString("newest");
    assertThat(AttributeStrategy.nonEmpty()).hasToString("nonEmpty");
  }

  @Test
  void factories_calledTwice_returnEqualStrategies() {
    assertThat(AttributeStrategy.sum()).isEqualTo(AttributeStrategy.sum());
    assertThat(AttributeStrategy.nonEmpty()).isEqualTo(AttributeStrategy.nonEmpty());
    assertThat(AttributeStrategy.min()).isNotEqualTo(AttributeStrategy.max());
  }

  @Test
  void merge_builtInWithNullArguments_throwsNamingThem() {
    assertThatThrownBy(() -> AttributeStrategy.sum().merge(null, Candidates.of(1L)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> AttributeStrategy.sum().merge("p", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("candidates");
  }

  @Test
  void merge_builtIns_doNotModifyTheCandidates() {
    List<Candidate> candidates = Candidates.of(3L, "", 1L, 3L);
    List<Candidate> before = new ArrayList<>(candidates);
    List<AttributeStrategy> all =
        List.of(
            AttributeStrategy.sum(),
            AttributeStrategy.min(),
            AttributeStrategy.max(),
            AttributeStrategy.mostFrequent(),
            AttributeStrategy.oldest(),
            AttributeStrategy.newest(),
            AttributeStrategy.nonEmpty());

    for (AttributeStrategy strategy : all) {
      strategy.merge("p", List.copyOf(candidates));
      strategy.merge("p", candidates);
    }

    assertThat(candidates).isEqualTo(before);
  }

  @Test
  void merge_lambda_isAStrategy() {
    AttributeStrategy joined =
        (path, candidates) -> path + "=" + candidates.size() + ":" + candidates.get(0).value();

    assertThat(joined.merge("person.name", Candidates.of("Jane", "J.")))
        .isEqualTo("person.name=2:Jane");
  }

  @Test
  void mostFrequent_clearMajority_winsOverOrder() {
    assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of("a", "b", "b", "c", "b")))
        .isEqualTo("b");
  }

  @Test
  void mostFrequent_tie_goesToTheValueAppearingFirst() {
    assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of("b", "a", "a", "b")))
        .isEqualTo("b");
    assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of("x", "a", "a", "b", "b")))
        .isEqualTo("a");
  }

  @Test
  void mostFrequent_countsByEquals() {
    List<Candidate> candidates =
        Candidates.of(List.of(1L, 2L), new ArrayList<>(List.of(1L, 2L)), "z", Map.of("k", 1L));

    assertThat(AttributeStrategy.mostFrequent().merge("p", candidates)).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void mostFrequent_differentNumberTypes_areDifferentValues() {
    assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of(1, 2L, 1L, 1.0, 2L)))
        .isEqualTo(2L);
  }

  @Test
  void mostFrequent_allDistinct_isTheFirst() {
    assertThat(AttributeStrategy.mostFrequent().merge("p", Candidates.of("c", "a", "b")))
        .isEqualTo("c");
  }

  @Test
  void oldest_picksSmallestTimestamp() {
    List<Candidate> candidates =
        List.of(Candidates.at("mid", 20), Candidates.at("old", 10), Candidates.at("new", 30));

    assertThat(AttributeStrategy.oldest().merge("p", candidates)).isEqualTo("old");
  }

  @Test
  void oldest_tie_goesToTheEarlierCandidate() {
    List<Candidate> candidates =
        List.of(Candidates.at("new", 30), Candidates.at("first", 10), Candidates.at("second", 10));

    assertThat(AttributeStrategy.oldest().merge("p", candidates)).isEqualTo("first");
  }

  @Test
  void oldest_negativeTimestamps_areOrderedToo() {
    List<Candidate> candidates =
        List.of(Candidates.at("epoch", 0), Candidates.at("before", Long.MIN_VALUE));

    assertThat(AttributeStrategy.oldest().merge("p", candidates)).isEqualTo("before");
  }

  @Test
  void newest_picksLargestTimestamp() {
    List<Candidate> candidates =
        List.of(Candidates.at("mid", 20), Candidates.at("new", 30), Candidates.at("old", 10));

    assertThat(AttributeStrategy.newest().merge("p", candidates)).isEqualTo("new");
  }

  @Test
  void newest_tie_goesToTheEarlierCandidate() {
    List<Candidate> candidates =
        List.of(Candidates.at("old", 1), Candidates.at("first", 9), Candidates.at("second", 9));

    assertThat(AttributeStrategy.newest().merge("p", candidates)).isEqualTo("first");
  }

  @Test
  void oldestNewest_emptyCandidates_isNull() {
    assertThat(AttributeStrategy.oldest().merge("p", List.of())).isNull();
    assertThat(AttributeStrategy.newest().merge("p", List.of())).isNull();
    assertThat(AttributeStrategy.mostFrequent().merge("p", List.of())).isNull();
  }

  @Test
  void nonEmpty_skipsBlankStringsAndEmptyContainers() {
    List<Candidate> candidates =
        Candidates.of("", "  \t", List.of(), Set.of(), Map.of(), "Jane", "June");

    assertThat(AttributeStrategy.nonEmpty().merge("p", candidates)).isEqualTo("Jane");
  }

  @Test
  void nonEmpty_firstValueNotEmpty_isIt() {
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of("a", ""))).isEqualTo("a");
  }

  @Test
  void nonEmpty_nonEmptyContainersAndOtherValues_count() {
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of("", List.of(""))))
        .isEqualTo(List.of(""));
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of(" ", Map.of("k", ""))))
        .isEqualTo(Map.of("k", ""));
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of(" ", 0L))).isEqualTo(0L);
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of("", false))).isEqualTo(false);
  }

  @Test
  void nonEmpty_allEmpty_isNull() {
    assertThat(AttributeStrategy.nonEmpty().merge("p", Candidates.of("", " ", List.of(), Map.of())))
        .isNull();
  }
}
