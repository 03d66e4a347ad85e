package dev.rtprofile.json;

import dev.rtprofile.merge.ArrayMerge;
import dev.rtprofile.merge.AttributeMergeType;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merge policies in AEP's JSON: {@code {"id", "name", "schema": {"name": "_xdm.context.profile"},
 * "identityGraph": {"type": "none"|"pdg"}, "attributeMerge": {"type":
 * "timestampOrdered"|"dataSetPrecedence", "order": […]}, "default"}}. What AEP has no field for
 * (array merging, per-path overrides with built-in strategies) goes under {@code "rtprofile"}:
 * {@code {"arrays": "UNION", "arraysByPath": {path: "UNION"}, "overrides": {path: "sum"}}}.
 */
final class MergePolicyCodec {
  static final String EXTENSION = "rtprofile";
  private static final String PROFILE_SCHEMA = "_xdm.context.profile";
  private static final Map<String, Supplier<AttributeStrategy>> STRATEGIES =
      Map.of(
          "sum", AttributeStrategy::sum,
          "min", AttributeStrategy::min,
          "max", AttributeStrategy::max,
          "mostFrequent", AttributeStrategy::mostFrequent,
          "oldest", AttributeStrategy::oldest,
          "newest", AttributeStrategy::newest,
          "nonEmpty", AttributeStrategy::nonEmpty);

  private MergePolicyCodec() {}

  static ObjectNode write(MergePolicy policy, boolean isDefault) {
    ObjectNode root = JsonValues.NODES.objectNode();
    root.put("id", policy.id());
    root.put("name", policy.name());
    root.putObject("schema").put("name", PROFILE_SCHEMA);
    root.putObject("identityGraph")
        .put("type", policy.stitching() == IdentityStitching.NONE ? "none" : "pdg");
    ObjectNode merge = root.putObject("attributeMerge");
    if (policy.type() == AttributeMergeType.DATASET_PRECEDENCE) {
      merge.put("type", "dataSetPrecedence");
      merge.set("order", Json.strings(policy.datasetOrder()));
    } else {
      merge.put("type", "timestampOrdered");
    }
    root.put("default", isDefault);
    ObjectNode extension = JsonValues.NODES.objectNode();
    if (policy.arrays() != ArrayMerge.WINNER) {
      extension.put("arrays", policy.arrays().name());
    }
    if (policy.hasPathArrays()) {
      ObjectNode byPath = extension.putObject("arraysByPath");
      policy.pathArrays().forEach((path, setting) -> byPath.put(path, setting.name()));
    }
    if (!policy.overrides().isEmpty()) {
      ObjectNode overrides = extension.putObject("overrides");
      for (Map.Entry<String, AttributeStrategy> e : policy.overrides().entrySet()) {
        String name = builtInName(e.getValue());
        if (name == null) {
          throw new IllegalArgumentException(
              "policy overrides must use built-in strategies "
                  + STRATEGIES.keySet().stream().sorted().toList()
                  + " to be written as JSON, but the override at "
                  + e.getKey()
                  + " was "
                  + e.getValue());
        }
        overrides.put(e.getKey(), name);
      }
    }
    if (!extension.isEmpty()) {
      root.set(EXTENSION, extension);
    }
    return root;
  }

  private static @Nullable String builtInName(AttributeStrategy strategy) {
    for (Map.Entry<String, Supplier<AttributeStrategy>> e : STRATEGIES.entrySet()) {
      if (e.getValue().get().equals(strategy)) {
        return e.getKey();
      }
    }
    return null;
  }

