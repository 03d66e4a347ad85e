package dev.rtprofile.viewer;

import static dev.rtprofile.viewer.ViewerClient.encode;
import static dev.rtprofile.viewer.ViewerFixtures.CRM_FIRST;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_CRM;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_CRMID;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_EMAIL;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_EVENTS;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_NEWEST;
import static dev.rtprofile.viewer.ViewerFixtures.JANE_PURCHASES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.store.Condition;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.viewer.ViewerClient.Answer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The JSON API, endpoint by endpoint, with the bad requests each must refuse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfileViewerApiTest {
  private ProfileStore store;
  private ProfileViewer viewer;
  private ViewerClient client;
  private String janeId;

  @BeforeAll
  void start() {
    store = ViewerFixtures.store();
    viewer = ProfileViewer.builder(store).port(0).start();
    client = new ViewerClient(viewer.uri());
    janeId = store.lookup(JANE_EMAIL).fetch().orElseThrow().profileId();
  }

  @AfterAll
  void stop() {
    viewer.close();
  }

  private static String jane() {
    return encode(JANE_EMAIL.toText());
  }

  private JsonNode ok(String pathAndQuery) {
    Answer answer = client.get(pathAndQuery);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    return answer.json();
  }

  private JsonNode refused(String pathAndQuery, int status) {
    Answer answer = client.get(pathAndQuery);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode error = answer.error();
    assertThat(error.get("status").asInt()).isEqualTo(status);
    return error;
  }

  // ---------------------------------------------------------------------------------------------
  // overview and policies

  @Test
  void overview_countsTheWholeStore() {
    JsonNode overview = ok("/api/overview");
    var stats = store.statistics();
    assertThat(overview.get("profiles").asInt()).isEqualTo(stats.profiles());
    assertThat(overview.get("events").asLong()).isEqualTo(JANE_EVENTS);
    assertThat(overview.get("identitiesByNamespace").get("CRMID").asInt()).isEqualTo(2);
    assertThat(overview.get("profilesByNamespace").get("loyaltyId").asInt())
        .isEqualTo(ViewerFixtures.FILLERS + 1);
    int graphs = 0;
    for (JsonNode bucket : overview.get("graphSizes")) {
      graphs += bucket.get("graphs").asInt();
    }
    assertThat(graphs).isEqualTo(stats.profiles());
    JsonNode multiple = overview.get("graphsWithMultipleValues");
    assertThat(multiple).hasSize(1);
    assertThat(multiple.get(0).get("namespace").asString()).isEqualTo("Email");
    assertThat(multiple.get(0).get("graphs").asInt()).isEqualTo(1);
    assertThat(multiple.get(0).get("examples").get(0).asString())
        .isEqualTo(
            store
                .lookup(dev.rtprofile.identity.Identity.of("loyaltyId", "L-000"))
                .fetch()
                .orElseThrow()
                .profileId());
    assertThat(overview.get("removedLinks").asInt()).isEqualTo(1);
  }

  @Test
  void overview_unknownParameter_isRefusedByName() {
    JsonNode error = refused("/api/overview?verbose=1", 400);
    assertThat(error.get("parameter").asString()).isEqualTo("verbose");
    assertThat(error.get("message").asString())
        .isEqualTo(
            "verbose is not a parameter of /api/overview; it takes [], but was given 'verbose'");
  }

  @Test
  void policies_listsTheDefaultFirstInAepShape() {
    JsonNode policies = ok("/api/policies");
    assertThat(policies.get("default").asString()).isEqualTo("timestampOrdered");
    JsonNode list = policies.get("policies");
    assertThat(list).hasSize(2);
    assertThat(list.get(0).get("id").asString()).isEqualTo("timestampOrdered");
    assertThat(list.get(0).get("default").asBoolean()).isTrue();
    assertThat(list.get(1).get("id").asString()).isEqualTo(CRM_FIRST);
    assertThat(list.get(1).get("attributeMerge").get("type").asString())
        .isEqualTo("dataSetPrecedence");
    assertThat(list.get(1).get("attributeMerge").get("order").toString())
        .isEqualTo("[\"crm\",\"loyalty\"]");
  }

  // ---------------------------------------------------------------------------------------------
  // search

  @Test
  void search_empty_browsesTheSampleInPages() {
    JsonNode first = ok("/api/search");
    assertThat(first.get("mode").asString()).isEqualTo("sample");
    assertThat(first.get("profiles")).hasSize(20);
    assertThat(first.get("columns").size()).isBetween(1, SearchEndpoint.COLUMNS);
    Set<String> seen = new HashSet<>();
    JsonNode page = first;
    int pages = 1;
    while (true) {
      for (JsonNode row : page.get("profiles")) {
        assertThat(seen.add(row.get("profileId").asString())).isTrue();
      }
      if (page.get("next").isNull()) {
        break;
      }
      page = ok("/api/search?cursor=" + encode(page.get("next").asString()));
      pages++;
    }
    List<String> all = store.search().limit(1000).fetch().stream().map(Profile::profileId).toList();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(all);
    assertThat(pages).isEqualTo((all.size() + 19) / 20);
    assertThat(first.get("profiles").get(0).get("profileId").asString())
        .isEqualTo(store.sample(20).get(0).profileId());
  }

  @Test
  void search_conditions_matchTheStoresSearch() {
    JsonNode result = ok("/api/search?q=" + encode("loyalty.tier=gold loyalty.points>=1000"));
    assertThat(result.get("mode").asString()).isEqualTo("search");
    assertThat(result.get("conditions").get(0).asString()).isEqualTo("loyalty.tier = gold");
    assertThat(result.get("plan").asString()).isNotBlank();
    assertThat(result.get("columns").get(0).asString()).isEqualTo("loyalty.tier");
    assertThat(result.get("columns").get(1).asString()).isEqualTo("loyalty.points");
    List<String> expected =
        store
            .search()
            .where(Condition.eq("loyalty.tier", "gold"))
            .where(Condition.ge("loyalty.points", 1000))
            .fetch()
            .stream()
            .map(Profile::profileId)
            .toList();
    List<String> actual = new ArrayList<>();
    for (JsonNode row : result.get("profiles")) {
      actual.add(row.get("profileId").asString());
      assertThat(row.get("attributes").get("loyalty.tier").asString()).isEqualTo("gold");
      assertThat(row.get("attributes").get("loyalty.points").asLong()).isGreaterThanOrEqualTo(1000);
    }
    assertThat(actual).isEqualTo(expected).contains(janeId).hasSize(8);
  }

  @Test
  void search_sortDescending_ordersByThePath() {
    JsonNode result =
        ok("/api/search?q=" + encode("loyalty.points>=0") + "&sort=-loyalty.points&limit=3");
    List<Long> points = new ArrayList<>();
    result
        .get("profiles")
        .forEach(r -> points.add(r.get("attributes").get("loyalty.points").asLong()));
    assertThat(points).containsExactly(2900L, 2800L, 2700L);
    assertThat(result.get("next").isNull()).isFalse();
  }

  @Test
  void search_identity_looksItUp() {
    JsonNode result =
        ok("/api/search?q=" + encode("Email:JANE@example.com") + "&policy=" + CRM_FIRST);
    assertThat(result.get("mode").asString()).isEqualTo("lookup");
    assertThat(result.get("policy").asString()).isEqualTo(CRM_FIRST);
    assertThat(result.get("profiles")).hasSize(1);
    JsonNode row = result.get("profiles").get(0);
    assertThat(row.get("profileId").asString()).isEqualTo(janeId);
    assertThat(row.get("identityCount").asInt()).isEqualTo(ViewerFixtures.JANE_GRAPH_SIZE);
    assertThat(row.get("attributes").get("person.name.firstName").asString()).isEqualTo(JANE_CRM);
  }

  @Test
  void search_unknownIdentity_findsNothing() {
    JsonNode result = ok("/api/search?q=" + encode("Email:nobody@example.com"));
    assertThat(result.get("profiles")).isEmpty();
  }

  @Test
  void search_unknownNamespace_isRefused() {
    JsonNode error = refused("/api/search?q=" + encode("Foo:bar"), 400);
    assertThat(error.get("code").asString()).isEqualTo("unknown_namespace");
    assertThat(error.get("parameter").asString()).isEqualTo("q");
    assertThat(error.get("message").asString())
        .startsWith("q must name a namespace the store registers (")
        .contains("CRMID, ECID, Email")
        .endsWith("), but named 'Foo'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "loyalty.points>=| no value after '>=' in 'loyalty.points>='; write one, in double quotes"
            + " if it holds spaces",
        "loyalty.tier | no operator in 'loyalty.tier'; write PATH OP VALUE, such as"
            + " loyalty.tier=gold, with OP one of =, !=, <, <=, >, >=, ^= (starts with), ~= (array"
            + " contains), or NAMESPACE:VALUE for an identity",
        "=gold| no attribute path before '=' in '=gold'; write PATH OP VALUE, such as"
            + " loyalty.tier=gold",
        "tier!gold| unknown operator '!' in 'tier!gold'; use one of =, !=, <, <=, >, >=, ^= (starts"
            + " with), ~= (array contains)",
        "loyalty.points>=true| '>=' needs a value that can be ordered (a number, string or"
            + " instant), but true in 'loyalty.points>=true' is a boolean; booleans only take ="
            + " and !=",
        "city=\"Lis| no closing double quote in 'city=\"Lis'; end the value with \"",
        "a..b=1| bad attribute path 'a..b' in 'a..b=1'; write dot-separated non-empty segments,"
            + " such as loyalty.tier=gold",
        "loyalty.tier<*| '*' goes only with = (exists) and != (missing), not with '<' in"
            + " 'loyalty.tier<*'; quote it to compare with the string: \"*\"",
      })
  void search_malformedCondition_isRefusedWithTheReason(String q, String message) {
    JsonNode error = refused("/api/search?q=" + encode(q), 400);
    assertThat(error.get("parameter").asString()).isEqualTo("q");
    assertThat(error.get("message").asString()).isEqualTo(message);
  }

  @Test
  void search_conditionOnAnObject_isRefusedByTheStore() {
    JsonNode error = refused("/api/search?q=" + encode("person.name=Jane"), 400);
    assertThat(error.get("parameter").asString()).isEqualTo("q");
    assertThat(error.get("message").asString())
        .startsWith("q cannot be searched: ")
        .contains("person.name");
  }

  @Test
  void search_hugeQuery_isRefused() {
    JsonNode error = refused("/api/search?q=" + "a".repeat(Api.MAX_QUERY + 1), 400);
    assertThat(error.get("message").asString())
        .isEqualTo("q must be at most 2000 characters, but was 2001");
  }

  @Test
  void search_tooManyConditions_isRefused() {
    String q = "a=1 ".repeat(SearchEndpoint.MAX_CONDITIONS + 1);
    JsonNode error = refused("/api/search?q=" + encode(q), 400);
    assertThat(error.get("message").asString())
        .isEqualTo("q must hold at most 20 conditions, but held 21");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0| limit must be between 1 and 100, but was 0",
        "101| limit must be between 1 and 100, but was 101",
        "ten| limit must be an integer, but was 'ten'",
      })
  void search_badLimit_isRefused(String limit, String message) {
    JsonNode error = refused("/api/search?limit=" + limit, 400);
    assertThat(error.get("parameter").asString()).isEqualTo("limit");
    assertThat(error.get("message").asString()).isEqualTo(message);
  }

  @Test
  void search_badCursor_isRefused() {
    JsonNode error = refused("/api/search?cursor=not-a-cursor", 400);
    assertThat(error.get("parameter").asString()).isEqualTo("cursor");
  }

  @Test
  void search_repeatedParameter_isRefused() {
    JsonNode error = refused("/api/search?limit=2&limit=3", 400);
    assertThat(error.get("message").asString())
        .isEqualTo("limit must be given once, but was given more than once");
  }

  @Test
  void search_unknownPolicy_namesTheChoices() {
    JsonNode error = refused("/api/search?policy=nope", 400);
    assertThat(error.get("message").asString())
        .isEqualTo("policy must be one of [crm-first, timestampOrdered], but was 'nope'");
  }

  // ---------------------------------------------------------------------------------------------
  // lookup and profile

  @Test
  void lookup_defaultPolicy_writesTheEntitiesShapeWithTheNewestName() {
    JsonNode root = ok("/api/lookup?identity=" + jane());
    JsonNode body = root.get(janeId);
    assertThat(body.get("entityId").asString()).isEqualTo(janeId);
    JsonNode entity = body.get("entity");
    assertThat(entity.get("person").get("name").get("firstName").asString()).isEqualTo(JANE_NEWEST);
    assertThat(entity.get("identities")).hasSize(ViewerFixtures.JANE_GRAPH_SIZE);
    int primaries = 0;
    for (JsonNode identity : entity.get("identities")) {
      primaries += identity.get("primary").asBoolean() ? 1 : 0;
    }
    assertThat(primaries).isEqualTo(1);
    assertThat(body.get("sources").toString()).contains("crm", "loyalty");
  }

  @Test
  void lookup_otherPolicy_mergesAgain() {
    JsonNode root = ok("/api/lookup?identity=" + jane() + "&policy=" + CRM_FIRST);
    assertThat(root.get(janeId).get("entity").get("person").get("name").get("firstName").asString())
        .isEqualTo(JANE_CRM);
  }

  @Test
  void lookup_unknownIdentity_isNotFound() {
    JsonNode error = refused("/api/lookup?identity=" + encode("CRMID:c-nobody"), 404);
    assertThat(error.get("code").asString()).isEqualTo("not_found");
    assertThat(error.get("message").asString())
        .isEqualTo("identity names no profile in this store under the policy timestampOrdered");
  }

  @Test
  void lookup_unknownNamespace_isRefused() {
    JsonNode error = refused("/api/lookup?identity=" + encode("Nope:x"), 400);
    assertThat(error.get("code").asString()).isEqualTo("unknown_namespace");
    assertThat(error.get("message").asString())
        .startsWith("identity must name a namespace the store registers (")
        .endsWith("), but named 'Nope'");
  }

  @Test
  void lookup_invalidValue_isRefusedWithTheNamespacesReason() {
    JsonNode error = refused("/api/lookup?identity=" + encode("ECID:123"), 400);
    assertThat(error.get("code").asString()).isEqualTo("invalid_identity");
    assertThat(error.get("message").asString())
        .startsWith("identity is not a valid identity: INVALID_VALUE");
  }

  @Test
  void lookup_withoutIdentity_isRefused() {
    assertThat(refused("/api/lookup", 400).get("message").asString())
        .isEqualTo("identity is required by /api/lookup, but was absent");
    assertThat(refused("/api/lookup?identity=nocolon", 400).get("message").asString())
        .isEqualTo(
            "identity must look like NAMESPACE:value, such as Email:jane@example.com, but has no"
                + " namespace before a colon");
  }

  @Test
  void lookup_hugeIdentity_isRefused() {
    JsonNode error = refused("/api/lookup?identity=Email:" + "x".repeat(2000), 400);
    assertThat(error.get("message").asString())
        .isEqualTo("identity must be at most 1100 characters, but was 2006");
  }

  @Test
  void profile_byId_isTheLookedUpProfile() {
    JsonNode byId = ok("/api/profile/" + janeId + "?policy=" + CRM_FIRST);
    JsonNode byIdentity = ok("/api/lookup?identity=" + jane() + "&policy=" + CRM_FIRST);
    assertThat(byId).isEqualTo(byIdentity);
  }

  @Test
  void profile_unknownId_isNotFound() {
    JsonNode error = refused("/api/profile/nope", 404);
    assertThat(error.get("parameter").asString()).isEqualTo("profile");
    assertThat(refused("/api/profile/", 400).get("parameter").asString()).isEqualTo("id");
  }

  // ---------------------------------------------------------------------------------------------
  // explain

  @Test
  void explain_namesTheWinnerAndTheLoser() {
    JsonNode explanation = ok("/api/explain?identity=" + jane() + "&path=person.name.firstName");
    assertThat(explanation.get("value").asString()).isEqualTo(JANE_NEWEST);
    assertThat(explanation.get("rule").asString()).isEqualTo("timestampOrdered");
    assertThat(explanation.get("winner").get("dataset").asString()).isEqualTo("loyalty");
    assertThat(explanation.get("winner").get("timestamp").asString())
        .isEqualTo("2026-03-01T10:00:00Z");
    assertThat(explanation.get("candidates")).hasSize(2);
    assertThat(explanation.get("candidates").get(1).get("value").asString()).isEqualTo(JANE_CRM);
  }

  @Test
  void explain_otherPolicyAndProfileId_namesTheOtherWinner() {
    JsonNode explanation =
        ok(
            "/api/explain?profile="
                + janeId
                + "&policy="
                + CRM_FIRST
                + "&path=person.name.firstName");
    assertThat(explanation.get("rule").asString()).isEqualTo("dataSetPrecedence");
    assertThat(explanation.get("winner").get("dataset").asString()).isEqualTo("crm");
  }

  @Test
  void explain_badRequests_areRefused() {
    assertThat(
            refused("/api/explain?identity=" + jane() + "&path=no.such.path", 404)
                .get("message")
                .asString())
        .isEqualTo(
            "path names no attribute of this profile under the policy timestampOrdered, but"
                + " was 'no.such.path'");
    assertThat(refused("/api/explain?identity=" + jane(), 400).get("parameter").asString())
        .isEqualTo("path");
    assertThat(
            refused("/api/explain?identity=" + jane() + "&path=a..b", 400)
                .get("parameter")
                .asString())
        .isEqualTo("path");
    assertThat(refused("/api/explain?path=a", 400).get("message").asString())
        .isEqualTo("give exactly one of identity=NAMESPACE:value and profile=<profile id>");
    assertThat(
            refused("/api/explain?identity=" + jane() + "&profile=" + janeId + "&path=a", 400)
                .get("parameter")
                .asString())
        .isEqualTo("identity");
  }

  // ---------------------------------------------------------------------------------------------
  // events

  @Test
  void events_pageThroughTheNextLinks() {
    JsonNode page = ok("/api/events?identity=" + jane() + "&limit=20");
    Set<String> ids = new HashSet<>();
    List<Integer> counts = new ArrayList<>();
    long previous = Long.MAX_VALUE;
    while (true) {
      counts.add(page.get("_page").get("count").asInt());
      for (JsonNode child : page.get("children")) {
        assertThat(ids.add(child.get("entityId").asString())).isTrue();
        long timestamp = child.get("timestamp").asLong();
        assertThat(timestamp).isLessThanOrEqualTo(previous);
        previous = timestamp;
      }
      String href = page.get("_links").get("next").get("href").asString();
      if (href.isEmpty()) {
        assertThat(page.get("_page").get("next").asString()).isEmpty();
        break;
      }
      assertThat(href).startsWith("/api/events?limit=20&start=").doesNotContain("jane");
      page = ok(href + "&identity=" + jane());
    }
    assertThat(counts).containsExactly(20, 20, 5);
    assertThat(ids).hasSize(JANE_EVENTS);
  }

  @Test
  void events_typeFilterAndOldestFirst() {
    JsonNode page =
        ok("/api/events?profile=" + janeId + "&type=commerce.purchase&order=oldest&limit=100");
    JsonNode children = page.get("children");
    assertThat(children).hasSize(JANE_PURCHASES);
    long previous = Long.MIN_VALUE;
    for (JsonNode child : children) {
      assertThat(child.get("entity").get("eventType").asString()).isEqualTo("commerce.purchase");
      assertThat(child.get("timestamp").asLong()).isGreaterThan(previous);
      previous = child.get("timestamp").asLong();
    }
  }

  @Test
  void events_timeWindow_keepsTheEventsInside() {
    JsonNode page =
        ok("/api/events?identity=" + jane() + "&from=2026-03-01T11:00:00Z&to=2026-03-01T12:00:00Z");
    assertThat(page.get("children")).hasSize(6);
  }

  @Test
  void events_badRequests_areRefused() {
    assertThat(
            refused("/api/events?identity=" + jane() + "&limit=501", 400).get("message").asString())
        .isEqualTo("limit must be between 1 and 500, but was 501");
    assertThat(
            refused("/api/events?identity=" + jane() + "&cursor=bogus", 400)
                .get("parameter")
                .asString())
        .isEqualTo("cursor");
    assertThat(
            refused("/api/events?identity=" + jane() + "&order=random", 400)
                .get("message")
                .asString())
        .isEqualTo("order must be one of [newest, oldest], but was 'random'");
    assertThat(
            refused("/api/events?identity=" + jane() + "&from=yesterday", 400)
                .get("message")
                .asString())
        .isEqualTo(
            "from must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, but was 'yesterday'");
    JsonNode farFuture =
        refused("/api/events?identity=" + jane() + "&to=%2B1000000000-12-31T23:59:59Z", 400);
    assertThat(farFuture.get("parameter").asString()).isEqualTo("to");
    assertThat(farFuture.get("message").asString())
        .isEqualTo(
            "to must be between -292275055-05-16T16:47:04.192Z and +292278994-08-17T07:12:55.807Z,"
                + " but was '+1000000000-12-31T23:59:59Z'");
    assertThat(
            refused("/api/events?identity=" + jane() + "&from=-1000000000-01-01T00:00:00Z", 400)
                .get("parameter")
                .asString())
        .isEqualTo("from");
    assertThat(
            refused("/api/events?identity=" + jane() + "&type=a,,b", 400).get("message").asString())
        .isEqualTo("type must be event types separated by commas, but had an empty one");
    assertThat(refused("/api/events?identity=" + encode("Foo:x"), 400).get("code").asString())
        .isEqualTo("unknown_namespace");
  }

  @Test
  void eventTypes_countsTheProfilesTypes() {
    JsonNode types = ok("/api/event-types?identity=" + jane());
    assertThat(types.get("eventTypes").toString())
        .isEqualTo(
            "[{\"type\":\"commerce.purchase\",\"count\":15},{\"type\":\"web.pageView\",\"count\":30}]");
    assertThat(types.get("complete").asBoolean()).isTrue();
  }

  // ---------------------------------------------------------------------------------------------
  // graph

  @Test
  void graph_byIdentityAndById_showsMembersAndTheRemovedLink() {
    JsonNode graph = ok("/api/graph?identity=" + encode(JANE_CRMID.toText()));
    assertThat(graph.get("profileId").asString()).isEqualTo(janeId);
    assertThat(graph.get("identities")).hasSize(ViewerFixtures.JANE_GRAPH_SIZE);
    assertThat(graph.get("links").size()).isGreaterThanOrEqualTo(3);
    JsonNode removed = graph.get("removedLinks");
    assertThat(removed).hasSize(1);
    assertThat(removed.get(0).get("status").asString()).isEqualTo("REMOVED_UNIQUE_NAMESPACE");
    assertThat(removed.get(0).toString()).contains(ViewerFixtures.KIOSK_ECID.value());
    assertThat(ok("/api/graph?profile=" + janeId)).isEqualTo(graph);
  }

  @Test
  void graph_unknown_isNotFound() {
    assertThat(
            refused("/api/graph?identity=" + encode("CRMID:c-nobody"), 404)
                .get("message")
                .asString())
        .isEqualTo("identity names no identity graph in this store");
    assertThat(refused("/api/graph?profile=nope", 404).get("parameter").asString())
        .isEqualTo("profile");
    assertThat(
            refused("/api/graph?identity=" + jane() + "&policy=x", 400).get("parameter").asString())
        .isEqualTo("policy");
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP

  @Test
  void unknownEndpoint_isNotFound() {
    assertThat(refused("/api/nope", 404).get("message").asString())
        .startsWith("path must name an endpoint");
    assertThat(refused("/nope.html", 404).get("code").asString()).isEqualTo("not_found");
  }

  @ParameterizedTest
  @CsvSource({"POST,/api/overview", "PUT,/api/search", "DELETE,/api/graph", "PATCH,/", "OPTIONS,/"})
  void writeMethods_areNotAllowed(String method, String path) {
    Answer answer = client.send(method, path);
    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
    assertThat(answer.error().get("message").asString())
        .isEqualTo("the viewer is read-only: it answers GET and HEAD, but was sent " + method);
  }

  @Test
  void head_answersWithoutABody() {
    Answer answer = client.send("HEAD", "/api/overview");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEmpty();
    assertThat(Integer.parseInt(answer.header("Content-Length"))).isPositive();
  }

  @Test
  void hugeUriOrParameters_areRefused() {
    JsonNode error = refused("/api/profile/" + "x".repeat(ViewerHandler.MAX_URI), 414);
    assertThat(error.get("code").asString()).isEqualTo("uri_too_long");
    error = refused("/api/search?q=a&pad=" + "x".repeat(ViewerHandler.MAX_URI), 431);
    assertThat(error.get("code").asString()).isEqualTo("query_too_long");
    assertThat(error.get("message").asString())
        .isEqualTo("X-Rtprofile-Query must be at most 8192 characters, but was longer");
  }

  @Test
  void queryStringInTheUrl_isRefusedWithoutBeingQuoted() {
    for (String url : List.of("/api/lookup?identity=" + jane(), "/api/overview?x", "/?token=t")) {
      Answer answer = client.sendAsIs("GET", url);
      assertThat(answer.status()).as(url).isEqualTo(400);
      assertThat(answer.error().get("code").asString()).isEqualTo("query_in_url");
      assertThat(answer.error().get("message").asString())
          .startsWith("the viewer takes no query string, so that no identity value or token is in")
          .contains("X-Rtprofile-Query", "#token=<token>");
      assertThat(answer.body()).doesNotContain("jane", "token=t");
    }
  }

  @Test
  void parametersHeaderTwice_isRefused() {
    Answer answer =
        client.sendAsIs(
            "GET",
            "/api/lookup",
            "X-Rtprofile-Query",
            "identity=" + jane(),
            "X-Rtprofile-Query",
            "policy=x");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error().get("message").asString())
        .isEqualTo("X-Rtprofile-Query must be given once, but was given 2 times");
  }

  @Test
  void page_isServedWithItsAssetsAndAStrictPolicy() {
    Answer page = client.get("/");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
    assertThat(page.body()).contains("assets/app.js", "assets/echarts.min.js", "assets/app.css");
    Answer echarts = client.get("/assets/echarts.min.js");
    assertThat(echarts.status()).isEqualTo(200);
    assertThat(echarts.header("Content-Type")).startsWith("text/javascript");
    assertThat(echarts.body()).contains("echarts").hasSizeGreaterThan(500_000);
    assertThat(client.get("/assets/app.js").status()).isEqualTo(200);
    assertThat(client.get("/assets/app.css").status()).isEqualTo(200);
    assertThat(client.get("/assets/echarts-LICENSE.txt").body()).contains("Apache License");
  }
}
