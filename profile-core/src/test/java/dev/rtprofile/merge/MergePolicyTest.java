package dev.rtprofile.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergePolicyTest {

  @Test
  void timestampOrdered_hasTheDefaults() {
    MergePolicy policy = MergePolicy.timestampOrdered();

    assertThat(policy.id()).isEqualTo("timestampOrdered");
    assertThat(policy.name()).isEqualTo("timestampOrdered");
    assertThat(policy.type()).isEqualTo(AttributeMergeType.TIMESTAMP_ORDERED);
    assertThat(policy.datasetOrder()).isEmpty();
    assertThat(policy.stitching()).isEqualTo(IdentityStitching.PRIVATE_GRAPH);
    assertThat(policy.arrays()).isEqualTo(ArrayMerge.WINNER);
    assertThat(policy.hasPathArrays()).isFalse();
    assertThat(policy.overrides()).isEmpty();
  }

  @Test
  void dataSetPrecedence_hasTheDefaultsAndTheOrder() {
    MergePolicy policy = MergePolicy.dataSetPrecedence("crm", "web", "pos");

    assertThat(policy.id()).isEqualTo("dataSetPrecedence");
    assertThat(policy.name()).isEqualTo("dataSetPrecedence");
    assertThat(policy.type()).isEqualTo(AttributeMergeType.DATASET_PRECEDENCE);
    assertThat(policy.datasetOrder()).containsExactly("crm", "web", "pos");
    assertThat(policy.stitching()).isEqualTo(IdentityStitching.PRIVATE_GRAPH);
    assertThat(policy.arrays()).isEqualTo(ArrayMerge.WINNER);
    assertThat(policy.overrides()).isEmpty();
  }

  @Test
  void dataSetPrecedence_listOverload_equalsVarargs() {
    assertThat(MergePolicy.dataSetPrecedence(List.of("crm", "web")))
        .isEqualTo(MergePolicy.dataSetPrecedence("crm", "web"));
  }

  @Test
  void dataSetPrecedence_laterChangesToTheList_doNotLeakIn() {
    List<String> datasets = new ArrayList<>(List.of("crm", "web"));
    MergePolicy policy = MergePolicy.dataSetPrecedence(datasets);

    datasets.set(0, "pos");

    assertThat(policy.datasetOrder()).containsExactly("crm", "web");
  }

  @Test
  void datasetOrder_cannotBeModified() {
    MergePolicy policy = MergePolicy.dataSetPrecedence("crm");

    assertThatThrownBy(() -> policy.datasetOrder().add("web"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void datasetRank_precedence_isPositionOrMinusOne() {
    MergePolicy policy = MergePolicy.dataSetPrecedence("crm", "web", "pos");

    assertThat(policy.datasetRank("crm")).isZero();
    assertThat(policy.datasetRank("web")).isEqualTo(1);
    assertThat(policy.datasetRank("pos")).isEqualTo(2);
    assertThat(policy.datasetRank("email")).isEqualTo(-1);
    assertThat(policy.datasetRank("CRM")).as("dataset ids are case-sensitive").isEqualTo(-1);
  }

  @Test
  void datasetRank_timestampOrdered_isAlwaysZero() {
    MergePolicy policy = MergePolicy.timestampOrdered();

    assertThat(policy.datasetRank("crm")).isZero();
    assertThat(policy.datasetRank("anything")).isZero();
  }

  @Test
  void datasetRank_survivesWithers() {
    MergePolicy policy =
        MergePolicy.dataSetPrecedence("crm", "web").id("p").stitching(IdentityStitching.NONE);

    assertThat(policy.datasetRank("web")).isEqualTo(1);
    assertThat(policy.datasetRank("pos")).isEqualTo(-1);
  }

  @Test
  void withers_setTheirPropertyAndKeepTheRest() {
    AttributeStrategy sum = AttributeStrategy.sum();

    MergePolicy policy =
        MergePolicy.dataSetPrecedence("crm", "web")
            .id("crm-first")
            .name("CRM first")
            .stitching(IdentityStitching.NONE)
            .arrays(ArrayMerge.UNION)
            .arrays("person.tags", ArrayMerge.WINNER)
            .override("loyalty.points", sum);

    assertThat(policy.id()).isEqualTo("crm-first");
    assertThat(policy.name()).isEqualTo("CRM first");
    assertThat(policy.type()).isEqualTo(AttributeMergeType.DATASET_PRECEDENCE);
    assertThat(policy.datasetOrder()).containsExactly("crm", "web");
    assertThat(policy.stitching()).isEqualTo(IdentityStitching.NONE);
    assertThat(policy.arrays()).isEqualTo(ArrayMerge.UNION);
    assertThat(policy.arrays("person.tags")).isEqualTo(ArrayMerge.WINNER);
    assertThat(policy.overrides()).containsExactly(Map.entry("loyalty.points", sum));
  }

  @Test
  void id_doesNotChangeTheName() {
    MergePolicy policy = MergePolicy.timestampOrdered().id("newest");

    assertThat(policy.id()).isEqualTo("newest");
    assertThat(policy.name()).isEqualTo("timestampOrdered");
  }

  @Test
  void withers_leaveTheOriginalUnchanged() {
    MergePolicy original = MergePolicy.dataSetPrecedence("crm");
    MergePolicy copy = MergePolicy.dataSetPrecedence("crm");

    original.id("other");
    original.name("Other");
    original.stitching(IdentityStitching.NONE);
    original.arrays(ArrayMerge.UNION);
    original.arrays("person.tags", ArrayMerge.UNION);
    original.override("loyalty.points", AttributeStrategy.sum());

    assertThat(original).isEqualTo(copy);
    assertThat(original.id()).isEqualTo("dataSetPrecedence");
    assertThat(original.name()).isEqualTo("dataSetPrecedence");
    assertThat(original.stitching()).isEqualTo(IdentityStitching.PRIVATE_GRAPH);
    assertThat(original.arrays()).isEqualTo(ArrayMerge.WINNER);
    assertThat(original.arrays("person.tags")).isEqualTo(ArrayMerge.WINNER);
    assertThat(original.hasPathArrays()).isFalse();
    assertThat(original.overrides()).isEmpty();
  }

  @Test
  void withers_onTheSharedTimestampOrderedPolicy_doNotChangeIt() {
    MergePolicy.timestampOrdered().override("a", AttributeStrategy.max()).id("x");

    assertThat(MergePolicy.timestampOrdered().overrides()).isEmpty();
    assertThat(MergePolicy.timestampOrdered().id()).isEqualTo("timestampOrdered");
  }

  @Test
  void withers_branchingFromOnePolicy_doNotShareState() {
    MergePolicy base = MergePolicy.timestampOrdered().override("a", AttributeStrategy.sum());

    MergePolicy left = base.override("b", AttributeStrategy.min());
    MergePolicy right = base.override("c", AttributeStrategy.max());

    assertThat(left.overrides()).containsOnlyKeys("a", "b");
    assertThat(right.overrides()).containsOnlyKeys("a", "c");
    assertThat(base.overrides()).containsOnlyKeys("a");
  }

  @Test
  void arrays_path_fallsBackToThePolicyDefault() {
    MergePolicy policy = MergePolicy.timestampOrdered().arrays("person.tags", ArrayMerge.UNION);

    assertThat(policy.arrays("person.tags")).isEqualTo(ArrayMerge.UNION);
    assertThat(policy.arrays("person.emails")).isEqualTo(ArrayMerge.WINNER);
    assertThat(policy.hasPathArrays()).isTrue();
  }

  @Test
  void arrays_path_appliesToThatExactPathOnly() {
    MergePolicy policy = MergePolicy.timestampOrdered().arrays("person", ArrayMerge.UNION);

    assertThat(policy.arrays("person")).isEqualTo(ArrayMerge.UNION);
    assertThat(policy.arrays("person.tags")).isEqualTo(ArrayMerge.WINNER);
    assertThat(policy.arrays("persons")).isEqualTo(ArrayMerge.WINNER);
  }

  @Test
  void arrays_pathSettingWinsOverDefaultWhicheverIsSetFirst() {
    MergePolicy before =
        MergePolicy.timestampOrdered()
            .arrays("person.tags", ArrayMerge.WINNER)
            .arrays(ArrayMerge.UNION);
    MergePolicy after =
        MergePolicy.timestampOrdered()
            .arrays(ArrayMerge.UNION)
            .arrays("person.tags", ArrayMerge.WINNER);

    assertThat(before.arrays("person.tags")).isEqualTo(ArrayMerge.WINNER);
    assertThat(before.arrays("person.emails")).isEqualTo(ArrayMerge.UNION);
    assertThat(after).isEqualTo(before);
  }

  @Test
  void arrays_samePathTwice_keepsTheLastSetting() {
    MergePolicy policy =
        MergePolicy.timestampOrdered()
            .arrays("person.tags", ArrayMerge.UNION)
            .arrays("person.tags", ArrayMerge.WINNER);

    assertThat(policy.arrays("person.tags")).isEqualTo(ArrayMerge.WINNER);
  }

  @Test
  void override_path_isPresentOnlyForThatExactPath() {
    AttributeStrategy sum = AttributeStrategy.sum();
    MergePolicy policy = MergePolicy.timestampOrdered().override("loyalty.points", sum);

    assertThat(policy.override("loyalty.points")).containsSame(sum);
    assertThat(policy.override("loyalty")).isEmpty();
    assertThat(policy.override("loyalty.points.total")).isEmpty();
  }

  @Test
  void override_samePathTwice_keepsTheLastStrategy() {
    MergePolicy policy =
        MergePolicy.timestampOrdered()
            .override("loyalty.points", AttributeStrategy.sum())
            .override("loyalty.points", AttributeStrategy.max());

    assertThat(policy.override("loyalty.points")).contains(AttributeStrategy.max());
    assertThat(policy.overrides()).hasSize(1);
  }

  @Test
  void overrides_areSortedByPathAndUnmodifiable() {
    MergePolicy policy =
        MergePolicy.timestampOrdered()
            .override("z.last", AttributeStrategy.newest())
            .override("a.first", AttributeStrategy.oldest())
            .override("m.middle", AttributeStrategy.nonEmpty());

    assertThat(policy.overrides().keySet()).containsExactly("a.first", "m.middle", "z.last");
    assertThatThrownBy(() -> policy.overrides().put("b", AttributeStrategy.sum()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> policy.overrides().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void override_lambda_isKeptAsGiven() {
    AttributeStrategy first = (path, candidates) -> candidates.get(0).value();
    MergePolicy policy = MergePolicy.timestampOrdered().override("person.name", first);

    assertThat(policy.override("person.name")).containsSame(first);
  }

  @Test
  void equals_sameSettings_isEqualWithSameHashCode() {
    MergePolicy a =
        MergePolicy.dataSetPrecedence("crm", "web")
            .id("p")
            .arrays("x.tags", ArrayMerge.UNION)
            .override("a.b", AttributeStrategy.sum())
            .override("c", AttributeStrategy.min());
    MergePolicy b =
        MergePolicy.dataSetPrecedence("crm", "web")
            .override("c", AttributeStrategy.min())
            .override("a.b", AttributeStrategy.sum())
            .arrays("x.tags", ArrayMerge.UNION)
            .id("p");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(MergePolicy.timestampOrdered())
        .isEqualTo(MergePolicy.timestampOrdered().id("timestampOrdered"));
  }

  @Test
  void equals_anyDifferentSetting_isNotEqual() {
    MergePolicy base = MergePolicy.dataSetPrecedence("crm", "web");

    assertThat(base)
        .isNotEqualTo(MergePolicy.dataSetPrecedence("web", "crm"))
        .isNotEqualTo(MergePolicy.dataSetPrecedence("crm"))
        .isNotEqualTo(base.id("other"))
        .isNotEqualTo(base.name("Other"))
        .isNotEqualTo(base.stitching(IdentityStitching.NONE))
        .isNotEqualTo(base.arrays(ArrayMerge.UNION))
        .isNotEqualTo(base.arrays("a", ArrayMerge.UNION))
        .isNotEqualTo(base.override("a", AttributeStrategy.sum()))
        .isNotEqualTo(
            MergePolicy.timestampOrdered().id("dataSetPrecedence").name("dataSetPrecedence"))
        .isNotEqualTo("dataSetPrecedence")
        .isNotEqualTo(null);
  }

  @Test
  void equals_overrides_compareStrategiesByEquals() {
    AttributeStrategy lambda = (path, candidates) -> null;
    AttributeStrategy otherLambda = (path, candidates) -> null;
    MergePolicy base = MergePolicy.timestampOrdered();

    assertThat(base.override("a", lambda)).isEqualTo(base.override("a", lambda));
    assertThat(base.override("a", lambda)).isNotEqualTo(base.override("a", otherLambda));
    assertThat(base.override("a", AttributeStrategy.sum()))
        .isNotEqualTo(base.override("a", AttributeStrategy.max()))
        .isNotEqualTo(base.override("b", AttributeStrategy.sum()));
  }

  @Test
  void toString_showsTheSettings() {
    MergePolicy policy =
        MergePolicy.dataSetPrecedence("crm", "web")
            .id("crm-first")
            .name("CRM first")
            .arrays("person.tags", ArrayMerge.UNION)
            .override("loyalty.points", AttributeStrategy.sum())
            .override("loyalty.tier", AttributeStrategy.max());

    assertThat(policy)
        .hasToString(
            "MergePolicy[id=crm-first, type=DATASET_PRECEDENCE, datasets=[crm, web],"
                + " stitching=PRIVATE_GRAPH, arrays=WINNER {person.tags=UNION},"
                + " overrides=[loyalty.points, loyalty.tier]]");
  }

  @Test
  void toString_defaults_isShort() {
    assertThat(MergePolicy.timestampOrdered().stitching(IdentityStitching.NONE))
        .hasToString(
            "MergePolicy[id=timestampOrdered, type=TIMESTAMP_ORDERED, datasets=[],"
                + " stitching=NONE, arrays=WINNER, overrides=[]]");
  }
}
