package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Renders everything a scenario's store answers as text, so that two stores fed the same inputs in
 * different orders can be compared with one assertion whose diff shows where they differ: for every
 * identity to look up and every policy, the profile (id, identities, primary identity, attributes,
 * datasets, last-modified time, the explanation of every path) and the events (all pages oldest
 * first, the first page newest first, one event type), plus the store's statistics.
 */
final class StoreSnapshot {
  private StoreSnapshot() {}

  /** The rendering; looks up in a fixed order, so it also fills the cache in a fixed order. */
  static String render(StoreScenario scenario, ProfileStore store) {
    StringBuilder out = new StringBuilder();
    List<@Nullable String> policyIds = new ArrayList<>(scenario.policyIds());
    policyIds.add(null);
    for (Identity identity : scenario.lookups()) {
      for (String policyId : policyIds) {
        out.append("lookup ")
            .append(identity.toText())
            .append(" policy ")
            .append(policyId == null ? "(default)" : policyId)
            .append('\n');
        ProfileQuery query = store.lookup(identity);
        if (policyId != null) {
          query.policy(policyId);
        }
        Optional<Profile> profile = query.fetch();
        if (profile.isEmpty()) {
          out.append("  no profile\n");
        } else {
          profile(profile.get(), out);
        }
        events(store, identity, policyId, out);
      }
    }
    out.append("statistics ").append(store.statistics()).append('\n');
    return out.toString();
  }

  /**
   * Where two renderings first differ: the lookup being rendered there and a few lines of each, or
   * empty if they are equal.
   */
  static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    int i = 0;
    while (i < e.length && i < a.length && e[i].equals(a[i])) {
      i++;
    }
    if (i == e.length && i == a.length) {
      return "";
    }
    int header = Math.min(i, e.length - 1);
    while (header > 0 && !e[header].startsWith("lookup ")) {
      header--;
    }
    return "first difference at line "
        + (i + 1)
        + " (under "
        + e[header]
        + ")\nexpected:\n"
        + excerpt(e, header, i)
        + "\nbut was:\n"
        + excerpt(a, header, i);
  }

  private static String excerpt(String[] lines, int from, int at) {
    StringBuilder out = new StringBuilder();
    for (int k = from; k < Math.min(lines.length, at + 4); k++) {
      out.append(k == at ? "> " : "  ").append(lines[k]).append('\n');
    }
    return out.toString();
  }

  private static void profile(Profile p, StringBuilder out) {
    out.append("  profile ").append(p.profileId()).append(" policy ").append(p.policyId());
    out.append("\n  identities ").append(texts(p.identities()));
    out.append("\n  primary ").append(p.primaryIdentity().toText());
    out.append("\n  datasets ").append(p.datasets());
    out.append("\n  lastModified ").append(p.lastModified());
    out.append("\n  attributes {");
    p.attributes().forEach((path, v) -> out.append(path).append('=').append(value(v)).append(' '));
    out.append("}\n");
    List<String> paths = new ArrayList<>(StoreScenario.PATHS.keySet());
    paths.add(StoreScenario.NEVER_SET);
    for (String path : paths) {
      Optional<Explanation> e = p.explain(path);
      if (e.isEmpty()) {
        continue;
      }
      out.append("  explain ")
          .append(path)
          .append(" = ")
          .append(value(e.get().value()))
          .append(" by ")
          .append(e.get().rule())
          .append(", winner ")
          .append(candidate(e.get().winner()))
          .append(", candidates");
      for (Candidate c : e.get().candidates()) {
        out.append(' ').append(candidate(c));
      }
      out.append('\n');
    }
  }

  private static void events(
      ProfileStore store, Identity identity, @Nullable String policyId, StringBuilder out) {
    String cursor = null;
    int pages = 0;
    do {
      EventQuery q = store.events(identity).limit(3);
      if (policyId != null) {
        q.policy(policyId);
      }
      if (cursor != null) {
        q.after(cursor);
      }
      EventPage page = q.fetch();
      out.append("  events page ").append(pages++).append(':');
      page.events().forEach(e -> out.append(' ').append(event(e)));
      out.append('\n');
      cursor = page.nextCursor();
    } while (cursor != null && pages < 100);
    EventQuery newest = store.events(identity).newestFirst().limit(4).eventTypes("view", "login");
    if (policyId != null) {
      newest.policy(policyId);
    }
    out.append("  events newest first:");
    newest.fetch().events().forEach(e -> out.append(' ').append(event(e)));
    out.append('\n');
  }

  private static String event(Event e) {
    StringBuilder out =
        new StringBuilder()
            .append(e.dataset())
            .append('/')
            .append(e.id())
            .append('@')
            .append(e.timestamp())
            .append(':')
            .append(e.eventType())
            .append('[');
    for (IdentityRef ref : e.identities()) {
      out.append(ref.primary() ? "*" : "").append(ref.identity().toText()).append(' ');
    }
    return out.append(']').append(e.attributes()).toString();
  }

  static String candidate(@Nullable Candidate c) {
    if (c == null) {
      return "(computed)";
    }
    return c.dataset() + "/" + c.primary().toText() + "@" + c.timestamp() + "=" + value(c.value());
  }

  /** A value with its type: strings quoted, lists element by element, numbers with their class. */
  static String value(Object v) {
    if (v instanceof String s) {
      return '"' + s + '"';
    }
    if (v instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (Object item : list) {
        out.append(out.length() > 1 ? ", " : "").append(value(item));
      }
      return out.append(']').toString();
    }
    return v + "(" + v.getClass().getSimpleName() + ")";
  }

  static List<String> texts(List<Identity> identities) {
    List<String> out = new ArrayList<>();
    for (Identity i : identities) {
      out.add(i.toText());
    }
    return out;
  }
}
