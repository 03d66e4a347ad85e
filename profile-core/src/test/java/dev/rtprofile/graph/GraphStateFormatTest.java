package dev.rtprofile.graph;

import static dev.rtprofile.graph.GraphStateRoundTripTest.read;
import static dev.rtprofile.graph.GraphStateRoundTripTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.GraphEngines;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The state format's guards: truncated, garbled, versioned and mismatched input fails with an
 * {@link IOException} whose message holds no identity value; the reader never reads past the state;
 * a reader whose settings registered the namespaces in another order maps them.
 */
class GraphStateFormatTest {
  private static final byte[] SALT = "format-test-salt-0123456789".getBytes(StandardCharsets.UTF_8);

  /** The identity values the states hold; no message may contain one. */
  private static final List<String> VALUES =
      List.of("alice@example.com", "bob@example.com", "carol@example.com", "crm-1", "crm-2");

  private static IdentityGraph.Builder builder() {
    return IdentityGraph.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .linkingRules(LinkingRules.builder().unique("CRMID").build())
        .graphLimit(3)
        .hubLimit(2)
        .denyListSalt(SALT);
  }

  private static Identity id(String text) {
    return Identity.parse(text);
  }

  /** A small state in which every part holds something. */
  private static MutableIdentityGraph populated(IdentityGraph.Builder builder) {
    MutableIdentityGraph g = GraphEngines.unsynchronized(builder);
    g.link("web", 1, List.of(id("CRMID:crm-1"), id("Email:alice@example.com")));
    g.link("crm", 2, List.of(id("CRMID:crm-1"), id("Email:alice@example.com")));
    g.link("web", 3, List.of(id("CRMID:crm-2"), id("Email:alice@example.com")));
    g.link("web", 4, List.of(id("Email:bob@example.com"), id("Email:alice@example.com")));
    g.link("web", 5, List.of(id("Email:carol@example.com"), id("Email:alice@example.com")));
    g.link("app", 6, List.of(id("Email:dave@example.com"), id("Phone:+15550100")));
    g.neverLink(id("Email:bob@example.com"), id("Phone:+15550100"));
    g.erase(id("Email:dave@example.com"));
    g.delete(id("Email:carol@example.com"));
    g.resolveProfileId("none");
    return g;
  }

