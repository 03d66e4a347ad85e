package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The entry point: builder settings, argument checks, value types and sharing across threads. */
class ProfileJsonTest {

  @Test
  void builder_nonPositiveLimits_throwNamingTheSetter() {
    ProfileJson.Builder b = ProfileJson.builder();

    assertThatThrownBy(() -> b.maxRecordBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRecordBytes must be at least 1, but was 0");
    assertThatThrownBy(() -> b.maxEventBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEventBytes must be at least 1, but was -1");
    assertThatThrownBy(() -> b.maxNestingDepth(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNestingDepth must be at least 1, but was 0");
    assertThatThrownBy(() -> b.maxStringLength(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxStringLength must be at least 1, but was 0");
    assertThatThrownBy(() -> b.maxReportedProblems(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxReportedProblems must not be negative, but was -1");
    assertThatThrownBy(() -> b.ingestionTime(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @Test
  void build_calledTwice_givesIndependentInstances() {
    ProfileJson.Builder b = ProfileJson.builder().maxNestingDepth(3);
    ProfileJson shallow = b.build();
    ProfileJson deeper = b.maxNestingDepth(5).build();
    String fourDeep = "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}";

    assertThatThrownBy(() -> shallow.readRecord("crm", fourDeep))
        .isInstanceOf(InvalidJsonException.class);
    assertThat(deeper.readRecord("crm", fourDeep).attributes()).containsKey("a.b.c.d");
  }

  @Test
  void ingestRecords_nullArguments_throwNamingTheParameter() {
    ProfileJson json = ProfileJson.defaults();

    assertThatThrownBy(() -> json.ingestRecords(null, "crm", Fixtures.stream("")))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("store");
    assertThatThrownBy(() -> json.ingestRecords(Fixtures.store(), "crm", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("ndjson");
  }

  @Test
  void ingestRecords_listenerThrows_endsTheIngestAndPropagates() {
    ProfileJson json = ProfileJson.defaults();

    assertThatThrownBy(
            () ->
                json.ingestRecords(
                    Fixtures.store(),
                    "crm",
                    Fixtures.stream("bad\n" + Fixtures.crmRecord(1)),
                    o -> {
                      throw new IllegalStateException("stop at line " + o.line());
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stop at line 1");
  }

  @Test
  void ingestRecords_sharedAcrossThreads_countsEveryLineOnce() throws Exception {
    ProfileJson json = ProfileJson.defaults();
    ProfileStore store = Fixtures.store();
    int threads = 4;
    int perThread = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<IngestReport>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        futures.add(
            pool.submit(
                () -> {
                  StringBuilder text = new StringBuilder();
                  for (int i = 0; i < perThread; i++) {
                    text.append(Fixtures.crmRecord(base + i)).append('\n');
                    text.append(i % 50 == 0 ? "{broken\n" : "");
                  }
                  try {
                    return json.ingestRecords(store, "crm", Fixtures.stream(text.toString()));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
      }
      for (Future<IngestReport> f : futures) {
        IngestReport report = f.get();
        assertThat(report.accepted()).isEqualTo(perThread);
        assertThat(report.rejected()).isEqualTo(perThread / 50);
      }
    } finally {
      pool.shutdown();
    }
    for (int i = 0; i < threads * perThread; i++) {
      assertThat(store.lookup(Identity.of("CRMID", "c-" + i)).fetch()).as("c-%d", i).isPresent();
    }
  }

  @Test
  void lineOutcome_inputProblemWithoutRejection_throws() {
    assertThatThrownBy(
            () -> new LineOutcome(1, IngestStatus.ACCEPTED, InputProblem.WRONG_TYPE, List.of(), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("status must be REJECTED for a line with an input problem, but was ACCEPTED");
    assertThatThrownBy(() -> new LineOutcome(0, IngestStatus.REJECTED, null, List.of(), ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("line must be at least 1, but was 0");
  }

  @Test
  void ingestReport_countsThatDoNotAddUp_throw() {
    assertThatThrownBy(() -> new IngestReport(5, 1, 1, 1, 1, 0, List.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lines must be the sum of the outcome counts, but was 5");
  }
}
