package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Profiles, event pages, graphs and explanations out: golden files and round trips. */
class ProfileOutTest {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private final ProfileJson json = ProfileJson.builder().prettyPrint(true).build();
  private final ProfileStore store = Scenario.store();

  @Test
  void writeProfile_defaultPolicy_matchesGolden() {
    Profile profile = store.lookup(Scenario.EMAIL).fetch().orElseThrow();

    Golden.assertJson("profile.json", json.writeProfile(profile));
  }

  @Test
  void writeProfile_datasetPrecedence_matchesGolden() {
    Profile profile = store.lookup(Scenario.ECID).policy("crm-first").fetch().orElseThrow();

    Golden.assertJson("profile-crm-first.json", json.writeProfile(profile));
  }

  @Test
  void writeProfile_entity_readsBackAsTheProfilesAttributes() {
    Profile profile = store.lookup(Scenario.CRMID).fetch().orElseThrow();

    JsonNode root = MAPPER.readTree(json.writeProfile(profile));
    JsonNode body = root.get(profile.profileId());
    JsonNode entity = body.get("entity").deepCopy();
    ((tools.jackson.databind.node.ObjectNode) entity).remove("identities");
    Record back = json.readRecord("any", MAPPER.writeValueAsString(entity));

    assertThat(root.propertyNames()).containsExactly(profile.profileId());
    assertThat(body.get("entityId").stringValue()).isEqualTo(profile.profileId());
    assertThat(back.attributes()).isEqualTo(profile.attributes());
    assertThat(body.get("sources"))
        .extracting(JsonNode::stringValue)
        .containsExactlyElementsOf(profile.datasets());
    List<Identity> identities = new java.util.ArrayList<>();
    for (JsonNode node : body.get("entity").get("identities")) {
      identities.add(
          Identity.of(
              node.get("namespace").get("code").stringValue(), node.get("id").stringValue()));
      assertThat(node.get("primary").booleanValue())
          .isEqualTo(identities.get(identities.size() - 1).equals(profile.primaryIdentity()));
    }
    assertThat(identities).isEqualTo(profile.identities());
  }

  @Test
  void writeEvents_pages_matchGoldenAndChainByCursor() {
    EventPage first = store.events(Scenario.CRMID).limit(2).fetch();
    EventPage last = store.events(Scenario.CRMID).limit(2).after(first.nextCursor()).fetch();

    Golden.assertJson("events-page-1.json", json.writeEvents(first, "/entities?relatedEntityId=x"));
    Golden.assertJson("events-page-2.json", json.writeEvents(last, "/entities?relatedEntityId=x"));
  }

  @Test
  void writeEvents_readEvents_roundTrips() {
    EventPage page = store.events(Scenario.CRMID).limit(2).fetch();

    EventPage back = json.readEvents(json.writeEvents(page, "/entities"));

    assertThat(back.nextCursor()).isEqualTo(page.nextCursor());
    assertThat(back.events()).hasSameSizeAs(page.events());
    for (int i = 0; i < page.events().size(); i++) {
      assertSameEvent(back.events().get(i), page.events().get(i));
    }
  }

  @Test
  void writeEvents_nextLink_carriesTheEncodedCursor() {
    EventPage page = store.events(Scenario.CRMID).limit(1).fetch();

    JsonNode root = MAPPER.readTree(json.writeEvents(page, "/entities"));

    assertThat(root.get("_links").get("next").get("href").stringValue())
        .isEqualTo("/entities?start=" + page.nextCursor());
    assertThat(root.get("_page").get("count").intValue()).isEqualTo(1);
  }

  @Test
  void writeGraph_matchesGoldenAndRoundTrips() {
    GraphView graph = store.graph(Scenario.EMAIL).orElseThrow();

    String written = json.writeGraph(graph);

    Golden.assertJson("graph.json", written);
    assertThat(json.readGraph(written)).isEqualTo(graph);
  }

  @Test
  void writeExplanation_matchesGoldenAndRoundTrips() {
    Explanation explanation =
        store.lookup(Scenario.EMAIL).fetch().orElseThrow().explain("loyalty.points").orElseThrow();

    String written = json.writeExplanation(explanation);

    Golden.assertJson("explanation.json", written);
    Explanation back = json.readExplanation(written);
    assertThat(back).isEqualTo(explanation);
    assertThat(back.losers()).isEqualTo(explanation.losers());
  }

  @Test
  void writeExplanation_computedValue_hasNoWinnerAndRoundTrips() {
    Explanation explanation =
        store
            .lookup(Scenario.EMAIL)
            .policy("summed")
            .fetch()
            .orElseThrow()
            .explain("loyalty.points")
            .orElseThrow();

    String written = json.writeExplanation(explanation);

    Golden.assertJson("explanation-computed.json", written);
    assertThat(explanation.winner()).isNull();
    assertThat(json.readExplanation(written)).isEqualTo(explanation);
  }

  @Test
  void readEvents_childWithoutSources_throwsNamingTheField() {
    String page = "{\"_page\":{\"count\":1,\"next\":\"\"},\"children\":[{\"entity\":{}}]}";

    assertThatThrownBy(() -> json.readEvents(page))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("children[0].sources must be an array, but was absent");
  }

  @Test
  void readGraph_unknownStatus_throwsNamingTheField() {
    GraphView graph = store.graph(Scenario.EMAIL).orElseThrow();
    String written = json.writeGraph(graph).replace("\"ACCEPTED\"", "\"MAYBE\"");

    assertThatThrownBy(() -> json.readGraph(written))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessage("links[0].status must name a LinkStatus constant, but was 'MAYBE'");
  }

  @Test
  void writeRecord_readRecord_roundTrips() {
    Record record = json.readRecord("crm", Scenario.CRM);

    Record back = json.readRecord("crm", json.writeRecord(record));

    assertThat(back.identities()).isEqualTo(record.identities());
    assertThat(back.attributes()).isEqualTo(record.attributes());
    assertThat(back.customTimestamp()).isEqualTo(record.customTimestamp());
    Golden.assertJson("record.json", json.writeRecord(record));
  }

  @Test
  void writeRecord_builtRecordWithCustomTimestamp_writesLastUpdatedDate() {
    Record record =
        Record.builder("crm")
            .primary("CRMID", "c-9")
            .attribute("a.b", 1)
            .customTimestamp(1_700_000_000_000L)
            .build();

    Record back = json.readRecord("crm", json.writeRecord(record));

    assertThat(back.customTimestamp()).hasValue(1_700_000_000_000L);
    assertThat(new TreeMap<>(back.attributes()))
        .isEqualTo(
            new TreeMap<>(
                Map.of("a.b", 1L, "extSourceSystemAudit.lastUpdatedDate", "2023-11-14T22:13:20Z")));
  }

  @Test
  void writeEvent_readEvent_roundTrips() {
    Event event = json.readEvent("web", Scenario.event(1));

    assertSameEvent(json.readEvent("web", json.writeEvent(event)), event);
    Golden.assertJson("event.json", json.writeEvent(event));
  }

  static void assertSameEvent(Event actual, Event expected) {
    assertThat(actual.dataset()).isEqualTo(expected.dataset());
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
    assertThat(actual.eventType()).isEqualTo(expected.eventType());
    assertThat(actual.identities()).isEqualTo(expected.identities());
    assertThat(actual.attributes()).isEqualTo(expected.attributes());
  }
}