  private static IOException readFails(IdentityGraph.Builder builder, byte[] state) {
    try {
      read(builder, state);
    } catch (IOException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        String message = String.valueOf(t.getMessage());
        for (String value : VALUES) {
          assertThat(message).doesNotContain(value);
        }
      }
      return e;
    } catch (RuntimeException e) {
      throw new AssertionError("reading bad input threw " + e + " instead of an IOException", e);
    }
    throw new AssertionError("reading bad input succeeded");
  }

  @Test
  void readState_truncatedAtEveryOffset_throwsIOException() {
    byte[] state = write(populated(builder()));
    for (int length = 0; length < state.length; length++) {
      IOException e = readFails(builder(), Arrays.copyOf(state, length));
      assertThat(e.getMessage()).as("truncated to %d bytes", length).startsWith("graph state");
    }
  }

  @Test
  void readState_anyByteChanged_throwsIOException() {
    byte[] state = write(populated(builder()));
    Random rnd = new Random(15);
    for (int at = 0; at < state.length; at++) {
      byte[] garbled = state.clone();
      garbled[at] ^= (byte) (1 + rnd.nextInt(255));
      assertThat(readFails(builder(), garbled).getMessage()).startsWith("graph state");
    }
  }

  @Test
  void readState_randomGarbage_throwsIOException() {
    byte[] state = write(populated(builder()));
    Random rnd = new Random(16);
    for (int trial = 0; trial < 2_000; trial++) {
      byte[] garbled = state.clone();
      int from = rnd.nextInt(garbled.length);
      int to = Math.min(garbled.length, from + 1 + rnd.nextInt(64));
      for (int i = from; i < to; i++) {
        garbled[i] = (byte) rnd.nextInt(256);
      }
      if (!Arrays.equals(garbled, state)) {
        readFails(builder(), garbled);
      }
    }
  }

  @Test
  void readState_neverReadsPastTheState() throws IOException {
    MutableIdentityGraph a = populated(builder());
    byte[] state = write(a);
    byte[] followed = Arrays.copyOf(state, state.length + 3);
    followed[state.length] = 'E';
    followed[state.length + 1] = 'N';
    followed[state.length + 2] = 'D';
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(followed));

    MutableIdentityGraph b = GraphEngines.readState(builder(), in);

    assertThat(in.readAllBytes()).containsExactly('E', 'N', 'D');
    assertThat(write(b)).isEqualTo(state);
  }

  @Test
  void readState_textsOfAnyLengthAndCharacter_readBackAsWritten() throws IOException {
    List<String> datasets =
        List.of("d".repeat(100_000), "lone \uD800 surrogate", "naïve", "nul\0byte", "");
    List<Identity> universe =
        List.of(
            id("Email:josé@example.com"),
            id("Email:\uD83D\uDE00@example.com"),
            id("CRMID:日本語"),
            id("CRMID:" + "x".repeat(1_000)));
    MutableIdentityGraph a = GraphEngines.unsynchronized(builder());
    for (int i = 0; i < datasets.size(); i++) {
      a.link(datasets.get(i), i, List.of(universe.get(i % 4), universe.get((i + 1) % 4)));
    }

    MutableIdentityGraph b = read(builder(), write(a));

    assertThat(GraphRendering.of(b, universe)).isEqualTo(GraphRendering.of(a, universe));
    assertThat(b.graph(universe.get(0)).orElseThrow().identities().get(0).datasets())
        .containsExactlyInAnyOrderElementsOf(
            a.graph(universe.get(0)).orElseThrow().identities().get(0).datasets());
    for (String dataset : datasets) {
      assertThat(b.deleteDataset(dataset)).isEqualTo(a.deleteDataset(dataset));
    }
  }

  @Test
  void readState_otherFormatVersion_namesBothVersions() {
    byte[] state = write(populated(builder()));
    state[4] = 2;

    assertThat(readFails(builder(), state))
        .hasMessage("graph state has format version 2, but this version reads 1");
  }

  @Test
  void readState_otherSettings_failsNamingTheFix() {
    byte[] state = write(populated(builder()));

    assertThat(readFails(builder().graphLimit(4), state))
        .hasMessageStartingWith("graph state was written under other settings")
        .hasMessageContaining("open it with the same settings");
  }

  @Test
  void readState_otherSalt_fails() {
    byte[] state = write(populated(builder()));

    assertThat(readFails(builder().denyListSalt(new byte[16]), state))
        .hasMessage(
            "graph state was written with another denyListSalt; set the salt it was written with");
  }

  @Test
  void readState_noSaltSet_readsOnlyAStateWithoutErasures() throws IOException {
    IdentityGraph.Builder randomSalt =
        IdentityGraph.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .linkingRules(LinkingRules.builder().unique("CRMID").build())
            .graphLimit(3)
            .hubLimit(2);
    MutableIdentityGraph a = GraphEngines.unsynchronized(randomSalt);
    a.link("web", 1, List.of(id("CRMID:crm-1"), id("Email:alice@example.com")));
    MutableIdentityGraph b = read(randomSalt, write(a));
    assertThat(b.membership(id("CRMID:crm-1"))).isEqualTo(a.membership(id("CRMID:crm-1")));

    a.erase(id("Email:alice@example.com"));

    assertThat(readFails(randomSalt, write(a)))
        .hasMessageStartingWith("graph state holds erased identities hashed with a denyListSalt");
  }

  @Test
  void readState_namespacesRegisteredInAnotherOrder_mapsThem() throws IOException {
    IdentityGraph.Builder first =
        IdentityGraph.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
            .linkingRules(LinkingRules.builder().unique("CRMID", "loginID").build())
            .graphLimit(4)
            .denyListSalt(SALT);
    IdentityGraph.Builder second =
        IdentityGraph.builder()
            .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .linkingRules(LinkingRules.builder().unique("loginID", "CRMID").build())
            .graphLimit(4)
            .denyListSalt(SALT);
    assertThat(GraphEngines.settingsDescription(second))
        .isEqualTo(GraphEngines.settingsDescription(first));
    MutableIdentityGraph a = GraphEngines.unsynchronized(first);
    List<Identity> universe =
        List.of(
            id("CRMID:c1"),
            id("CRMID:c2"),
            id("loginID:l1"),
            id("loginID:l2"),
            id("Email:e1"),
            id("Email:e2"));
    a.link("web", 1, List.of(id("CRMID:c1"), id("loginID:l1"), id("Email:e1")));
    a.link("web", 2, List.of(id("CRMID:c2"), id("Email:e1")));
    a.link("web", 3, List.of(id("loginID:l2"), id("Email:e2"), id("CRMID:c2")));

    MutableIdentityGraph b = read(second, write(a));

    assertThat(GraphRendering.of(b, universe)).isEqualTo(GraphRendering.of(a, universe));
    // The unique namespaces still bind after the mapping: a second loginID never joins.
    for (MutableIdentityGraph g : List.of(a, b)) {
      g.link("web", 4, List.of(id("loginID:l2"), id("Email:e1")));
      g.link("web", 5, List.of(id("CRMID:c1"), id("Email:e2")));
    }
    assertThat(GraphRendering.of(b, universe)).isEqualTo(GraphRendering.of(a, universe));
  }

  @Test
  void writeState_lockedGraph_isRefused() {
    assertThatThrownBy(() -> write(builder().build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "engine must come from GraphEngines.unsynchronized, but was a LockedIdentityGraph");
  }
}
