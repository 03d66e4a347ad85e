package dev.rtprofile.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The values in the viewer's search results are profile-json's: for a profile of every kind of
 * value, each attribute in {@code /api/search} reads exactly as in {@link
 * ProfileJson#writeProfile}.
 */
class SearchValuesJsonTest {
  /** Reads numbers as written: decimals as BigDecimals with their scale, so 2.0 is not 2. */
  private static final ObjectMapper EXACT =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  @Test
  void searchRow_attributeValues_readAsProfileJsonWritesThem() throws Exception {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("level", 3L);
    nested.put("weight", 0.5);
    nested.put("since", Instant.parse("2020-01-01T00:00:00Z"));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("n.long", 42L);
    values.put("n.negativeLong", Long.MIN_VALUE);
    values.put("n.integralDouble", 2.0);
    values.put("n.double", 0.1);
    values.put("n.hugeDouble", 1e300);
    values.put("n.tinyDouble", -4.9e-324);
    values.put("n.negativeZero", -0.0);
    values.put("n.decimal", new BigDecimal("1.50"));
    values.put("n.hugeDecimal", new BigDecimal("1E+400"));
    values.put("n.longDecimal", new BigDecimal("123456789012345678901234567890.000001"));
    values.put("t.instant", Instant.parse("2026-05-01T10:00:00.123Z"));
    values.put("b.yes", true);
    values.put("b.no", false);
    values.put("s.text", "say \"hi\" \u00e9\u2028");
    values.put("a.mixed", List.of(1L, 2.5, "x", false, Instant.EPOCH, List.of(3L), nested));
    values.put("o.object", nested);
    ProfileStore store = ProfileStore.builder().build();
    Record.Builder record =
        Record.builder("crm")
            .primary(Identity.of("Email", "v@example.com"))
            .timestamp(Instant.parse("2026-05-01T10:00:00Z"));
    values.forEach(record::attribute);
    store.ingest(record.build());
    Profile profile = store.search().fetch().get(0);
    // A map value is flattened into its leaves; the one in the array stays an object.
    assertThat(profile.attributes()).containsKeys("a.mixed", "o.object.level", "o.object.since");

    String q =
        profile.attributes().keySet().stream().map(p -> p + "=*").collect(Collectors.joining(" "));
    JsonNode row;
    try (ProfileViewer viewer = ProfileViewer.builder(store).port(0).start()) {
      ViewerClient.Answer answer =
          new ViewerClient(viewer.uri()).get("/api/search?q=" + ViewerClient.encode(q));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      row = EXACT.readTree(answer.body()).get("profiles").get(0);
    }
    JsonNode entity =
        EXACT
            .readTree(ProfileJson.defaults().writeProfile(profile))
            .get(profile.profileId())
            .get("entity");

    JsonNode attributes = row.get("attributes");
    assertThat(attributes.propertyNames())
        .containsExactlyInAnyOrderElementsOf(profile.attributes().keySet());
    for (String path : profile.attributes().keySet()) {
      JsonNode written = entity.at("/" + path.replace('.', '/'));
      assertThat(attributes.get(path).toString()).as(path).isEqualTo(written.toString());
      assertThat(attributes.get(path).toString())
          .as(path)
          .isEqualTo(
              EXACT.readTree(ProfileJson.writeValue(profile.attributes().get(path))).toString());
    }
    assertThat(attributes.get("n.integralDouble").toString()).isEqualTo("2.0");
    assertThat(attributes.get("n.hugeDouble").toString()).isEqualTo("1.0E+300");
    assertThat(attributes.get("t.instant").asString()).isEqualTo("2026-05-01T10:00:00.123Z");
  }
}
