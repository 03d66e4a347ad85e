package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The corpus of bad inputs in {@code corpus/}: each bad line is rejected (or trimmed or ignored by
 * the store) with its reason, and every good line around it is ingested. The expected reports are
 * golden files.
 */
class CorpusTest {
  private final ProfileJson json = ProfileJson.defaults();

  @Test
  void ingestRecords_corpus_reportsEachBadLineAndIngestsTheGoodOnes() throws IOException {
    ProfileStore store = Fixtures.store();

    IngestReport report =
        json.ingestRecords(
            store, "crm", Fixtures.stream(Fixtures.resource("corpus/records.ndjson")));

    Golden.assertText("records-corpus-report.txt", Golden.render(report));
    for (String id : List.of("c-1", "c-3", "c-14", "c-24", "c-31")) {
      assertThat(store.lookup(Identity.of("CRMID", id)).fetch()).as(id).isPresent();
    }
    for (String id : List.of("c-2", "c-7", "c-8", "c-10", "c-11", "c-18", "c-22", "c-23")) {
      assertThat(store.lookup(Identity.of("CRMID", id)).fetch()).as(id).isEmpty();
    }
    assertThat(
            store.lookup(Identity.of("CRMID", "c-24")).fetch().orElseThrow().get("loyalty.points"))
        .hasValue(new java.math.BigDecimal("12345678901234567890123"));
  }

  @Test
  void ingestRecords_corpus_everyLineIsCountedOnce() throws IOException {
    List<LineOutcome> seen = new ArrayList<>();

    IngestReport report =
        json.ingestRecords(
            Fixtures.store(),
            "crm",
            Fixtures.stream(Fixtures.resource("corpus/records.ndjson")),
            seen::add);

    assertThat(report.lines()).isEqualTo(31);
    assertThat(report.blank() + report.stored() + report.ignored() + report.rejected())
        .isEqualTo(report.lines());
    assertThat(seen).isEqualTo(report.problems());
    assertThat(report.problems()).extracting(LineOutcome::line).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void ingestEvents_corpus_reportsEachBadLineAndIngestsTheGoodOnes() throws IOException {
    ProfileStore store = Fixtures.store();

    IngestReport report =
        json.ingestEvents(store, "web", Fixtures.stream(Fixtures.resource("corpus/events.ndjson")));

    Golden.assertText("events-corpus-report.txt", Golden.render(report));
    assertThat(store.events(Identity.of("CRMID", "c-1")).fetch().events())
        .extracting(e -> e.id())
        .containsExactly("e-1");
    assertThat(store.events(Identity.of("CRMID", "c-14")).fetch().events())
        .extracting(e -> e.id())
        .containsExactly("e-14");
    assertThat(report.problems())
        .filteredOn(o -> o.status() == IngestStatus.IGNORED)
        .extracting(LineOutcome::line)
        .containsExactly(7L);
  }
}
