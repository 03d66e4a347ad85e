package dev.rtprofile.cli;

import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.IdentityValidator;
import dev.rtprofile.identity.Namespace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code rtprofile simulate}: the identity-graph simulator. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "The identity-graph simulator: links the identities of each input line under the given"
          + " rules and prints the resulting graphs and every asserted link they do not hold.",
      "",
      "Input, one step per line, run in the order of the tN labels:",
      "  t1: CRMID:tom, ECID:111          identities seen together",
      "  t3 dataset=crm: CRMID:tom, ...   the same, asserted by dataset crm",
      "  t5: DELETE identity ECID:111     deletes an identity and its links",
      "  t6: DELETE dataset crm           deletes the links only crm asserted",
      "Blank lines and lines starting with # are skipped.",
      ""
    })
final class SimulateCommand implements Callable<Integer> {
  @ParentCommand Rtprofile root;
  @Mixin OutputOptions output;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE|-",
      description = "The script; - or nothing reads standard input.")
  @Nullable String file;

  @Option(
      names = "--unique",
      paramLabel = "NS",
      description = "A unique namespace: a graph holds at most one value of it. Repeatable.")
  List<String> unique = new ArrayList<>();

  @Option(
      names = "--priority",
      paramLabel = "NS1,NS2,...",
      split = ",",
      description = "The namespace priority, highest first; person namespaces before devices.")
  List<String> priority = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "The graph limit: the most identities one graph may hold. Default: 50.")
  @Nullable Integer limit;

  @Option(
      names = "--namespace",
      paramLabel = "CODE=TYPE",
      description = {
        "A custom namespace, repeatable; CRMID is registered as CROSS_DEVICE unless given."
            + " Types: COOKIE, DEVICE, CROSS_DEVICE, EMAIL, PHONE, NON_PEOPLE, PARTNER."
      })
  Map<String, IdentityType> namespaces = new LinkedHashMap<>();

  @Option(
      names = "--no-validation",
      description = "Accepts placeholder values such as ECID:111 (ECIDs are otherwise 38 digits).")
  boolean noValidation;

  @Override
  public Integer call() throws IOException {
    MutableIdentityGraph graph = graph();
    String script;
    if (file == null || file.equals("-")) {
      script = new String(root.in().readAllBytes(), StandardCharsets.UTF_8);
    } else {
      script = Session.readText(Path.of(file), "FILE");
    }
    List<SimulationScript.Step> steps = SimulationScript.parse(script);
    List<String> notes = new ArrayList<>();
    Simulator.Result result = new Simulator(graph, notes::add).run(steps);
    notes.forEach(note -> root.err().println("rtprofile simulate: " + note));
    switch (output.format(Format.JSON)) {
      case JSON -> CliJson.print(root.out(), json(result), output.pretty);
      case TABLE, TEXT -> text(root.out(), result);
    }
    return ExitCode.OK;
  }

  private MutableIdentityGraph graph() {
    IdentityGraph.Builder builder = IdentityGraph.builder();
    Map<String, IdentityType> all = new LinkedHashMap<>();
    if (namespaces.keySet().stream().noneMatch(code -> code.equalsIgnoreCase("CRMID"))) {
      all.put("CRMID", IdentityType.CROSS_DEVICE);
    }
    all.putAll(namespaces);
    all.forEach((code, type) -> builder.namespace(Simulator.namespace(code, type)));
    if (noValidation) {
      for (Namespace standard : Namespace.standardCatalogue()) {
        builder.namespace(standard.withValidator(IdentityValidator.any()));
      }
    }
    if (limit != null) {
      int graphLimit = limit;
      Args.check("--limit", () -> builder.graphLimit(graphLimit));
    }
    LinkingRules.Builder rules = LinkingRules.builder();
    rules.unique(unique.toArray(String[]::new));
    rules.priority(priority.toArray(String[]::new));
    Args.check("--unique", () -> builder.linkingRules(rules.build()));
    try {
      return builder.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageException(
          "--unique/--priority/--namespace: "
              + e.getMessage()
              + "; declare custom namespaces with --namespace CODE=TYPE",
          e);
    }
  }

  static ObjectNode json(Simulator.Result result) {
    ObjectNode root = CliJson.object();
    ArrayNode graphs = root.putArray("graphs");
    for (Simulator.Graph g : result.graphs()) {
      ArrayNode identities = graphs.addArray();
      g.identities().forEach(identities::add);
    }
    ArrayNode removed = root.putArray("removedLinks");
    for (Simulator.Removed r : result.removed()) {
      ArrayNode pair = removed.addArray();
      r.link().pair().forEach(pair::add);
    }
    return root;
  }

  static void text(PrintStream out, Simulator.Result result) {
    out.println(
        result.graphs().size()
            + (result.graphs().size() == 1 ? " graph, " : " graphs, ")
            + result.removed().size()
            + (result.removed().size() == 1 ? " removed link" : " removed links"));
    int n = 0;
    for (Simulator.Graph g : result.graphs()) {
      out.println();
      out.println("graph " + ++n + ": " + String.join(", ", g.identities()));
      for (Simulator.Link link : g.links()) {
        out.println("  " + link(link));
      }
    }
    if (!result.removed().isEmpty()) {
      out.println();
      out.println("removed links:");
      for (Simulator.Removed r : result.removed()) {
        out.println("  " + link(r.link()) + "  " + r.reason());
      }
    }
  }

  private static String link(Simulator.Link link) {
    String seen =
        link.firstSeen() == link.lastSeen()
            ? "t" + link.firstSeen()
            : "t" + link.firstSeen() + "..t" + link.lastSeen();
    return link.pair().get(0) + " --- " + link.pair().get(1) + "  (" + seen + ")";
  }
}
