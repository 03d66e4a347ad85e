package dev.rtprofile.json;

import dev.rtprofile.merge.Candidate;
import dev.rtprofile.store.Explanation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An explanation as JSON: {@code {"path", "value", "rule", "winner": candidate|null, "candidates":
 * [{"value", "dataset", "primaryIdentity": {"id", "namespace": {"code"}}, "timestamp"}]}}.
 */
final class ExplanationCodec {
  private ExplanationCodec() {}

  static ObjectNode write(Explanation explanation) {
    ObjectNode root = JsonValues.NODES.objectNode();
    root.put("path", explanation.path());
    root.set("value", JsonValues.toJson(explanation.value()));
    root.put("rule", explanation.rule());
    Candidate winner = explanation.winner();
    if (winner == null) {
      root.putNull("winner");
    } else {
      root.set("winner", candidate(winner));
    }
    ArrayNode candidates = root.putArray("candidates");
    for (Candidate c : explanation.candidates()) {
      candidates.add(candidate(c));
    }
    return root;
  }

  private static ObjectNode candidate(Candidate c) {
    ObjectNode node = JsonValues.NODES.objectNode();
    node.set("value", JsonValues.toJson(c.value()));
    node.put("dataset", c.dataset());
    node.set("primaryIdentity", JsonValues.identity(c.primary()));
    node.put("timestamp", Timestamps.format(c.timestamp()));
    return node;
  }

  static Explanation read(JsonNode root) {
    Json.requireObject(root, "explanation");
    String path = Json.requiredString(root, "path", "path");
    Object value = requiredValue(root, "value", "value");
    String rule = Json.requiredString(root, "rule", "rule");
    ArrayNode array = Json.requireArray(root.get("candidates"), "candidates");
    List<Candidate> candidates = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      candidates.add(candidate(array.get(i), "candidates[" + i + "]"));
    }
    JsonNode winnerNode = root.get("winner");
    @Nullable Candidate winner = null;
    if (winnerNode != null && !winnerNode.isNull()) {
      Candidate read = candidate(winnerNode, "winner");
      // The winner is one of the candidates; keep that instance so losers() works by identity.
      winner = read;
      for (Candidate c : candidates) {
        if (c.equals(read)) {
          winner = c;
          break;
        }
      }
    }
    return new Explanation(path, value, rule, winner, candidates);
  }

  private static Candidate candidate(JsonNode node, String at) {
    Json.requireObject(node, at);
    return new Candidate(
        requiredValue(node, "value", at + ".value"),
        Json.requiredString(node, "dataset", at + ".dataset"),
        JsonValues.identity(node.get("primaryIdentity"), at + ".primaryIdentity"),
        Json.requiredTime(node, "timestamp", at + ".timestamp"));
  }

  private static Object requiredValue(JsonNode parent, String name, String field) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be present and not null");
    }
    return JsonValues.fromJson(node);
  }
}
