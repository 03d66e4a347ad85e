package dev.rtprofile.cli;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityView;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.json.ProfileJson;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rtprofile graph NS:VALUE}: the identity graph holding an identity, with evidence. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the identity graph holding an identity: its identities, the links between them"
          + " with first/last seen and datasets, and the links the rules removed. Prints {} if"
          + " no graph holds it."
    })
final class GraphCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin StoreOptions store;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      paramLabel = "NS:VALUE",
      converter = IdentityConverter.class,
      description = "An identity of the graph, such as CRMID:c-000042.")
  Identity identity;

  @Override
  public Integer call() {
    try (Session session = Session.open(store)) {
      return run(session);
    }
  }

  private Integer run(Session session) {
    session.checkIdentity(identity, "NS:VALUE");
    Session.checkStrict(store.strict, session.ingest(root.progress()));
    Optional<GraphView> found = session.store().graph(identity);
    if (found.isEmpty()) {
      root.err().println("rtprofile graph: no graph holds " + identity.toText());
      if (output.format(Format.JSON) == Format.JSON) {
        CliJson.print(root.out(), CliJson.object(), output.pretty);
      }
      return ExitCode.OK;
    }
    GraphView graph = found.get();
    switch (output.format(Format.JSON)) {
      case JSON ->
          CliJson.print(
              root.out(), CliJson.parse(ProfileJson.defaults().writeGraph(graph)), output.pretty);
      case TABLE -> table(root.out(), graph);
      case TEXT -> text(root.out(), graph, "");
    }
    return ExitCode.OK;
  }

  static void table(PrintStream out, GraphView graph) {
    Table identities = new Table("identity", "type", "firstSeen", "lastSeen", "datasets");
    for (IdentityView i : graph.identities()) {
      identities.row(
          i.identity().toText(),
          i.type(),
          Text.time(i.firstSeen()),
          Text.time(i.lastSeen()),
          String.join(",", i.datasets()));
    }
    identities.print(out);
    out.println();
    Table links = new Table("from", "to", "firstSeen", "lastSeen", "datasets", "status");
    for (LinkView l : graph.links()) {
      addLink(links, l);
    }
    for (LinkView l : graph.removedLinks()) {
      addLink(links, l);
    }
    links.print(out);
  }

  private static void addLink(Table table, LinkView l) {
    table.row(
        l.from().toText(),
        l.to().toText(),
        Text.time(l.firstSeen()),
        Text.time(l.lastSeen()),
        String.join(",", l.datasets()),
        l.status());
  }

  static void text(PrintStream out, GraphView graph, String indent) {
    out.println(indent + "graph " + graph.profileId() + ": " + graph.size() + " identities");
    for (IdentityView i : graph.identities()) {
      out.println(
          indent
              + "  "
              + i.identity().toText()
              + "  "
              + i.type()
              + ", seen "
              + Text.time(i.firstSeen())
              + " .. "
              + Text.time(i.lastSeen())
              + " in "
              + String.join(", ", i.datasets()));
    }
    for (LinkView l : graph.links()) {
      out.println(indent + "  link     " + link(l));
    }
    for (LinkView l : graph.removedLinks()) {
      out.println(indent + "  removed  " + link(l) + "  [" + l.status() + "]");
    }
  }

  static String link(LinkView l) {
    return l.from().toText()
        + " - "
        + l.to().toText()
        + "  ("
        + String.join(", ", l.datasets())
        + ", "
        + Text.time(l.firstSeen())
        + " .. "
        + Text.time(l.lastSeen())
        + ")";
  }
}
