package dev.rtprofile.viewer;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.EventQuery;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The read-only JSON API: routes a path and query to its endpoint and answers with a JSON body, or
 * throws {@link ApiException} for a request it refuses. Profiles, event pages, graphs and
 * explanations are written by profile-json in the entities-API shapes; search results, the overview
 * and the policy list are the viewer's own.
 *
 * <p>A profile is named either by {@code identity=NAMESPACE:value} or by {@code profile=<profile
 * id>}; see {@link #subject}.
 */
final class Api {
  static final int MAX_IDENTITY = 1100;
  static final int MAX_POLICY = 128;
  static final int MAX_CURSOR = 4096;
  static final int MAX_PATH = 1024;
  static final int MAX_QUERY = 2000;
  static final int MAX_PROFILE_ID = 256;
  static final int MAX_SEARCH_LIMIT = 100;
  static final int MAX_EVENT_LIMIT = 500;
  static final int MAX_EVENT_TYPES = 20;
  static final String PROFILE_PREFIX = "/api/profile/";

  /** The range of the store's time, epoch milliseconds in a long. */
  private static final Instant EARLIEST = Instant.ofEpochMilli(Long.MIN_VALUE);

  private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE);

  private static final Map<String, Integer> SUBJECT =
      Map.of("identity", MAX_IDENTITY, "profile", MAX_PROFILE_ID, "policy", MAX_POLICY);

  private final ProfileStore store;
  private final ProfileJson json;
  private final SearchEndpoint search;
  private final OverviewEndpoint overview;

  Api(ProfileStore store, ProfileJson json) {
    this.store = store;
    this.json = json;
    this.search = new SearchEndpoint(this);
    this.overview = new OverviewEndpoint(store, json);
  }

  ProfileStore store() {
    return store;
  }

  /**
   * The endpoint's name for a path, used in logs instead of the path itself, which may hold a
   * profile id; null for a path that is no endpoint.
   */
  static @Nullable String endpoint(String path) {
    if (path.startsWith(PROFILE_PREFIX)) {
      return PROFILE_PREFIX + "{id}";
    }
    return switch (path) {
      case "/api/overview",
          "/api/policies",
          "/api/search",
          "/api/lookup",
          "/api/explain",
          "/api/events",
          "/api/event-types",
          "/api/graph" ->
          path;
      default -> null;
    };
  }

  /** Answers a GET of an API path. */
  String get(String path, @Nullable String rawQuery) {
    if (path.startsWith(PROFILE_PREFIX)) {
      String id = path.substring(PROFILE_PREFIX.length());
      return profileById(
          id, Parameters.parse(PROFILE_PREFIX + "{id}", rawQuery, Map.of("policy", MAX_POLICY)));
    }
    return switch (path) {
      case "/api/overview" -> overview.overview(Parameters.parse(path, rawQuery, Map.of()));
      case "/api/policies" -> overview.policies(Parameters.parse(path, rawQuery, Map.of()));
      case "/api/search" ->
          search.search(
              Parameters.parse(
                  path,
                  rawQuery,
                  Map.of(
                      "q", MAX_QUERY,
                      "policy", MAX_POLICY,
                      "cursor", MAX_CURSOR,
                      "limit", 8,
                      "sort", MAX_PATH + 1)));
      case "/api/lookup" ->
          lookup(
              Parameters.parse(
                  path, rawQuery, Map.of("identity", MAX_IDENTITY, "policy", MAX_POLICY)));
      case "/api/explain" ->
          explain(Parameters.parse(path, rawQuery, with(SUBJECT, "path", MAX_PATH)));
      case "/api/events" ->
          events(
              Parameters.parse(
                  path,
                  rawQuery,
                  with(
                      SUBJECT,
                      "type",
                      2048,
                      "cursor",
                      MAX_CURSOR,
                      "start",
                      MAX_CURSOR,
                      "limit",
                      8,
                      "order",
                      16,
                      "from",
                      64,
                      "to",
                      64)));
      case "/api/event-types" -> eventTypes(Parameters.parse(path, rawQuery, SUBJECT));
      case "/api/graph" ->
          graph(
              Parameters.parse(
                  path, rawQuery, Map.of("identity", MAX_IDENTITY, "profile", MAX_PROFILE_ID)));
      default ->
          throw ApiException.notFound(
              null,
              "path must name an endpoint (/api/overview, /api/policies, /api/search, /api/lookup,"
                  + " /api/profile/{id}, /api/explain, /api/events, /api/event-types, /api/graph),"
                  + " but was "
                  + Parameters.abbreviate(path));
    };
  }

  private static Map<String, Integer> with(Map<String, Integer> base, Object... more) {
    Map<String, Integer> out = new TreeMap<>(base);
    for (int i = 0; i < more.length; i += 2) {
      out.put((String) more[i], (Integer) more[i + 1]);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Profiles

  private String lookup(Parameters p) {
    MergePolicy policy = policy(p);
    Identity identity = identity(p.require("identity"), "identity");
    Profile profile =
        store
            .lookup(identity)
            .policy(policy.id())
            .fetch()
            .orElseThrow(() -> noProfile("identity", policy));
    return json.writeProfile(profile);
  }

  private String profileById(String profileId, Parameters p) {
    if (profileId.isEmpty() || profileId.length() > MAX_PROFILE_ID || profileId.contains("/")) {
      throw ApiException.badParameter(
          "id",
          "id must be a profile id of 1 to "
              + MAX_PROFILE_ID
              + " characters without '/', but was '"
              + Parameters.abbreviate(profileId)
              + "'");
    }
    MergePolicy policy = policy(p);
    Identity identity = byProfileId(profileId, policy);
    Profile profile =
        store
            .lookup(identity)
            .policy(policy.id())
            .fetch()
            .orElseThrow(() -> noProfile("id", policy));
    return json.writeProfile(profile);
  }

  private String explain(Parameters p) {
    MergePolicy policy = policy(p);
    Identity identity = subject(p, policy);
    String path = p.require("path");
    if (path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      throw ApiException.badParameter(
          "path",
          "path must be dot-separated non-empty segments, such as person.name.firstName, but was '"
              + Parameters.abbreviate(path)
              + "'");
    }
    Profile profile =
        store
            .lookup(identity)
            .policy(policy.id())
            .fetch()
            .orElseThrow(() -> noProfile(p.has("identity") ? "identity" : "profile", policy));
    Optional<Explanation> explanation;
    try {
      explanation = profile.explain(path);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("path", "path is not an attribute path: " + e.getMessage());
    }
    return json.writeExplanation(
        explanation.orElseThrow(
            () ->
                ApiException.notFound(
                    "path",
                    "path names no attribute of this profile under the policy "
                        + policy.id()
                        + ", but was '"
                        + Parameters.abbreviate(path)
                        + "'")));
  }

  private String events(Parameters p) {
    MergePolicy policy = policy(p);
    Identity identity = subject(p, policy);
    EventQuery query =
        store
            .events(identity)
            .policy(policy.id())
            .limit(p.integer("limit", 1, MAX_EVENT_LIMIT, 20));
    if (p.choice("order", Set.of("newest", "oldest"), "newest").equals("newest")) {
      query.newestFirst();
    }
    String[] types = types(p.get("type"));
    if (types.length > 0) {
      query.eventTypes(types);
    }
    if (p.has("from") || p.has("to")) {
      Instant from = instant(p, "from", Instant.EPOCH);
      Instant to = instant(p, "to", Instant.parse("9999-12-31T23:59:59Z"));
      if (to.isBefore(from)) {
        throw ApiException.badParameter("to", "to must not be before from, but was " + to);
      }
      query.between(from, to);
    }
    if (p.has("cursor") && p.has("start")) {
      throw ApiException.badParameter(
          "start", "start is another name for cursor; give one of them, but both were given");
    }
    String cursor = p.has("cursor") ? p.get("cursor") : p.get("start");
    if (cursor != null) {
      try {
        query.after(cursor);
      } catch (IllegalArgumentException e) {
        throw ApiException.badParameter(
            p.has("cursor") ? "cursor" : "start",
            "cursor must be the next cursor of an earlier events page, but was '"
                + Parameters.abbreviate(cursor)
                + "'");
      }
    }
    EventPage page = query.fetch();
    return json.writeEvents(page, linkBase(p));
  }

  /**
   * The next page's link: the endpoint and every parameter but the cursor and the subject ({@code
   * identity} or {@code profile}), which would put an identity value in a URL. A client sends its
   * query part, with the subject, in the {@link ViewerHandler#QUERY_HEADER} header.
   */
  private static String linkBase(Parameters p) {
    StringBuilder out = new StringBuilder("/api/events");
    char sep = '?';
    for (Map.Entry<String, String> e : new TreeMap<>(p.asMap()).entrySet()) {
      if (Set.of("cursor", "start", "identity", "profile").contains(e.getKey())
          || e.getValue().isEmpty()) {
        continue;
      }
      out.append(sep)
          .append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return out.toString();
  }

  private static String[] types(@Nullable String raw) {
    if (raw == null) {
      return new String[0];
    }
    Set<String> out = new TreeSet<>();
    for (String part : raw.split(",", -1)) {
      String type = part.strip();
      if (type.isEmpty()) {
        throw ApiException.badParameter(
            "type", "type must be event types separated by commas, but had an empty one");
      }
      out.add(type);
    }
    if (out.size() > MAX_EVENT_TYPES) {
      throw ApiException.badParameter(
          "type",
          "type must name at most " + MAX_EVENT_TYPES + " event types, but named " + out.size());
    }
    return out.toArray(new String[0]);
  }

  private static Instant instant(Parameters p, String name, Instant absent) {
    String raw = p.get(name);
    if (raw == null) {
      return absent;
    }
    Instant instant;
    try {
      instant = Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter(
          name,
          name
              + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, but was '"
              + Parameters.abbreviate(raw)
              + "'");
    }
    // The store's time is epoch milliseconds: about 292 million years either side of 1970.
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw ApiException.badParameter(
          name,
          name
              + " must be between "
              + EARLIEST
              + " and "
              + LATEST
              + ", but was '"
              + Parameters.abbreviate(raw)
              + "'");
    }
    return instant;
  }

  /**
   * Counts the event types among the profile's newest events (at most {@link EventQuery#MAX_LIMIT}
   * of them), for the timeline's type filter.
   */
  private String eventTypes(Parameters p) {
    MergePolicy policy = policy(p);
    Identity identity = subject(p, policy);
    EventPage page =
        store
            .events(identity)
            .policy(policy.id())
            .newestFirst()
            .limit(EventQuery.MAX_LIMIT)
            .fetch();
    Map<String, Integer> counts = new TreeMap<>();
    for (Event event : page.events()) {
      counts.merge(event.eventType(), 1, Integer::sum);
    }
    ObjectNode root = ViewerJson.object();
    ArrayNode types = root.putArray("eventTypes");
    counts.forEach((type, count) -> types.addObject().put("type", type).put("count", count));
    root.put("scanned", page.events().size());
    root.put("complete", page.next().isEmpty());
    return ViewerJson.write(root);
  }

  private String graph(Parameters p) {
    if (p.has("identity") == p.has("profile")) {
      throw bothOrNeither();
    }
    Optional<GraphView> graph;
    if (p.has("identity")) {
      graph = store.graph(identity(p.require("identity"), "identity"));
    } else {
      graph = store.graphByProfileId(p.require("profile"));
    }
    return json.writeGraph(
        graph.orElseThrow(
            () ->
                ApiException.notFound(
                    p.has("identity") ? "identity" : "profile",
                    (p.has("identity") ? "identity" : "profile")
                        + " names no identity graph in this store")));
  }

  // ---------------------------------------------------------------------------------------------
  // Shared parameters

  /** The policy named by {@code policy}, or the store's default. */
  MergePolicy policy(Parameters p) {
    String id = p.get("policy");
    if (id == null) {
      return store.defaultMergePolicy();
    }
    MergePolicy policy = store.mergePolicies().get(id);
    if (policy == null) {
      throw ApiException.badParameter(
          "policy",
          "policy must be one of "
              + new TreeSet<>(store.mergePolicies().keySet())
              + ", but was '"
              + Parameters.abbreviate(id)
              + "'");
    }
    return policy;
  }

  /**
   * The identity a request names: {@code identity=NAMESPACE:value} itself, or for {@code
   * profile=<id>} an identity of that graph: under whole-graph stitching any member will do (the
   * first in canonical order); under {@code NONE} stitching the first member in canonical order
   * that has data of its own.
   */
  Identity subject(Parameters p, MergePolicy policy) {
    if (p.has("identity") == p.has("profile")) {
      throw bothOrNeither();
    }
    String identity = p.get("identity");
    if (identity != null) {
      return identity(identity, "identity");
    }
    return byProfileId(p.require("profile"), policy);
  }

  private Identity byProfileId(String profileId, MergePolicy policy) {
    GraphView graph =
        store
            .graphByProfileId(profileId)
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "profile",
                        "profile names no profile in this store, but was '"
                            + Parameters.abbreviate(profileId)
                            + "'"));
    if (policy.stitching() == IdentityStitching.NONE) {
      for (Identity member : graph.members()) {
        if (store.lookup(member).policy(policy.id()).fetch().isPresent()) {
          return member;
        }
      }
    }
    return graph.members().get(0);
  }

  /**
   * Parses {@code NAMESPACE:value} and checks it against the store: an unknown namespace or a value
   * the namespace refuses is a bad request; an erased identity is simply not found.
   */
  Identity identity(String text, String parameter) {
    Identity identity;
    try {
      identity = Identity.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter(
          parameter,
          parameter
              + " must look like NAMESPACE:value, such as Email:jane@example.com, but has no"
              + " namespace before a colon");
    }
    Optional<DroppedIdentity> problem = store.identityGraph().problem(identity);
    if (problem.isPresent()) {
      DroppedIdentity d = problem.get();
      if (d.problem() == IdentityProblem.UNKNOWN_NAMESPACE) {
        throw new ApiException(
            400,
            "unknown_namespace",
            parameter,
            parameter
                + " must name a namespace the store registers ("
                + store.identityGraph().namespaces().stream()
                    .map(Namespace::code)
                    .collect(Collectors.joining(", "))
                + "), but named '"
                + Parameters.abbreviate(identity.namespace())
                + "'");
      }
      if (d.problem() != IdentityProblem.ERASED) {
        throw new ApiException(
            400,
            "invalid_identity",
            parameter,
            parameter + " is not a valid identity: " + d.problem() + ", " + d.detail());
      }
    }
    return identity;
  }

  private static ApiException bothOrNeither() {
    return ApiException.badParameter(
        "identity", "give exactly one of identity=NAMESPACE:value and profile=<profile id>");
  }

  private static ApiException noProfile(String parameter, MergePolicy policy) {
    return ApiException.notFound(
        parameter,
        parameter
            + " names no profile in this store under the policy "
            + policy.id()
            + (policy.stitching() == IdentityStitching.NONE
                ? " (NONE stitching: only the identity's own data counts)"
                : ""));
  }
}
