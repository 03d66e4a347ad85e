package dev.rtprofile.cli;

import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.StoreStatistics;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ObjectNode;

/** {@code rtprofile stats}: the store statistics. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the store statistics: profiles, fragments, events, identities by namespace,"
          + " profiles by namespace, the graph-size histogram and graphs holding two values of"
          + " one namespace."
    })
final class StatsCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    try (Session session = Session.open(store)) {
      return run(session);
    }
  }

  private Integer run(Session session) {
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    ProfileStore s = session.store();
    switch (output.format(Format.JSON)) {
      case JSON -> CliJson.print(root.out(), json(s), output.pretty);
      case TABLE, TEXT -> text(root.out(), s.statistics(), s.profileCountsByNamespace(), "");
    }
    return ExitCode.OK;
  }

  static ObjectNode json(ProfileStore store) {
    StoreStatistics stats = store.statistics();
    ObjectNode root = CliJson.object();
    root.put("profiles", stats.profiles());
    root.put("fragments", stats.fragments());
    root.put("events", stats.events());
    root.put("identities", stats.graph().identities());
    root.put("links", stats.graph().links());
    root.put("removedLinks", stats.graph().removedLinks());
    ObjectNode byNamespace = root.putObject("identitiesByNamespace");
    stats.graph().identitiesByNamespace().forEach(byNamespace::put);
    ObjectNode profiles = root.putObject("profilesByNamespace");
    store.profileCountsByNamespace().forEach(profiles::put);
    ObjectNode sizes = root.putObject("graphSizeHistogram");
    stats.graph().sizeHistogram().forEach((size, n) -> sizes.put(String.valueOf(size), n));
    ObjectNode multiple = root.putObject("graphsWithMultipleValues");
    stats.graph().graphsWithMultipleValues().forEach(multiple::put);
    return root;
  }

  static void text(
      PrintStream out, StoreStatistics stats, Map<String, Long> profilesByNamespace, String in) {
    out.println(
        in
            + Text.count(stats.profiles())
            + " profiles, "
            + Text.count(stats.fragments())
            + " fragments, "
            + Text.count(stats.events())
            + " events, "
            + Text.count(stats.graph().identities())
            + " identities, "
            + Text.count(stats.graph().links())
            + " links ("
            + Text.count(stats.graph().removedLinks())
            + " removed by the rules)");
    Table table = new Table("namespace", "identities", "profiles");
    for (Map.Entry<String, Integer> e : stats.graph().identitiesByNamespace().entrySet()) {
      table.row(
          e.getKey(),
          Text.count(e.getValue()),
          Text.count(profilesByNamespace.getOrDefault(e.getKey(), 0L)));
    }
    table.print(out, in + "  ");
    out.println(in + "graph sizes (identities per profile):");
    histogram(out, stats.graph().sizeHistogram(), in + "  ");
    if (!stats.graph().graphsWithMultipleValues().isEmpty()) {
      out.println(
          in
              + "graphs holding two values of one namespace: "
              + stats.graph().graphsWithMultipleValues());
    }
  }

  /** A bar per size, scaled to the largest count, on a log scale so that the tail shows. */
  static void histogram(PrintStream out, Map<Integer, Integer> sizes, String indent) {
    int max = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    Table table = new Table("size", "graphs", "");
    for (Map.Entry<Integer, Integer> e : sizes.entrySet()) {
      int bar = (int) Math.ceil(30 * Math.log1p(e.getValue()) / Math.log1p(max));
      table.row(e.getKey(), Text.count(e.getValue()), "#".repeat(bar));
    }
    table.print(out, indent);
  }
}
