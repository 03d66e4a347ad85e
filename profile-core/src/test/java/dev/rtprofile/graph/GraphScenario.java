package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.identity.NamespaceRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The configuration of one model-based test case, drawn from a seed so that rules bind often: small
 * graph and hub limits, one to three unique namespaces, small pools of identity values (so that
 * graphs collide), few timestamps (so that ties happen) and two or three datasets. Also draws the
 * random operations.
 *
 * @param seed the seed this scenario was drawn from
 * @param unique the unique namespaces
 * @param priority the namespace priority list
 * @param graphLimit the graph limit
 * @param hubLimit the hub limit
 * @param values how many values each namespace draws from
 * @param maxTimestamp timestamps are drawn from 1 to this
 * @param datasets how many datasets assert links
 * @param maxComponentSize the component limit, or 0 for one above every identity the operations may
 *     name (out of reach)
 */
record GraphScenario(
    long seed,
    List<String> unique,
    List<String> priority,
    int graphLimit,
    int hubLimit,
    int values,
    int maxTimestamp,
    int datasets,
    int maxComponentSize) {

  /** The custom namespaces every scenario registers. */
  static final List<Namespace> CUSTOM_NAMESPACES =
      List.of(
          Namespace.custom("CRMID", IdentityType.CROSS_DEVICE),
          Namespace.custom("loginID", IdentityType.CROSS_DEVICE),
          Namespace.custom("StoreID", IdentityType.NON_PEOPLE));

  /** The namespaces whose identities link: cross-device, email, phone, device, cookie. */
  static final List<String> LINKING = List.of("CRMID", "loginID", "Email", "Phone", "GAID", "AAID");

  /** A namespace whose identities never link. */
  static final String NON_LINKING = "StoreID";

  private static final List<List<String>> PRIORITIES =
      List.of(
          List.of(),
          List.of("CRMID", "loginID", "Email", "Phone", "GAID", "AAID"),
          List.of("Email", "CRMID"),
          List.of("CRMID", "loginID", "AAID"),
          List.of("Phone", "Email", "loginID", "CRMID"));

  private static final byte[] SALT = "model-test-salt-0123456789".getBytes(StandardCharsets.UTF_8);

  GraphScenario {
    unique = List.copyOf(unique);
    priority = List.copyOf(priority);
  }

  /** A scenario whose component limit is out of reach. */
  GraphScenario(
      long seed,
      List<String> unique,
      List<String> priority,
      int graphLimit,
      int hubLimit,
      int values,
      int maxTimestamp,
      int datasets) {
    this(seed, unique, priority, graphLimit, hubLimit, values, maxTimestamp, datasets, 0);
  }

  /** Draws a scenario from a seed. */
  static GraphScenario random(long seed) {
    Random rnd = new Random(seed ^ 0x5DEECE66DL);
    List<String> unique = new ArrayList<>(List.of("CRMID"));
    if (rnd.nextBoolean()) {
      unique.add("Email");
    }
    if (rnd.nextInt(10) < 3) {
      unique.add("loginID");
    }
    List<String> priority = PRIORITIES.get(rnd.nextInt(PRIORITIES.size()));
    int graphLimit = rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(2) : 4 + rnd.nextInt(5);
    int hubLimit = rnd.nextInt(8) == 0 ? 1 + rnd.nextInt(2) : 3 + rnd.nextInt(3);
    int values = rnd.nextInt(6) == 0 ? 2 + rnd.nextInt(5) : 3 + rnd.nextInt(2);
    int maxTimestamp = 4 + rnd.nextInt(9);
    int datasets = 2 + rnd.nextInt(2);
    // One scenario in four has a component limit within reach (drawn last: the rest is unchanged).
    int maxComponentSize = rnd.nextInt(4) == 0 ? graphLimit + rnd.nextInt(6) : 0;
    return new GraphScenario(
        seed,
        unique,
        priority,
        graphLimit,
        hubLimit,
        values,
        maxTimestamp,
        datasets,
        maxComponentSize);
  }

  LinkingRules rules() {
    return LinkingRules.builder()
        .unique(unique.toArray(String[]::new))
        .priority(priority.toArray(String[]::new))
        .build();
  }

  /** A new, empty real graph with this scenario's configuration. */
  MutableIdentityGraph newGraph() {
    return newBuilder().build();
  }

  /** A builder with this scenario's configuration; see {@link #newGraph()}. */
  IdentityGraph.Builder newBuilder() {
    IdentityGraph.Builder builder = IdentityGraph.builder();
    for (Namespace ns : CUSTOM_NAMESPACES) {
      builder.namespace(ns);
    }
    return builder
        .linkingRules(rules())
        .graphLimit(graphLimit)
        .hubLimit(hubLimit)
        .maxComponentSize(componentLimit())
        .denyListSalt(SALT);
  }

  /** A new, empty model with this scenario's configuration. */
  GraphOracle newOracle() {
    return new GraphOracle(
        NamespaceRegistry.standard().with(CUSTOM_NAMESPACES).all(),
        rules(),
        graphLimit,
        hubLimit,
        componentLimit());
  }

  /** The component limit: the drawn one, else one above every identity the operations name. */
  int componentLimit() {
    return maxComponentSize > 0 ? maxComponentSize : Math.max(1000, universe().size() + 1);
  }

  /** Every identity the operations may name, canonical spelling. */
  List<Identity> universe() {
    List<Identity> all = new ArrayList<>();
    for (String code : LINKING) {
      for (int v = 0; v < values; v++) {
        all.add(new Identity(code, value(v)));
      }
    }
    for (int v = 0; v < values; v++) {
      all.add(new Identity(NON_LINKING, value(v)));
    }
    return all;
  }

  private static String value(int v) {
    return "v" + v;
  }

  private String dataset(Random rnd) {
    return "d" + rnd.nextInt(datasets);
  }

  /** A random identity that links, sometimes with its namespace code spelled in another case. */
  private Identity randomLinking(Random rnd) {
    String code = LINKING.get(rnd.nextInt(LINKING.size()));
    if (rnd.nextInt(12) == 0) {
      code = rnd.nextBoolean() ? code.toLowerCase(Locale.ROOT) : code.toUpperCase(Locale.ROOT);
    }
    return new Identity(code, value(rnd.nextInt(values)));
  }

  /** A random record: one to four linking identities, sometimes with a dropped or inert extra. */
  GraphStep.Link randomLink(Random rnd) {
    int roll = rnd.nextInt(100);
    int count = roll < 15 ? 1 : roll < 60 ? 2 : roll < 85 ? 3 : 4;
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      identities.add(randomLinking(rnd));
    }
    if (rnd.nextInt(12) == 0) {
      identities.add(new Identity(NON_LINKING, value(rnd.nextInt(values))));
    }
    if (rnd.nextInt(25) == 0) {
      String invalid = List.of("anonymous", " ", "NULL", "invalid").get(rnd.nextInt(4));
      identities.add(rnd.nextInt(identities.size() + 1), new Identity("Email", invalid));
    }
    if (rnd.nextInt(20) == 0) {
      identities.add(identities.get(rnd.nextInt(identities.size())));
    }
    return new GraphStep.Link(dataset(rnd), 1 + rnd.nextInt(maxTimestamp), identities);
  }

  /** A random operation, aimed at what {@code now} holds most of the time. */
  GraphStep randomStep(Random rnd, GraphOracle.Solution now) {
    int roll = rnd.nextInt(100);
    List<Identity> live = new ArrayList<>(now.identities().keySet());
    if (roll < 62) {
      return randomLink(rnd);
    }
    if (roll < 74) {
      List<GraphOracle.Pair> links = new ArrayList<>(now.links().keySet());
      links.sort(
          Comparator.comparing(GraphOracle.Pair::from, GraphOracle.CANONICAL)
              .thenComparing(GraphOracle.Pair::to, GraphOracle.CANONICAL));
      if (!links.isEmpty() && rnd.nextInt(4) != 0) {
        GraphOracle.Pair pair = links.get(rnd.nextInt(links.size()));
        return rnd.nextBoolean()
            ? new GraphStep.Unlink(pair.from(), pair.to())
            : new GraphStep.Unlink(pair.to(), pair.from());
      }
      return new GraphStep.Unlink(randomLinking(rnd), randomLinking(rnd));
    }
    if (roll < 82) {
      if (!live.isEmpty() && rnd.nextInt(5) != 0) {
        return new GraphStep.Delete(live.get(rnd.nextInt(live.size())));
      }
      List<Identity> universe = universe();
      return new GraphStep.Delete(universe.get(rnd.nextInt(universe.size())));
    }
    if (roll < 87) {
      return new GraphStep.DeleteDataset(rnd.nextInt(10) == 0 ? "unknown" : dataset(rnd));
    }
    if (roll < 96) {
      List<List<Identity>> big = new ArrayList<>();
      for (List<Identity> graph : now.graphs()) {
        if (graph.size() > 1) {
          big.add(graph);
        }
      }
      if (!big.isEmpty() && rnd.nextBoolean()) {
        List<Identity> graph = big.get(rnd.nextInt(big.size()));
        int i = rnd.nextInt(graph.size());
        int j = (i + 1 + rnd.nextInt(graph.size() - 1)) % graph.size();
        return new GraphStep.NeverLink(graph.get(i), graph.get(j));
      }
      Identity a = randomLinking(rnd);
      Identity b = randomLinking(rnd);
      while (b.namespace().equalsIgnoreCase(a.namespace()) && b.value().equals(a.value())) {
        b = randomLinking(rnd);
      }
      return new GraphStep.NeverLink(a, b);
    }
    if (!live.isEmpty() && rnd.nextInt(3) != 0) {
      return new GraphStep.Erase(live.get(rnd.nextInt(live.size())));
    }
    return new GraphStep.Erase(randomLinking(rnd));
  }

  /** Java source that builds this scenario's graph, for failure reports. */
  String describe() {
    return "MutableIdentityGraph graph = IdentityGraph.builder()"
        + "\n    .namespace(Namespace.custom(\"CRMID\", IdentityType.CROSS_DEVICE))"
        + "\n    .namespace(Namespace.custom(\"loginID\", IdentityType.CROSS_DEVICE))"
        + "\n    .namespace(Namespace.custom(\"StoreID\", IdentityType.NON_PEOPLE))"
        + "\n    .linkingRules(LinkingRules.builder().unique("
        + quoted(unique)
        + ").priority("
        + quoted(priority)
        + ").build())"
        + "\n    .graphLimit("
        + graphLimit
        + ").hubLimit("
        + hubLimit
        + ").maxComponentSize("
        + Math.max(1000, universe().size() + 1)
        + ").build();";
  }

  private static String quoted(List<String> codes) {
    return codes.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
  }
}
