package dev.rtprofile.json;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.EventPage;
import dev.rtprofile.store.Profile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes profiles and event pages in the shapes of AEP's entities API. */
final class ProfileWriter {
  private ProfileWriter() {}

  /**
   * {@code {"<entityId>": {"entityId", "sources", "entity": {"identities": […], …attributes},
   * "lastModifiedAt"}}}; an attribute named {@code identities} at the top level gives way to the
   * identities.
   */
  static ObjectNode profile(Profile profile) {
    ObjectNode root = JsonValues.NODES.objectNode();
    ObjectNode body = root.putObject(profile.profileId());
    body.put("entityId", profile.profileId());
    body.set("sources", Json.strings(profile.datasets()));
    ObjectNode entity = body.putObject("entity");
    ArrayNode identities = entity.putArray("identities");
    for (Identity identity : profile.identities()) {
      ObjectNode node = JsonValues.identity(identity);
      node.put("primary", identity.equals(profile.primaryIdentity()));
      identities.add(node);
    }
    JsonValues.nest(profile.attributes(), entity);
    body.put("lastModifiedAt", Timestamps.format(profile.lastModified()));
    return root;
  }

  /**
   * {@code {"_page": {"count", "next"}, "children": [{"entityId", "sources", "timestamp",
   * "entity"}], "_links": {"next": {"href"}}}}; with no next page, {@code next} and {@code href}
   * are empty strings, as AEP writes them.
   */
  static ObjectNode events(EventPage page, String linkBase) {
    ObjectNode root = JsonValues.NODES.objectNode();
    String next = page.next().orElse("");
    ObjectNode meta = root.putObject("_page");
    meta.put("count", page.events().size());
    meta.put("next", next);
    ArrayNode children = root.putArray("children");
    for (Event event : page.events()) {
      ObjectNode child = children.addObject();
      child.put("entityId", event.id());
      child.set("sources", Json.strings(List.of(event.dataset())));
      child.put("timestamp", event.timestamp());
      child.set("entity", XdmWriter.event(event));
    }
    String href =
        next.isEmpty()
            ? ""
            : linkBase
                + (linkBase.indexOf('?') >= 0 ? "&" : "?")
                + "start="
                + URLEncoder.encode(next, StandardCharsets.UTF_8);
    root.putObject("_links").putObject("next").put("href", href);
    return root;
  }
}
