package dev.rtprofile.cli;

import java.io.PrintStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The CLI's own JSON: trees built in a fixed key order, written compact or indented. */
final class CliJson {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private CliJson() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses JSON written by {@code ProfileJson}, to embed it in a larger document. */
  static JsonNode parse(String json) {
    return MAPPER.readTree(json);
  }

  /** Writes {@code node} and a line end. */
  static void print(PrintStream out, JsonNode node, boolean pretty) {
    out.println(
        pretty
            ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node)
            : MAPPER.writeValueAsString(node));
  }
}
