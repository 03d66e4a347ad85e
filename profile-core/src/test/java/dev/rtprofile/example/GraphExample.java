package dev.rtprofile.example;

import dev.rtprofile.graph.GraphStatistics;
import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityGraph;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.graph.MutableIdentityGraph;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.io.PrintStream;
import java.time.Instant;

/**
 * The README's first command: builds an identity graph from a few records of ARCHITECTURE §2's
 * shared-device story and prints the unified graphs, the link the rules removed and why, then an
 * un-merge and an erasure. Run with {@code mvn -B -q -pl profile-core test-compile exec:java}.
 */
public final class GraphExample {
  private static final PrintStream OUT = System.out;

  private GraphExample() {}

  /** Runs the example. */
  public static void main(String[] args) {
    MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
            .linkingRules(
                LinkingRules.builder().unique("CRMID").priority("CRMID", "loginID", "ECID").build())
            .build();
    String device111 = "1".repeat(38);
    String device222 = "2".repeat(38);

    OUT.println("Tom logs in on his laptop (ECID ...111), then Summer logs in on it too.");
    link(graph, 1, "CRMID:Tom", "loginID:A");
    link(graph, 2, "CRMID:Tom", "loginID:B");
    link(graph, 3, "loginID:A", "ECID:" + device111);
    link(graph, 4, "CRMID:Summer", "loginID:C");
    link(graph, 5, "CRMID:Summer", "loginID:D");
    link(graph, 6, "loginID:C", "ECID:" + device222);
    link(graph, 7, "loginID:C", "ECID:" + device111);

    print(graph.graph(Identity.of("CRMID", "Tom")).orElseThrow());
    print(graph.graph(Identity.of("crmid", "Summer")).orElseThrow());

    OUT.println();
    OUT.println("What would Tom logging in on the laptop again do? (dry run, nothing changes)");
    graph
        .dryRun("web", at(8), java.util.List.of(id("loginID:A"), id("ECID:" + device111)))
        .graphsAfter()
        .forEach(g -> OUT.println("  would form " + texts(g)));

    OUT.println();
    OUT.println("Un-merge: unlink Summer's login C from the laptop.");
    graph.unlink(id("loginID:C"), id("ECID:" + device111));
    print(graph.graph(id("ECID:" + device111)).orElseThrow());

    OUT.println();
    OUT.println("Privacy request: erase loginID:D; replaying its record cannot bring it back.");
    graph.erase(id("loginID:D"));
    OUT.println(
        "  replayed record drops: "
            + link(graph, 5, "CRMID:Summer", "loginID:D").dropped().get(0).problem());
    print(graph.graph(id("CRMID:Summer")).orElseThrow());

    GraphStatistics stats = graph.statistics();
    OUT.println();
    OUT.println(
        "Statistics: "
            + stats.graphs()
            + " graphs, "
            + stats.identities()
            + " identities "
            + stats.identitiesByNamespace()
            + ", sizes "
            + stats.sizeHistogram());
  }

  private static Identity id(String text) {
    return Identity.parse(text);
  }

  private static dev.rtprofile.graph.LinkResult link(
      MutableIdentityGraph graph, long hour, String... identities) {
    return graph.link(
        "web", at(hour), java.util.Arrays.stream(identities).map(Identity::parse).toList());
  }

  private static long at(long hour) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(hour * 3600).toEpochMilli();
  }

  private static String texts(java.util.List<Identity> identities) {
    return identities.stream().map(GraphExample::shortText).toList().toString();
  }

  private static String shortText(Identity identity) {
    String value = identity.value();
    return identity.namespace()
        + ":"
        + (value.length() > 12 ? "..." + value.substring(value.length() - 3) : value);
  }

  private static void print(GraphView view) {
    OUT.println();
    OUT.println(
        "Graph " + view.profileId() + " " + texts(view.members()) + " (" + view.size() + ")");
    for (LinkView link : view.links()) {
      OUT.println("  link    " + describe(link));
    }
    for (LinkView link : view.removedLinks()) {
      OUT.println("  removed " + describe(link));
    }
  }

  private static String describe(LinkView link) {
    return shortText(link.from())
        + " - "
        + shortText(link.to())
        + "  seen "
        + Instant.ofEpochMilli(link.firstSeen())
        + " .. "
        + Instant.ofEpochMilli(link.lastSeen())
        + " by "
        + link.datasets()
        + (link.status().accepted() ? "" : "  [" + link.status() + "]");
  }
}
