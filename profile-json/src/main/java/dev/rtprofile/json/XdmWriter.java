package dev.rtprofile.json;

import dev.rtprofile.store.Event;
import dev.rtprofile.store.IdentityRef;
import dev.rtprofile.store.Record;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes records and events back in the XDM shape that {@link XdmReader} reads. */
final class XdmWriter {
  private XdmWriter() {}

  /**
   * A record as XDM: {@code identityMap}, the attributes nested, the custom timestamp as {@code
   * extSourceSystemAudit.lastUpdatedDate}. XDM has no place for the ingestion timestamp.
   */
  static ObjectNode record(Record record) {
    ObjectNode node = JsonValues.NODES.objectNode();
    identityMap(record.identities(), node);
    Map<String, Object> attributes = record.attributes();
    if (record.customTimestamp().isPresent()
        && !attributes.containsKey(XdmReader.CUSTOM_TIMESTAMP)) {
      attributes = new TreeMap<>(attributes);
      attributes.put(
          XdmReader.CUSTOM_TIMESTAMP, Timestamps.format(record.customTimestamp().getAsLong()));
    }
    JsonValues.nest(attributes, node);
    return node;
  }

  /**
   * An event as XDM: {@code _id}, {@code timestamp}, {@code eventType}, {@code identityMap},
   * attributes.
   */
  static ObjectNode event(Event event) {
    ObjectNode node = JsonValues.NODES.objectNode();
    node.put(XdmReader.EVENT_ID, event.id());
    node.put(XdmReader.EVENT_TIMESTAMP, Timestamps.format(event.timestamp()));
    if (!event.eventType().isEmpty()) {
      node.put(XdmReader.EVENT_TYPE, event.eventType());
    }
    identityMap(event.identities(), node);
    JsonValues.nest(event.attributes(), node);
    return node;
  }

  private static void identityMap(List<IdentityRef> identities, ObjectNode into) {
    if (identities.isEmpty()) {
      return;
    }
    ObjectNode map = into.putObject(XdmReader.IDENTITY_MAP);
    for (IdentityRef ref : identities) {
      ArrayNode list =
          map.has(ref.identity().namespace())
              ? (ArrayNode) map.get(ref.identity().namespace())
              : map.putArray(ref.identity().namespace());
      ObjectNode entry = list.addObject();
      entry.put("id", ref.identity().value());
      if (ref.primary()) {
        entry.put("primary", true);
      }
    }
  }
}
