package dev.rtprofile.viewer;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Condition;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileSearch;
import dev.rtprofile.store.SearchPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/**
 * {@code /api/search}: the search box. An empty {@code q} browses the deterministic sample (the
 * first page of all profiles in id order), {@code NAMESPACE:value} looks one identity up, and
 * conditions search (the library's condition syntax, {@link Condition#parse}); a lone identity
 * condition is looked up. Answers {@code {"mode", "query", "policy", "conditions", "plan",
 * "columns", "profiles": [{"profileId", "primaryIdentity", "identityCount", "namespaces",
 * "attributes"}], "next"}}.
 */
final class SearchEndpoint {
  /** How many attribute columns a result table shows. */
  static final int COLUMNS = 4;

  /** The most conditions one search may hold. */
  static final int MAX_CONDITIONS = 20;

  private final Api api;

  SearchEndpoint(Api api) {
    this.api = api;
  }

  String search(Parameters p) {
    MergePolicy policy = api.policy(p);
    String q = p.get("q");
    List<Condition> parsed = conditions(q == null ? "" : q);
    int limit = p.integer("limit", 1, Api.MAX_SEARCH_LIMIT, 20);
    ObjectNode root = ViewerJson.object();
    root.put("query", q == null ? "" : q);
    root.put("policy", policy.id());
    @Nullable Identity identity = parsed.size() == 1 ? parsed.get(0).identity().orElse(null) : null;
    List<Condition> conditions = identity == null ? parsed : List.of();
    List<Profile> profiles;
    @Nullable String next = null;
    LinkedHashSet<String> named = new LinkedHashSet<>();
    conditions.forEach(c -> named.addAll(c.paths()));
    List<String> wanted = new ArrayList<>(named);
    if (identity != null) {
      root.put("mode", "lookup");
      if (p.has("cursor") || p.has("sort")) {
        throw ApiException.badParameter(
            p.has("cursor") ? "cursor" : "sort",
            "an identity lookup has one result; cursor and sort go with conditions only");
      }
      Identity checked = api.identity(identity.toText(), "q");
      profiles = api.store().lookup(checked).policy(policy.id()).fetch().stream().toList();
    } else {
      root.put("mode", conditions.isEmpty() ? "sample" : "search");
      ProfileSearch search = api.store().search().policy(policy.id()).limit(limit);
      conditions.forEach(search::where);
      String sort = p.get("sort");
      if (sort != null) {
        boolean descending = sort.startsWith("-");
        String path = descending ? sort.substring(1) : sort;
        try {
          if (descending) {
            search.sortByDescending(path);
          } else {
            search.sortBy(path);
          }
        } catch (IllegalArgumentException e) {
          throw ApiException.badParameter(
              "sort",
              "sort must be an attribute path, with a leading - for descending, but was '"
                  + Parameters.abbreviate(sort)
                  + "'");
        }
        wanted.remove(path);
        wanted.add(0, path);
      }
      String cursor = p.get("cursor");
      if (cursor != null) {
        try {
          search.after(cursor);
        } catch (IllegalArgumentException e) {
          throw ApiException.badParameter(
              "cursor",
              "cursor must be the next cursor of an earlier page of this search, but was '"
                  + Parameters.abbreviate(cursor)
                  + "'");
        }
      }
      SearchPage page;
      try {
        page = search.fetchPage();
      } catch (IllegalArgumentException e) {
        throw ApiException.badParameter("q", "q cannot be searched: " + e.getMessage());
      }
      profiles = page.profiles();
      next = page.nextCursor();
      if (!conditions.isEmpty()) {
        root.put("plan", search.explain());
      }
    }
    ArrayNode conditionNodes = root.putArray("conditions");
    for (Condition c : conditions) {
      conditionNodes.add(c.toString());
    }
    List<String> columns = columns(wanted, profiles);
    ArrayNode columnNodes = root.putArray("columns");
    columns.forEach(columnNodes::add);
    ArrayNode rows = root.putArray("profiles");
    for (Profile profile : profiles) {
      rows.add(row(profile, columns));
    }
    if (next == null) {
      root.putNull("next");
    } else {
      root.put("next", next);
    }
    return ViewerJson.write(root);
  }

  /**
   * The conditions of the search box in the library's syntax ({@link Condition#parse}), none for a
   * blank box (the browse sample).
   *
   * @throws ApiException naming {@code q} with the library's message if the text is not conditions
   */
  static List<Condition> conditions(String q) {
    if (q.isBlank()) {
      return List.of();
    }
    List<Condition> conditions;
    try {
      conditions = Condition.parseAll(q);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("q", e.getMessage());
    }
    if (conditions.size() > MAX_CONDITIONS) {
      throw ApiException.badParameter(
          "q",
          "q must hold at most " + MAX_CONDITIONS + " conditions, but held " + conditions.size());
    }
    return conditions;
  }

  private static ObjectNode row(Profile profile, List<String> columns) {
    ObjectNode row = ViewerJson.object();
    row.put("profileId", profile.profileId());
    row.set("primaryIdentity", ViewerJson.identity(profile.primaryIdentity()));
    row.put("identityCount", profile.identities().size());
    ObjectNode namespaces = row.putObject("namespaces");
    Map<String, Integer> counts = new TreeMap<>();
    profile.identities().forEach(i -> counts.merge(i.namespace(), 1, Integer::sum));
    counts.forEach(namespaces::put);
    ObjectNode attributes = row.putObject("attributes");
    Map<String, Object> all = profile.attributes();
    for (String column : columns) {
      Object value = all.get(column);
      if (value != null) {
        attributes.putRawValue(column, new RawValue(ProfileJson.writeValue(value)));
      }
    }
    return row;
  }

  /**
   * The attribute columns: the paths the query names, then the paths most of the page's profiles
   * hold (ties by name), up to {@link #COLUMNS}.
   */
  static List<String> columns(List<String> wanted, List<Profile> profiles) {
    LinkedHashSet<String> out = new LinkedHashSet<>(wanted);
    Map<String, Integer> frequency = new HashMap<>();
    for (Profile profile : profiles) {
      for (String path : profile.attributes().keySet()) {
        frequency.merge(path, 1, Integer::sum);
      }
    }
    frequency.entrySet().stream()
        .sorted(
            Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
                .thenComparing(Map.Entry::getKey))
        .map(Map.Entry::getKey)
        .forEach(
            path -> {
              if (out.size() < COLUMNS) {
                out.add(path);
              }
            });
    return List.copyOf(out);
  }
}
