package dev.rtprofile.viewer;

import dev.rtprofile.graph.GraphStatistics;
import dev.rtprofile.json.ProfileJson;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.StoreStatistics;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/overview} (counts over the whole store) and {@code /api/policies} (the merge
 * policies, in AEP's JSON).
 */
final class OverviewEndpoint {
  /** How many profile ids the overview lists per namespace held twice. */
  static final int EXAMPLES = 10;

  private final ProfileStore store;
  private final ProfileJson json;

  OverviewEndpoint(ProfileStore store, ProfileJson json) {
    this.store = store;
    this.json = json;
  }

  /**
   * {@code {"profiles", "fragments", "events", "identities", "links", "removedLinks",
   * "identitiesByNamespace": {ns: n}, "profilesByNamespace": {ns: n}, "graphSizes": [{"size",
   * "graphs"}], "graphsWithMultipleValues": [{"namespace", "graphs", "examples": [profile ids]}]}}.
   */
  String overview(Parameters p) {
    StoreStatistics stats = store.statistics();
    GraphStatistics graph = stats.graph();
    ObjectNode root = ViewerJson.object();
    root.put("profiles", stats.profiles());
    root.put("fragments", stats.fragments());
    root.put("events", stats.events());
    root.put("identities", graph.identities());
    root.put("links", graph.links());
    root.put("removedLinks", graph.removedLinks());
    ObjectNode byNamespace = root.putObject("identitiesByNamespace");
    graph.identitiesByNamespace().forEach(byNamespace::put);
    ObjectNode profilesByNamespace = root.putObject("profilesByNamespace");
    store.profileCountsByNamespace().forEach(profilesByNamespace::put);
    ArrayNode sizes = root.putArray("graphSizes");
    graph
        .sizeHistogram()
        .forEach((size, count) -> sizes.addObject().put("size", size).put("graphs", count));
    ArrayNode multiple = root.putArray("graphsWithMultipleValues");
    for (Map.Entry<String, Integer> e : graph.graphsWithMultipleValues().entrySet()) {
      ObjectNode entry = multiple.addObject();
      entry.put("namespace", e.getKey());
      entry.put("graphs", e.getValue());
      ArrayNode examples = entry.putArray("examples");
      List<String> ids = store.identityGraph().graphsWithMultipleValues(e.getKey());
      ids.subList(0, Math.min(EXAMPLES, ids.size())).forEach(examples::add);
    }
    return ViewerJson.write(root);
  }

  /**
   * {@code {"default": id, "policies": [AEP merge policy…]}}, the default first. A policy that
   * AEP's JSON cannot carry (a custom strategy) is listed by id, name, stitching and merge type
   * with {@code "rtprofile": {"unwritable": reason}}.
   */
  String policies(Parameters p) {
    MergePolicy defaultPolicy = store.defaultMergePolicy();
    ObjectNode root = ViewerJson.object();
    root.put("default", defaultPolicy.id());
    ArrayNode list = root.putArray("policies");
    list.add(policy(defaultPolicy, true));
    store.mergePolicies().values().stream()
        .filter(policy -> !policy.id().equals(defaultPolicy.id()))
        .sorted((a, b) -> a.id().compareTo(b.id()))
        .forEach(policy -> list.add(policy(policy, false)));
    return ViewerJson.write(root);
  }

  private ObjectNode policy(MergePolicy policy, boolean isDefault) {
    try {
      return (ObjectNode) ViewerJson.parse(json.writeMergePolicy(policy, isDefault));
    } catch (IllegalArgumentException e) {
      ObjectNode node = ViewerJson.object();
      node.put("id", policy.id());
      node.put("name", policy.name());
      node.putObject("identityGraph")
          .put("type", policy.stitching() == IdentityStitching.NONE ? "none" : "pdg");
      node.putObject("attributeMerge")
          .put(
              "type",
              policy.type() == AttributeMergeType.DATASET_PRECEDENCE
                  ? "dataSetPrecedence"
                  : "timestampOrdered");
      node.put("default", isDefault);
      node.putObject("rtprofile").put("unwritable", e.getMessage());
      return node;
    }
  }
}