  static MergePolicyDocument read(JsonNode root) {
    Json.requireObject(root, "merge policy");
    JsonNode merge = root.get("attributeMerge");
    Json.requireObject(merge, "attributeMerge");
    String type = Json.requiredString(merge, "type", "attributeMerge.type");
    MergePolicy policy =
        switch (type) {
          case "timestampOrdered" -> MergePolicy.timestampOrdered();
          case "dataSetPrecedence" -> {
            List<String> order = Json.strings(merge, "order", "attributeMerge.order");
            if (order.isEmpty()) {
              throw new InvalidJsonException(
                  InputProblem.WRONG_TYPE,
                  "attributeMerge.order must name at least one dataset, but was []");
            }
            yield config(() -> MergePolicy.dataSetPrecedence(order), "attributeMerge.order");
          }
          default ->
              throw new InvalidJsonException(
                  InputProblem.WRONG_TYPE,
                  "attributeMerge.type must be timestampOrdered or dataSetPrecedence, but was '"
                      + Timestamps.abbreviate(type)
                      + "'");
        };
    String id = Json.optionalString(root, "id", "id");
    if (id != null) {
      MergePolicy base = policy;
      policy = config(() -> base.id(id), "id");
    }
    String name = Json.optionalString(root, "name", "name");
    if (name != null) {
      MergePolicy base = policy;
      policy = config(() -> base.name(name), "name");
    }
    JsonNode graph = root.get("identityGraph");
    if (graph != null && !graph.isNull()) {
      Json.requireObject(graph, "identityGraph");
      String stitching = Json.requiredString(graph, "type", "identityGraph.type");
      policy =
          switch (stitching) {
            case "none" -> policy.stitching(IdentityStitching.NONE);
            case "pdg" -> policy.stitching(IdentityStitching.PRIVATE_GRAPH);
            default ->
                throw new InvalidJsonException(
                    InputProblem.WRONG_TYPE,
                    "identityGraph.type must be none or pdg, but was '"
                        + Timestamps.abbreviate(stitching)
                        + "'");
          };
    }
    boolean isDefault = false;
    JsonNode flag = root.get("default");
    if (flag != null && !flag.isNull()) {
      if (!flag.isBoolean()) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE, "default must be a boolean, but was " + Json.describe(flag));
      }
      isDefault = flag.booleanValue();
    }
    JsonNode extension = root.get(EXTENSION);
    if (extension != null && !extension.isNull()) {
      policy = readExtension(policy, extension);
    }
    return new MergePolicyDocument(policy, isDefault);
  }

  private static MergePolicy readExtension(MergePolicy policy, JsonNode extension) {
    Json.requireObject(extension, EXTENSION);
    MergePolicy out = policy;
    String arrays = Json.optionalString(extension, "arrays", EXTENSION + ".arrays");
    if (arrays != null) {
      out = out.arrays(GraphCodec.constant(ArrayMerge.class, arrays, EXTENSION + ".arrays"));
    }
    JsonNode byPath = extension.get("arraysByPath");
    if (byPath != null && !byPath.isNull()) {
      Json.requireObject(byPath, EXTENSION + ".arraysByPath");
      for (Map.Entry<String, JsonNode> e : byPath.properties()) {
        String field = EXTENSION + ".arraysByPath." + e.getKey();
        ArrayMerge merge =
            GraphCodec.constant(
                ArrayMerge.class, Json.requiredString(byPath, e.getKey(), field), field);
        MergePolicy base = out;
        out = config(() -> base.arrays(e.getKey(), merge), field);
      }
    }
    JsonNode overrides = extension.get("overrides");
    if (overrides != null && !overrides.isNull()) {
      Json.requireObject(overrides, EXTENSION + ".overrides");
      for (Map.Entry<String, JsonNode> e : overrides.properties()) {
        String field = EXTENSION + ".overrides." + e.getKey();
        String name = Json.requiredString(overrides, e.getKey(), field);
        Supplier<AttributeStrategy> strategy = STRATEGIES.get(name);
        if (strategy == null) {
          throw new InvalidJsonException(
              InputProblem.WRONG_TYPE,
              field
                  + " must be one of "
                  + STRATEGIES.keySet().stream().sorted().toList()
                  + ", but was '"
                  + Timestamps.abbreviate(name)
                  + "'");
        }
        MergePolicy base = out;
        out = config(() -> base.override(e.getKey(), strategy.get()), field);
      }
    }
    return out;
  }

  /** Runs a policy wither, turning its argument check into an error that names the field. */
  private static MergePolicy config(Supplier<MergePolicy> step, String field) {
    try {
      return step.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(InputProblem.WRONG_TYPE, field + ": " + e.getMessage());
    }
  }
}
