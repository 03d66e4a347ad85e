package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Merge policies in AEP's JSON: AEP's own documents, golden files, round trips and errors. */
class MergePolicyJsonTest {
  private final ProfileJson json = ProfileJson.builder().prettyPrint(true).build();

  @Test
  void readMergePolicy_aepTimestampOrdered_readsEveryField() {
    MergePolicyDocument doc =
        json.readMergePolicy(Fixtures.resource("aep/merge-policy-timestamp-ordered.json"));

    assertThat(doc.isDefault()).isFalse();
    assertThat(doc.policy())
        .isEqualTo(
            MergePolicy.timestampOrdered()
                .id("10648288-cda5-11e8-a8d5-f2801f1b9fd1")
                .name("profile-default")
                .stitching(IdentityStitching.NONE));
  }

  @Test
  void readMergePolicy_aepDataSetPrecedence_keepsTheOrder() {
    MergePolicyDocument doc =
        json.readMergePolicy(Fixtures.resource("aep/merge-policy-dataset-precedence.json"));

    assertThat(doc.isDefault()).isTrue();
    assertThat(doc.policy().type()).isEqualTo(AttributeMergeType.DATASET_PRECEDENCE);
    assertThat(doc.policy().datasetOrder())
        .containsExactly("5b76f86b85d0e00000be5c8b", "5b76f8d787a6af01e2ceda18");
    assertThat(doc.policy().stitching()).isEqualTo(IdentityStitching.PRIVATE_GRAPH);
    assertThat(doc.policy().name()).isEqualTo("crm-first");
  }

  @Test
  void writeMergePolicy_timestampOrdered_matchesGolden() {
    Golden.assertJson(
        "merge-policy-timestamp-ordered.json",
        json.writeMergePolicy(MergePolicy.timestampOrdered(), true));
  }

  @Test
  void writeMergePolicy_withExtensions_matchesGolden() {
    Golden.assertJson("merge-policy-extended.json", json.writeMergePolicy(extended(), false));
  }

  static List<MergePolicy> policies() {
    return List.of(
        MergePolicy.timestampOrdered(),
        MergePolicy.timestampOrdered().id("own").name("Own data").stitching(IdentityStitching.NONE),
        MergePolicy.dataSetPrecedence("crm", "loyalty", "web").id("crm-first"),
        extended(),
        MergePolicy.timestampOrdered()
            .id("tags")
            .arrays("web.tags", ArrayMerge.UNION)
            .arrays("crm.segments", ArrayMerge.WINNER)
            .arrays(ArrayMerge.UNION));
  }

  @ParameterizedTest
  @MethodSource("policies")
  void readMergePolicy_written_roundTrips(MergePolicy policy) {
    for (boolean isDefault : new boolean[] {true, false}) {
      MergePolicyDocument doc = json.readMergePolicy(json.writeMergePolicy(policy, isDefault));

      assertThat(doc).isEqualTo(new MergePolicyDocument(policy, isDefault));
    }
  }

  @Test
  void readMergePolicy_minimal_takesTheDefaults() {
    MergePolicyDocument doc =
        json.readMergePolicy("{\"attributeMerge\":{\"type\":\"timestampOrdered\"}}");

    assertThat(doc).isEqualTo(new MergePolicyDocument(MergePolicy.timestampOrdered(), false));
  }

  @Test
  void readMergePolicy_unknownMergeType_throws() {
    assertInvalid(
        "{\"attributeMerge\":{\"type\":\"newestFirst\"}}",
        "attributeMerge.type must be timestampOrdered or dataSetPrecedence, but was 'newestFirst'");
  }

  @Test
  void readMergePolicy_missingAttributeMerge_throws() {
    assertInvalid("{\"id\":\"p\"}", "attributeMerge must be an object, but was absent");
  }

  @Test
  void readMergePolicy_unknownGraphType_throws() {
    assertInvalid(
        "{\"identityGraph\":{\"type\":\"shared\"},\"attributeMerge\":{\"type\":\"timestampOrdered\"}}",
        "identityGraph.type must be none or pdg, but was 'shared'");
  }

  @Test
  void readMergePolicy_emptyOrder_throws() {
    assertInvalid(
        "{\"attributeMerge\":{\"type\":\"dataSetPrecedence\",\"order\":[]}}",
        "attributeMerge.order must name at least one dataset, but was []");
  }

  @Test
  void readMergePolicy_repeatedDataset_throwsNamingTheField() {
    assertInvalid(
        "{\"attributeMerge\":{\"type\":\"dataSetPrecedence\",\"order\":[\"a\",\"a\"]}}",
        "attributeMerge.order: datasets must not repeat a dataset, but named a twice");
  }

  @Test
  void readMergePolicy_badId_throwsNamingTheField() {
    assertInvalid(
        "{\"id\":\"has space\",\"attributeMerge\":{\"type\":\"timestampOrdered\"}}",
        "id: id must be 1 to 64 characters of [A-Za-z0-9_.-] starting with a letter or digit, but"
            + " was has space");
  }

  @Test
  void readMergePolicy_unknownStrategy_throws() {
    assertInvalid(
        "{\"attributeMerge\":{\"type\":\"timestampOrdered\"},"
            + "\"rtprofile\":{\"overrides\":{\"a.b\":\"median\"}}}",
        "rtprofile.overrides.a.b must be one of [max, min, mostFrequent, newest, nonEmpty, oldest,"
            + " sum], but was 'median'");
  }

  @Test
  void readMergePolicy_notJson_throwsMalformed() {
    assertThatThrownBy(() -> json.readMergePolicy("{\"id\":"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageStartingWith("merge policy: ")
        .extracting(e -> ((InvalidJsonException) e).problem())
        .isEqualTo(InputProblem.MALFORMED_JSON);
  }

  @Test
  void writeMergePolicy_lambdaOverride_throws() {
    AttributeStrategy first = (path, candidates) -> candidates.get(0).value();
    MergePolicy policy = MergePolicy.timestampOrdered().override("a.b", first);

    assertThatThrownBy(() -> json.writeMergePolicy(policy, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "policy overrides must use built-in strategies [max, min, mostFrequent, newest,"
                + " nonEmpty, oldest, sum] to be written as JSON, but the override at a.b was ");
  }

  @Test
  void writeMergePolicy_perPathArrays_listsThemUnderArraysByPath() {
    MergePolicy policy = MergePolicy.timestampOrdered().id("p").arrays("tags", ArrayMerge.UNION);

    JsonNode written =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .readTree(json.writeMergePolicy(policy, false));

    assertThat(written.at("/rtprofile/arraysByPath/tags").asString()).isEqualTo("UNION");
    assertThat(json.readMergePolicy(json.writeMergePolicy(policy, false)).policy())
        .isEqualTo(policy);
  }

  private static MergePolicy extended() {
    return MergePolicy.dataSetPrecedence("crm", "loyalty")
        .id("crm-first")
        .name("CRM first")
        .arrays(ArrayMerge.UNION)
        .override("loyalty.points", AttributeStrategy.sum())
        .override("loyalty.tier", AttributeStrategy.max());
  }

  private void assertInvalid(String text, String message) {
    assertThatThrownBy(() -> json.readMergePolicy(text))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage(message);
  }
}
