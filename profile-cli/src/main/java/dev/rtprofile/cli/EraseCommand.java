package dev.rtprofile.cli;

import dev.rtprofile.graph.DroppedIdentity;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.json.StoreConfiguration;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.StorageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rtprofile erase --store DIR NS:VALUE...}: erases identities from a durable store for a
 * privacy request, all in one batch, and returns once no file of the directory holds their values
 * (the library purges the journal and snapshots before the batch returns). The values are personal
 * data: neither the output nor any message repeats one; arguments are named by position and
 * namespace, and the result is counts.
 */
@Command(
    name = "erase",
    mixinStandardHelpOptions = true,
    description = {
      "Erases identities from the durable store in --store DIR for a privacy request: each"
          + " identity, its links, the data stored under it and copies of its value elsewhere in"
          + " its profile and events; a salted hash on the deny list keeps later data (ingesting"
          + " the same files again) from bringing it back. Returns once no file in DIR holds the"
          + " values. Prints counts, never the values."
    })
final class EraseCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin OutputOptions output;

  @Option(
      names = "--store",
      required = true,
      paramLabel = "DIR",
      description = "The durable store to erase from.")
  Path store;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The store configuration file. Default: DIR/config.json.")
  @Nullable Path config;

  @Parameters(
      index = "0..*",
      arity = "1..*",
      paramLabel = "NS:VALUE",
      description = "The identities to erase, such as Email:jane@example.com.")
  List<String> identities = new ArrayList<>();

  @Override
  public Integer call() {
    List<Identity> parsed = new ArrayList<>();
    for (int i = 0; i < identities.size(); i++) {
      parsed.add(parse(identities.get(i), i + 1));
    }
    StoreDirectory.requireStore(store);
    StoreConfiguration configuration = configuration();
    ProfileStore s =
        StoreDirectory.open(
            configuration == null ? ProfileStore.builder() : configuration.storeBuilder(),
            store,
            false,
            DurabilityOption.EVERY.durability());
    int held = 0;
    Set<Identity> distinct = new LinkedHashSet<>();
    try {
      for (int i = 0; i < parsed.size(); i++) {
        Identity identity = parsed.get(i);
        check(s, identity, i + 1);
        Identity canonical = s.identityGraph().canonical(identity).orElse(identity);
        if (distinct.add(canonical) && s.identityGraph().contains(identity)) {
          held++;
        }
      }
      s.batch(() -> parsed.forEach(s::erase));
      s.close();
    } catch (StorageException e) {
      throw new UsageException(
          "--store "
              + store
              + ": "
              + e.getMessage()
              + "; run the same erase again: it completes the purge",
          e);
    } finally {
      try {
        s.close();
      } catch (StorageException ignored) {
        // The failure that matters was reported above.
      }
    }
    switch (output.format(Format.JSON)) {
      case JSON -> {
        ObjectNode doc = CliJson.object();
        doc.put("erased", distinct.size());
        doc.put("held", held);
        doc.put("directory", store.toString());
        CliJson.print(root.out(), doc, output.pretty);
      }
      case TABLE, TEXT ->
          root.out()
              .println(
                  "erased "
                      + Text.count(distinct.size())
                      + (distinct.size() == 1 ? " identity" : " identities")
                      + " ("
                      + Text.count(held)
                      + " held by the store) from "
                      + store
                      + "; no file there holds their values, and the deny list keeps them out");
    }
    return ExitCode.OK;
  }

  /** The configuration: {@code --config}, else {@code DIR/config.json}, else none (defaults). */
  private @Nullable StoreConfiguration configuration() {
    if (config != null) {
      return Session.configuration(config, "--config");
    }
    return StoreDirectory.configuration(store)
        .map(file -> Session.configuration(file, "--store " + store + ": its configuration"))
        .orElse(null);
  }

  /**
   * Reads one {@code NS:VALUE} argument.
   *
   * @throws UsageException naming the argument by position, never quoting it
   */
  private static Identity parse(String text, int position) {
    int colon = text.indexOf(':');
    if (colon <= 0 || text.substring(0, colon).isBlank() || colon == text.length() - 1) {
      throw new UsageException(
          "NS:VALUE argument "
              + position
              + " must look like NAMESPACE:VALUE, such as Email:jane@example.com");
    }
    return Identity.parse(text);
  }

  /**
   * Checks that the store can hold an identity; an erased or blocked one is fine (erasing it again
   * changes nothing but is what was asked).
   *
   * @throws UsageException naming the argument by position and its namespace, never its value
   */
  private void check(ProfileStore s, Identity identity, int position) {
    Optional<DroppedIdentity> problem = s.identityGraph().problem(identity);
    if (problem.isEmpty()
        || problem.get().problem() == IdentityProblem.ERASED
        || problem.get().problem() == IdentityProblem.BLOCKED) {
      return;
    }
    DroppedIdentity p = problem.get();
    String what =
        p.problem() == IdentityProblem.UNKNOWN_NAMESPACE
            ? "unknown namespace '"
                + identity.namespace()
                + "'; register custom namespaces in the configuration's namespaces"
            : "not a valid "
                + identity.namespace()
                + " identity: "
                + p.problem()
                + " ("
                + p.detail()
                + ")";
    throw new UsageException("NS:VALUE argument " + position + ": " + what);
  }
}
