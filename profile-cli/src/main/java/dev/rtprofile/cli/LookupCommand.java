package dev.rtprofile.cli;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.Profile;
import dev.rtprofile.store.ProfileQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile lookup NS:VALUE}: the merged profile, or one attribute explained. */
@Command(
    name = "lookup",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the merged profile holding an identity, in the entities-API JSON shape; with"
          + " --explain, why one attribute has its value. Prints {} if no profile holds it."
    })
final class LookupCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "NS:VALUE",
      converter = IdentityConverter.class,
      description = "The identity to look up, such as Email:jane@example.com.")
  Identity identity;

  @Option(
      names = "--policy",
      paramLabel = "ID",
      description = "The merge policy. Default: the store's default.")
  @Nullable String policy;

  @Option(
      names = "--fields",
      paramLabel = "PATH",
      split = ",",
      description = "Only these attribute paths and those below them, such as person.name.")
  List<String> fields = new ArrayList<>();

  @Option(
      names = "--explain",
      paramLabel = "PATH",
      description = "Explains one leaf attribute: the winning value, its source and the losers.")
  @Nullable String explain;

  @Override
  public Integer call() {
    try (Session session = Session.open(store)) {
      return run(session);
    }
  }

  private Integer run(Session session) {
    session.checkPolicy(policy);
    session.checkIdentity(identity, "NS:VALUE");
    ProfileQuery query = session.store().lookup(identity);
    if (policy != null) {
      query.policy(policy);
    }
    if (!fields.isEmpty()) {
      try {
        query.fields(fields.toArray(String[]::new));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--fields: " + e.getMessage(), e);
      }
    }
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    Optional<Profile> found = query.fetch();
    if (found.isEmpty()) {
      root.err().println("rtprofile lookup: no profile holds " + identity.toText());
      if (output.format(Format.JSON) == Format.JSON) {
        CliJson.print(root.out(), CliJson.object(), output.pretty);
      }
      return ExitCode.OK;
    }
    Profile profile = found.get();
    ProfileJson json = ProfileJson.defaults();
    if (explain != null) {
      Explanation why =
          profile
              .explain(explain)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--explain "
                              + explain
                              + ": the profile has no value at that path; its paths are "
                              + profile.attributes().keySet()));
      switch (output.format(Format.JSON)) {
        case JSON ->
            CliJson.print(root.out(), CliJson.parse(json.writeExplanation(why)), output.pretty);
        case TABLE, TEXT -> ProfileText.explanation(root.out(), why, "");
      }
      return ExitCode.OK;
    }
    switch (output.format(Format.JSON)) {
      case JSON ->
          CliJson.print(root.out(), CliJson.parse(json.writeProfile(profile)), output.pretty);
      case TABLE -> ProfileText.table(root.out(), profile);
      case TEXT -> ProfileText.profile(root.out(), profile, "");
    }
    return ExitCode.OK;
  }
}
