package dev.rtprofile.cli;

import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Condition;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileSearch;
import dev.rtprofile.store.SearchPage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rtprofile search}: profiles matching conditions on merged attributes. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Finds profiles whose merged attributes match every --where condition; prints the total,"
          + " one page of profiles in the entities-API shape and the cursor of the next page."
    })
final class SearchCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Option(
      names = "--where",
      paramLabel = "CONDITION",
      description = {
        "PATH=VALUE, or with !=, <, <=, >, >=, ^= (starts with), ~= (array contains);"
            + " PATH=* (exists), PATH!=* (missing), NS:VALUE (holds the identity); the viewer's"
            + " search box syntax. Repeatable, all must hold. Numbers, instants and true/false"
            + " are typed; \"quotes\" force a string."
      })
  List<String> where = new ArrayList<>();

  @Option(
      names = "--sort",
      paramLabel = "PATH[:asc|:desc]",
      description = "Sorts by a merged attribute, missing values last. Default: by profile id.")
  @Nullable String sort;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Profiles per page, 1 to 10000. Default: ${DEFAULT-VALUE}.")
  int limit = 20;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Continues after a page: the next of the previous output.")
  @Nullable String after;

  @Option(names = "--policy", paramLabel = "ID", description = "The merge policy to search under.")
  @Nullable String policy;

  @Override
  public Integer call() {
    try (Session session = Session.open(store)) {
      return run(session);
    }
  }

  private Integer run(Session session) {
    session.checkPolicy(policy);
    List<Condition> conditions = where.stream().map(SearchCommand::condition).toList();
    ProfileSearch search = session.store().search();
    conditions.forEach(search::where);
    Set<String> columns = new LinkedHashSet<>();
    conditions.forEach(c -> columns.addAll(c.paths()));
    if (sort != null) {
      String path = sort;
      boolean descending = false;
      if (path.endsWith(":desc") || path.endsWith(":asc")) {
        descending = path.endsWith(":desc");
        path = path.substring(0, path.lastIndexOf(':'));
      }
      String sortPath = path;
      if (descending) {
        Args.check("--sort", () -> search.sortByDescending(sortPath));
      } else {
        Args.check("--sort", () -> search.sortBy(sortPath));
      }
      columns.add(sortPath);
    }
    Args.check("--limit", () -> search.limit(limit));
    if (after != null) {
      String cursor = after;
      Args.check("--after", () -> search.after(cursor));
    }
    if (policy != null) {
      search.policy(policy);
    }
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    SearchPage page;
    long total;
    try {
      page = search.fetchPage();
      total = search.count();
    } catch (IllegalArgumentException e) {
      throw new UsageException("--where: " + e.getMessage(), e);
    }
    switch (output.format(Format.JSON)) {
      case JSON -> {
        ObjectNode result = CliJson.object();
        result.put("total", total);
        ArrayNode profiles = result.putArray("profiles");
        ProfileJson json = ProfileJson.defaults();
        for (Profile p : page.profiles()) {
          JsonNode wrapped = CliJson.parse(json.writeProfile(p));
          profiles.add(wrapped.get(p.profileId()));
        }
        if (page.nextCursor() == null) {
          result.putNull("next");
        } else {
          result.put("next", page.nextCursor());
        }
        CliJson.print(root.out(), result, output.pretty);
      }
      case TABLE, TEXT -> {
        List<String> header = new ArrayList<>(List.of("profileId", "primaryIdentity"));
        header.addAll(columns);
        Table table = new Table(header.toArray(String[]::new));
        for (Profile p : page.profiles()) {
          List<Object> row = new ArrayList<>(List.of(p.profileId(), p.primaryIdentity().toText()));
          for (String column : columns) {
            row.add(p.get(column).map(Text::value).orElse(null));
          }
          table.row(row.toArray());
        }
        table.print(root.out());
        root.out()
            .println(
                Text.count(total)
                    + (total == 1 ? " profile matches" : " profiles match")
                    + page.next().map(n -> "; next page: --after " + n).orElse(""));
      }
    }
    return ExitCode.OK;
  }

  /**
   * One {@code --where} value in the library's condition syntax ({@link Condition#parse}).
   *
   * @throws UsageException naming {@code --where} with the library's message if it is not one
   */
  static Condition condition(String text) {
    try {
      return Condition.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--where: " + e.getMessage(), e);
    }
  }
}
