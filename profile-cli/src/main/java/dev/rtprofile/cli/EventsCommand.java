package dev.rtprofile.cli;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.EventQuery;
import dev.rtprofile.store.IdentityRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile events NS:VALUE}: a page of the profile's experience events. */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a page of the experience events of the profile holding an identity, oldest first,"
          + " in the entities-API JSON shape; _page.next continues with --after."
    })
final class EventsCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "NS:VALUE",
      converter = IdentityConverter.class,
      description = "An identity of the profile, such as ECID:<38 digits>.")
  Identity identity;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description = "Only events at or after this time (ISO-8601, or a UTC date).")
  @Nullable Instant from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description = "Only events before this time.")
  @Nullable Instant to;

  @Option(names = "--newest-first", description = "Newest first. Default: oldest first.")
  boolean newestFirst;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Events per page, 1 to 10000. Default: ${DEFAULT-VALUE}.")
  int limit = 100;

  @Option(
      names = "--type",
      paramLabel = "EVENT_TYPE",
      split = ",",
      description = "Only events of these types, such as web.login.")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "Continues after a page: the _page.next of the previous output.")
  @Nullable String after;

  @Option(
      names = "--policy",
      paramLabel = "ID",
      description = "The merge policy whose stitching decides whose events count.")
  @Nullable String policy;

  @Override
  public Integer call() {
    try (Session session = Session.open(store)) {
      return run(session);
    }
  }

  private Integer run(Session session) {
    session.checkPolicy(policy);
    session.checkIdentity(identity, "NS:VALUE");
    EventQuery query = session.store().events(identity);
    Args.check("--limit", () -> query.limit(limit));
    if (from != null || to != null) {
      Instant start = from == null ? Instant.ofEpochMilli(Long.MIN_VALUE) : from;
      Instant end = to == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : to;
      Args.check("--from/--to", () -> query.between(start, end));
    }
    if (newestFirst) {
      query.newestFirst();
    }
    if (!types.isEmpty()) {
      if (types.stream().anyMatch(String::isBlank)) {
        throw new UsageException(
            "--type must list event types, such as web.login, but one was empty");
      }
      query.eventTypes(types.toArray(String[]::new));
    }
    if (after != null) {
      String cursor = after;
      Args.check("--after", () -> query.after(cursor));
    }
    if (policy != null) {
      query.policy(policy);
    }
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    EventPage page = query.fetch();
    switch (output.format(Format.JSON)) {
      case JSON -> {
        String profileId =
            session.store().identityGraph().profileId(identity).orElse(identity.toText());
        String json =
            ProfileJson.defaults()
                .writeEvents(
                    page,
                    "/entities?schema.name=_xdm.context.experienceevent&relatedEntityId="
                        + profileId);
        CliJson.print(root.out(), CliJson.parse(json), output.pretty);
      }
      case TABLE -> {
        Table table = new Table("timestamp", "eventType", "dataset", "id", "identities");
        for (Event e : page.events()) {
          table.row(Text.time(e.timestamp()), e.eventType(), e.dataset(), e.id(), identities(e));
        }
        table.print(root.out());
        page.next().ifPresent(next -> root.out().println("next page: --after " + next));
      }
      case TEXT -> {
        for (Event e : page.events()) {
          root.out()
              .println(
                  Text.time(e.timestamp())
                      + "  "
                      + e.eventType()
                      + "  ("
                      + e.dataset()
                      + " "
                      + e.id()
                      + ")  "
                      + identities(e));
        }
        page.next().ifPresent(next -> root.out().println("next page: --after " + next));
      }
    }
    return ExitCode.OK;
  }

  private static String identities(Event e) {
    return e.identities().stream()
        .map(IdentityRef::identity)
        .map(Identity::toText)
        .collect(Collectors.joining(", "));
  }
}
