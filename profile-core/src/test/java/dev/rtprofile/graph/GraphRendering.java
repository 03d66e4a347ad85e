package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Canonical text of everything an {@link IdentityGraph} lets a caller read, and of what its writes
 * return, values included (for diffs): two graphs that render alike answer every read alike, in the
 * same order where an answer has one.
 *
 * <p>Rendering asks {@code resolveProfileId} and {@code graphByProfileId}, which build the profile
 * id index on first use: render only graphs whose index may be built.
 */
final class GraphRendering {
  private GraphRendering() {}

  /** Every read, for every identity of {@code universe}. */
  static String of(IdentityGraph graph, Collection<Identity> universe) {
    List<String> lines = new ArrayList<>(GraphSnapshot.of(graph, universe).lines());
    for (Membership m : graph.memberships()) {
      lines.add("membership " + m.profileId() + " " + membership(m));
    }
    for (Membership m : graph.membershipsUnordered()) {
      lines.add("unordered " + membership(m));
    }
    for (Identity anchor : graph.anchors()) {
      lines.add("anchor " + anchor.toText());
    }
    List<String> codes = graph.namespaces().stream().map(Namespace::code).toList();
    for (Identity x : universe) {
      StringBuilder line = new StringBuilder("identity ").append(x.toText());
      line.append(" contains=").append(graph.contains(x));
      line.append(" canonical=").append(graph.canonical(x).map(Identity::toText));
      line.append(" problem=")
          .append(graph.problem(x).map(p -> p.problem() + " " + p.detail()).orElse("none"));
      line.append(" anchor=").append(graph.anchor(x).map(Identity::toText));
      line.append(" profileId=").append(graph.profileId(x));
      line.append(" membership=").append(graph.membership(x).map(GraphRendering::membership));
      for (String code : codes) {
        List<Identity> members = graph.members(x, code);
        if (!members.isEmpty()) {
          line.append(' ').append(code).append('=').append(texts(members));
        }
      }
      lines.add(line.toString());
    }
    for (String code : codes) {
      lines.add("multiple " + code + " " + graph.graphsWithMultipleValues(code));
    }
    lines.add(
        "namespaces "
            + graph.namespaces().stream().map(ns -> ns.code() + ":" + ns.type()).toList());
    return String.join("\n", lines) + "\n";
  }

  /** What a write (or a dry run) returned. */
  static String result(Object result) {
    if (result instanceof LinkResult r) {
      return "linked "
          + texts(r.identities())
          + " dropped="
          + r.dropped().stream().map(GraphRendering::dropped).toList()
          + " rejection="
          + r.rejection()
          + " removed="
          + r.removedLinks().stream().map(GraphRendering::link).toList()
          + " "
          + change(r.change());
    }
    if (result instanceof GraphChange c) {
      return change(c);
    }
    if (result instanceof IdentityDeletion d) {
      return d.outcome() + " " + change(d.change());
    }
    if (result instanceof Optional<?> o) {
      return o.map(GraphRendering::result).orElse("empty");
    }
    if (result instanceof DryRun d) {
      return "dryRun "
          + texts(d.identities())
          + " dropped="
          + d.dropped().stream().map(GraphRendering::dropped).toList()
          + " rejection="
          + d.rejection()
          + " before="
          + d.profileIdsBefore()
          + " after="
          + d.graphsAfter().stream().map(GraphRendering::texts).toList()
          + " removed="
          + d.removedLinks().stream().map(GraphRendering::link).toList()
          + " merges="
          + d.merges();
    }
    return String.valueOf(result);
  }

  private static String change(GraphChange c) {
    return "change changed="
        + c.changed()
        + " before="
        + texts(c.beforeAnchors())
        + " after="
        + texts(c.afterAnchors())
        + " ids="
        + c.before()
        + "->"
        + c.after();
  }

  private static String membership(Membership m) {
    return m.anchor().toText() + " " + texts(m.identities());
  }

  private static String dropped(DroppedIdentity d) {
    return d.identity().toText() + " " + d.problem() + " " + d.detail();
  }

  private static String link(LinkView l) {
    return l.from().toText()
        + " -- "
        + l.to().toText()
        + " "
        + l.firstSeen()
        + ".."
        + l.lastSeen()
        + " "
        + l.datasets()
        + " "
        + l.status();
  }

  static List<String> texts(List<Identity> identities) {
    return identities.stream().map(Identity::toText).toList();
  }
}
