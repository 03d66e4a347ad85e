package dev.rtprofile.json;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.graph.IdentityView;
import dev.rtprofile.graph.LinkStatus;
import dev.rtprofile.graph.LinkView;
import dev.rtprofile.identity.IdentityType;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An identity graph as JSON: {@code {"profileId", "identities": [{"id", "namespace": {"code"},
 * "type", "firstSeen", "lastSeen", "datasets"}], "links": [{"from", "to", "firstSeen", "lastSeen",
 * "datasets", "status"}], "removedLinks": […]}}, times as ISO-8601.
 */
final class GraphCodec {
  private GraphCodec() {}

  static ObjectNode write(GraphView graph) {
    ObjectNode root = JsonValues.NODES.objectNode();
    root.put("profileId", graph.profileId());
    ArrayNode identities = root.putArray("identities");
    for (IdentityView view : graph.identities()) {
      ObjectNode node = JsonValues.identity(view.identity());
      node.put("type", view.type().name());
      node.put("firstSeen", Timestamps.format(view.firstSeen()));
      node.put("lastSeen", Timestamps.format(view.lastSeen()));
      node.set("datasets", Json.strings(view.datasets()));
      identities.add(node);
    }
    root.set("links", links(graph.links()));
    root.set("removedLinks", links(graph.removedLinks()));
    return root;
  }

  private static ArrayNode links(List<LinkView> links) {
    ArrayNode array = JsonValues.NODES.arrayNode(links.size());
    for (LinkView link : links) {
      ObjectNode node = array.addObject();
      node.set("from", JsonValues.identity(link.from()));
      node.set("to", JsonValues.identity(link.to()));
      node.put("firstSeen", Timestamps.format(link.firstSeen()));
      node.put("lastSeen", Timestamps.format(link.lastSeen()));
      node.set("datasets", Json.strings(link.datasets()));
      node.put("status", link.status().name());
    }
    return array;
  }

  static GraphView read(JsonNode root) {
    Json.requireObject(root, "graph");
    String profileId = Json.requiredString(root, "profileId", "profileId");
    ArrayNode identities = Json.requireArray(root.get("identities"), "identities");
    List<IdentityView> views = new ArrayList<>(identities.size());
    for (int i = 0; i < identities.size(); i++) {
      String at = "identities[" + i + "]";
      JsonNode node = identities.get(i);
      views.add(
          new IdentityView(
              JsonValues.identity(node, at),
              constant(
                  IdentityType.class,
                  Json.requiredString(node, "type", at + ".type"),
                  at + ".type"),
              Json.requiredTime(node, "firstSeen", at + ".firstSeen"),
              Json.requiredTime(node, "lastSeen", at + ".lastSeen"),
              Json.strings(node, "datasets", at + ".datasets")));
    }
    return new GraphView(
        profileId, views, readLinks(root, "links"), readLinks(root, "removedLinks"));
  }

  private static List<LinkView> readLinks(JsonNode root, String field) {
    ArrayNode array = Json.requireArray(root.get(field), field);
    List<LinkView> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String at = field + "[" + i + "]";
      JsonNode node = array.get(i);
      Json.requireObject(node, at);
      out.add(
          new LinkView(
              JsonValues.identity(node.get("from"), at + ".from"),
              JsonValues.identity(node.get("to"), at + ".to"),
              Json.requiredTime(node, "firstSeen", at + ".firstSeen"),
              Json.requiredTime(node, "lastSeen", at + ".lastSeen"),
              Json.strings(node, "datasets", at + ".datasets"),
              constant(
                  LinkStatus.class,
                  Json.requiredString(node, "status", at + ".status"),
                  at + ".status")));
    }
    return out;
  }

  static <E extends Enum<E>> E constant(Class<E> type, String name, String field) {
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE,
          field
              + " must name a "
              + type.getSimpleName()
              + " constant, but was '"
              + Timestamps.abbreviate(name)
              + "'");
    }
  }
}
