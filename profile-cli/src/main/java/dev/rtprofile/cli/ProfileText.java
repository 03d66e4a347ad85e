package dev.rtprofile.cli;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.Candidate;
import dev.rtprofile.store.Explanation;
import dev.rtprofile.store.Profile;
import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

/** Profiles and explanations for people; shared by {@code lookup}, {@code search} and the demo. */
final class ProfileText {
  private ProfileText() {}

  static void profile(PrintStream out, Profile p, String indent) {
    out.println(indent + "profile " + p.profileId() + " (policy " + p.policyId() + ")");
    out.println(
        indent
            + "  identities: "
            + p.identities().stream()
                .map(i -> i.toText() + (i.equals(p.primaryIdentity()) ? " (primary)" : ""))
                .collect(Collectors.joining(", ")));
    out.println(indent + "  sources: " + String.join(", ", p.datasets()));
    for (Map.Entry<String, Object> e : p.attributes().entrySet()) {
      out.println(indent + "  " + e.getKey() + " = " + Text.value(e.getValue()));
    }
  }

  static void table(PrintStream out, Profile p) {
    Table table = new Table("path", "value");
    table.row("profileId", p.profileId());
    for (Identity identity : p.identities()) {
      table.row(
          "identity" + (identity.equals(p.primaryIdentity()) ? " (primary)" : ""),
          identity.toText());
    }
    p.attributes().forEach((path, value) -> table.row(path, Text.value(value)));
    table.print(out);
  }

  static void explanation(PrintStream out, Explanation e, String indent) {
    out.println(indent + e.path() + " = " + Text.value(e.value()) + "  (by " + e.rule() + ")");
    Candidate winner = e.winner();
    out.println(
        indent + "  won:  " + (winner == null ? "computed by the strategy" : describe(winner)));
    for (Candidate loser : e.losers()) {
      out.println(indent + "  lost: " + describe(loser));
    }
  }

  static String describe(Candidate c) {
    return Text.value(c.value())
        + " from "
        + c.dataset()
        + " ("
        + c.primary().toText()
        + ", "
        + Text.time(c.timestamp())
        + ")";
  }
}
