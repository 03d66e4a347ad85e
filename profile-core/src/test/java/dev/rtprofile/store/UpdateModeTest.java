package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static dev.rtprofile.store.IngestFixtures.builder;
import static dev.rtprofile.store.IngestFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How records update their fragment (ARCHITECTURE §1): replace is whole-record last-writer-wins,
 * upsert is per-path last-writer-wins with tombstones from {@link Record.Builder#remove}; both give
 * the same result for the records in every arrival order, ties decided by content.
 */
class UpdateModeTest {
  private Map<String, Object> attributesAfter(UpdateMode mode, List<Record> records) {
    ProfileStore store = builder().updateMode("crm", mode).build();
    for (Record r : records) {
      store.ingest(r);
    }
    return store.lookup(CRM1).fetch().map(Profile::attributes).orElse(Map.of());
  }

  /** The attributes after the records in every order; fails if two orders disagree. */
  private Map<String, Object> inEveryOrder(UpdateMode mode, Record... records) {
    List<List<Record>> orders = permutations(List.of(records));
    Map<String, Object> first = attributesAfter(mode, orders.get(0));
    for (List<Record> order : orders) {
      assertThat(attributesAfter(mode, order))
          .as("attributes after the records in order %s", orders.indexOf(order))
          .isEqualTo(first);
    }
    return first;
  }

  @Test
  void replace_newerRecord_replacesTheWholeRecord() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.REPLACE,
            crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
            crm(CRM1, T2).attribute("a", 2).build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 2L));
  }

  @Test
  void replace_customTimestamp_winsOverIngestionTime() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.REPLACE,
            crm(CRM1, T3).customTimestamp(T1).attribute("a", "late-but-old").build(),
            crm(CRM1, T2).attribute("a", "newer").build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("a", "newer"));
  }

  @Test
  void replace_removalInAReplaceDataset_isNotATombstone() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.REPLACE,
            crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
            crm(CRM1, T2).attribute("a", 2).remove("b").build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 2L));
  }

  @Test
  void replace_equalTimestamps_winnerByContentNotArrival() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.REPLACE,
            crm(CRM1, T1).attribute("a", "x").build(),
            crm(CRM1, T1).attribute("a", "y").build(),
            crm(CRM1, T1).attribute("a", "x").attribute("b", 0).build());

    assertThat(attributes).hasSize(1).containsKey("a");
  }

  @Test
  void upsert_newerValuePerPath_keepsTheOtherPaths() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.UPSERT,
            crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
            crm(CRM1, T2).attribute("a", 2).build(),
            crm(CRM1, T3).attribute("c", 3).build());

    assertThat(attributes).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L, "c", 3L));
  }

  @Test
  void upsert_newerTombstone_removesThePath() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.UPSERT,
            crm(CRM1, T1).attribute("a", 1).attribute("b", 1).build(),
            crm(CRM1, T2).remove("b").build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("a", 1L));
  }

  @Test
  void upsert_olderTombstone_doesNotRemoveANewerValue() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.UPSERT,
            crm(CRM1, T3).attribute("b", 1).build(),
            crm(CRM1, T2).remove("b").build(),
            crm(CRM1, T1).attribute("b", 0).build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("b", 1L));
  }

  @Test
  void upsert_tombstoneThenNewerValue_valueReturns() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.UPSERT,
            crm(CRM1, T1).attribute("b", 1).build(),
            crm(CRM1, T2).remove("b").build(),
            crm(CRM1, T3).attribute("b", 3).build());

    assertThat(attributes).containsExactlyEntriesOf(Map.of("b", 3L));
  }

  @Test
  void upsert_equalTimestamps_winnerByContentNotArrival() {
    Map<String, Object> attributes =
        inEveryOrder(
            UpdateMode.UPSERT,
            crm(CRM1, T1).attribute("a", "x").attribute("b", 1).build(),
            crm(CRM1, T1).attribute("a", "y").remove("b").build(),
            crm(CRM1, T1).attribute("a", 7).attribute("b", 2).build());

    assertThat(attributes.keySet()).containsExactly("a", "b");
  }

  @Test
  void recordBuilder_setAfterRemove_theLaterCallWins() {
    Record viaAttribute = crm(CRM1, T1).remove("a").attribute("a", 1).build();
    Record viaAttributes = crm(CRM1, T1).remove("a").attributes(Map.of("a", 1)).build();
    Record viaNestedValue = crm(CRM1, T1).remove("p.n").attribute("p", Map.of("n", "x")).build();
    Record removeLast = crm(CRM1, T1).attributes(Map.of("a", 1)).remove("a").build();

    assertThat(viaAttribute.removals()).isEmpty();
    assertThat(viaAttributes.removals())
        .as("attributes(Map) after remove(\"a\") sets a, like attribute(\"a\", 1) does")
        .isEmpty();
    assertThat(viaNestedValue.removals())
        .as("attribute(\"p\", {n: x}) after remove(\"p.n\") sets p.n")
        .isEmpty();
    assertThat(removeLast.attributes()).isEmpty();
    assertThat(removeLast.removals()).containsExactly("a");
  }

  @Test
  void upsert_recordSettingAPathItAlsoRemoved_keepsTheValueSetLast() {
    ProfileStore store = builder().updateMode("crm", UpdateMode.UPSERT).build();

    store.ingest(crm(CRM1, T1).remove("a").attributes(Map.of("a", 1, "b", 2)).build());

    assertThat(store.lookup(CRM1).fetch().orElseThrow().attributes())
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", 1L, "b", 2L));
  }

  @Test
  void upsert_removalOfTheOnlyPath_leavesAnEmptyProfile() {
    ProfileStore store = builder().updateMode("crm", UpdateMode.UPSERT).build();
    store.ingest(crm(CRM1, T1).attribute("a", 1).build());

    IngestResult r = store.ingest(crm(CRM1, T2).remove("a").build());

    assertThat(r.status()).isEqualTo(IngestStatus.ACCEPTED);
    assertThat(store.lookup(CRM1).fetch().orElseThrow().attributes()).isEmpty();
    assertThat(store.lookup(CRM1).fetch().orElseThrow().explain("a")).isEmpty();
  }

  static <T> List<List<T>> permutations(List<T> items) {
    if (items.size() <= 1) {
      return List.of(items);
    }
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      List<T> rest = new ArrayList<>(items);
      T head = rest.remove(i);
      for (List<T> tail : permutations(rest)) {
        List<T> order = new ArrayList<>();
        order.add(head);
        order.addAll(tail);
        out.add(order);
      }
    }
    return out;
  }
}
