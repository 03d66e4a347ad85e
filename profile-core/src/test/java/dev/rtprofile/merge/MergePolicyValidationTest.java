package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MergePolicyValidationTest {
  private static final MergePolicy POLICY = MergePolicy.timestampOrdered();

  @Test
  void dataSetPrecedence_noDataset_throws() {
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must name at least one dataset, but was []");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must name at least one dataset, but was []");
  }

  @Test
  void dataSetPrecedence_repeatedDataset_throwsNamingIt() {
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence("crm", "web", "crm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must not repeat a dataset, but named crm twice");
  }

  @Test
  void dataSetPrecedence_blankDataset_throwsNamingPosition() {
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence("crm", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must not contain a blank dataset, but datasets[1] was ' '");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("datasets must not contain a blank dataset, but datasets[0] was ''");
  }

  @Test
  void dataSetPrecedence_nulls_throwNamingTheParameter() {
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence((String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("datasets");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence((List<String>) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("datasets");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence("crm", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("datasets[1]");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence(Arrays.asList(null, "crm")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("datasets[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "crm-first", "crm_first.v2", "A.b-C_d"})
  void id_valid_isAccepted(String id) {
    assertThat(POLICY.id(id).id()).isEqualTo(id);
  }

  @Test
  void id_sixtyFourCharacters_isAccepted() {
    String id = "a".repeat(64);

    assertThat(POLICY.id(id).id()).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-crm", ".crm", "_crm", "crm first", "crm/first", "crmé", "crm:1"})
  void id_invalid_throwsWithTheValue(String id) {
    assertThatThrownBy(() -> POLICY.id(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "id must be 1 to 64 characters of [A-Za-z0-9_.-] starting with a letter or digit, but"
                + " was "
                + id);
  }

  @Test
  void id_sixtyFiveCharacters_throws() {
    String id = "a".repeat(65);

    assertThatThrownBy(() -> POLICY.id(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(", but was " + id);
  }

  @Test
  void name_blank_throws() {
    assertThatThrownBy(() -> POLICY.name("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, but was '  '");
    assertThatThrownBy(() -> POLICY.name(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, but was ''");
  }

  @Test
  void name_anyNonBlankText_isAccepted() {
    assertThat(POLICY.name(" CRM first / v2 ").name()).isEqualTo(" CRM first / v2 ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "a..b", ".a", "a.", "a.b.", "..", "a...b"})
  void paths_invalid_throwWithTheValue(String path) {
    String message = "path must be dot-separated non-empty segments, but was " + path;

    assertThatThrownBy(() -> POLICY.arrays(path, ArrayMerge.UNION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> POLICY.override(path, AttributeStrategy.sum()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> POLICY.arrays(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> POLICY.override(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "person.name.firstName", "_x.0", "a b.c"})
  void paths_valid_areAccepted(String path) {
    assertThat(POLICY.arrays(path, ArrayMerge.UNION).arrays(path)).isEqualTo(ArrayMerge.UNION);
    assertThat(POLICY.override(path, AttributeStrategy.sum()).override(path)).isPresent();
  }

  @Test
  void withers_nullArguments_throwNamingTheParameter() {
    assertThatThrownBy(() -> POLICY.id(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> POLICY.name(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
    assertThatThrownBy(() -> POLICY.stitching(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("stitching");
    assertThatThrownBy(() -> POLICY.arrays((ArrayMerge) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("arrays");
    assertThatThrownBy(() -> POLICY.arrays(null, ArrayMerge.UNION))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> POLICY.arrays("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("arrays");
    assertThatThrownBy(() -> POLICY.override(null, AttributeStrategy.sum()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> POLICY.override("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("strategy");
  }

  @Test
  void accessors_nullArguments_throwNamingTheParameter() {
    assertThatThrownBy(() -> POLICY.arrays((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> POLICY.override((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> POLICY.datasetRank(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataset");
    assertThatThrownBy(() -> MergePolicy.dataSetPrecedence("crm").datasetRank(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataset");
  }
}
