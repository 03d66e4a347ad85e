package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.GraphView;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random records, events and graphs: what is written reads back the same. */
class RoundTripPropertyTest {
  private final ProfileJson json = ProfileJson.defaults();

  @Test
  void readRecord_writeRecord_roundTripsRandomRecords() {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Record.Builder b = Record.builder("ds").primary("CRMID", "c-" + i);
      for (int k = random.nextInt(3); k > 0; k--) {
        b.identity("Email", "u" + random.nextInt(1000) + "@example.com");
      }
      b.attributes(randomObject(random, 0));
      if (random.nextBoolean()) {
        b.customTimestamp(random.nextLong(4_000_000_000_000L));
      }
      Record record = b.build();

      Record back = json.readRecord("ds", json.writeRecord(record));

      assertThat(back.identities()).isEqualTo(record.identities());
      assertThat(back.customTimestamp()).isEqualTo(record.customTimestamp());
      Map<String, Object> expected = new LinkedHashMap<>(record.attributes());
      record
          .customTimestamp()
          .ifPresent(
              t ->
                  expected.putIfAbsent(
                      "extSourceSystemAudit.lastUpdatedDate", Timestamps.format(t)));
      assertThat(back.attributes()).isEqualTo(expected);
    }
  }

  @Test
  void readEvent_writeEvent_roundTripsRandomEvents() {
    Random random = new Random(43);
    for (int i = 0; i < 500; i++) {
      Event event =
          Event.builder("web", "id-" + i + "-" + random.nextInt())
              .timestamp(random.nextLong(4_000_000_000_000L))
              .eventType(random.nextBoolean() ? "" : "type." + random.nextInt(5))
              .primary("ECID", Fixtures.ECID)
              .identity("CRMID", "c-" + random.nextInt(9))
              .attributes(randomObject(random, 0))
              .build();

      ProfileOutTest.assertSameEvent(json.readEvent("web", json.writeEvent(event)), event);
    }
  }

  @Test
  void readGraph_writeGraph_roundTripsGraphsWithRemovedLinks() {
    ProfileStore store = Fixtures.store();
    Random random = new Random(44);
    for (int i = 0; i < 60; i++) {
      store.ingest(
          Record.builder("ds" + random.nextInt(3))
              .primary("CRMID", "c-" + random.nextInt(4))
              .identity("ECID", String.format("%038d", random.nextInt(6)))
              .identity("Email", "e" + random.nextInt(5) + "@x.com")
              .timestamp(1_700_000_000_000L + random.nextInt(1_000_000))
              .build());
    }
    int removed = 0;
    for (int c = 0; c < 4; c++) {
      GraphView graph = store.graph(Identity.of("CRMID", "c-" + c)).orElseThrow();
      removed += graph.removedLinks().size();

      assertThat(json.readGraph(json.writeGraph(graph))).isEqualTo(graph);
    }
    assertThat(removed).as("the scenario must exercise removed links").isPositive();
  }

  /** A random nested object of strings, numbers, booleans, arrays and objects. */
  private static Map<String, Object> randomObject(Random random, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      String key = "k" + random.nextInt(6);
      map.put(
          key,
          depth < 3 && random.nextInt(3) == 0
              ? randomObject(random, depth + 1)
              : randomLeaf(random, depth));
    }
    return map;
  }

  private static Object randomLeaf(Random random, int depth) {
    return switch (random.nextInt(7)) {
      case 0 -> "s\u00e9\"\\" + random.nextInt(100);
      case 1 -> random.nextLong();
      case 2 -> random.nextDouble() * 1e6;
      case 3 -> random.nextBoolean();
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(3); n > 0; n--) {
          list.add(
              depth < 3 && random.nextBoolean()
                  ? randomObject(random, depth + 1)
                  : randomLeaf(random, depth + 1));
        }
        yield list;
      }
      case 5 -> new java.math.BigDecimal("123456789012345678901234567890");
      default -> "";
    };
  }
}
