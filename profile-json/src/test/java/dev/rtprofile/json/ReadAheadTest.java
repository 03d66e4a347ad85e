package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Read-ahead: a second thread parses while the caller stores, with the same outcome as without. */
class ReadAheadTest {
  private static final ProfileJson AHEAD = ProfileJson.builder().readAhead(true).build();
  private static final ProfileJson INLINE = ProfileJson.builder().readAhead(false).build();

  /** The splitting thread and the parser threads. */
  private static final String THREADS = "rtprofile-ndjson-";

  /** 1,500 lines (several hand-over batches) with a bad, blank or oversized line now and then. */
  private static String mixed() {
    StringBuilder sb = new StringBuilder();
    for (int n = 1; n <= 1500; n++) {
      switch (n % 97) {
        case 3 -> sb.append("{\"identityMap\":");
        case 5 -> sb.append("   ");
        case 7 -> sb.append("{\"a\":\"").append("x".repeat(110_000)).append("\"}");
        case 11 -> sb.append("{\"a\":1,\"a\":2}");
        default -> sb.append(Fixtures.crmRecord(n % 700));
      }
      sb.append(n % 2 == 0 ? "\r\n" : "\n");
    }
    return sb.toString();
  }

  @Test
  void ingestRecords_readAheadOrNot_sameReportSameProfilesSameListenerOrder() throws IOException {
    String input = mixed();
    ProfileStore ahead = Fixtures.store();
    ProfileStore inline = Fixtures.store();
    List<LineOutcome> seenAhead = new ArrayList<>();
    List<LineOutcome> seenInline = new ArrayList<>();
    Thread caller = Thread.currentThread();

    IngestReport a =
        AHEAD.ingestRecords(
            ahead,
            "crm",
            Fixtures.stream(input),
            o -> {
              assertThat(Thread.currentThread()).isSameAs(caller);
              seenAhead.add(o);
            });
    IngestReport b = INLINE.ingestRecords(inline, "crm", Fixtures.stream(input), seenInline::add);

    assertThat(a).isEqualTo(b);
    assertThat(a.lines()).isEqualTo(1500);
    assertThat(a.rejected()).isGreaterThanOrEqualTo(45);
    assertThat(a.blank()).isEqualTo(16);
    assertThat(seenAhead).isEqualTo(seenInline).isNotEmpty();
    for (int n = 0; n < 700; n++) {
      Identity id = Identity.of("CRMID", "c-" + n);
      assertThat(ahead.lookup(id).fetch().map(p -> p.attributes()))
          .isEqualTo(inline.lookup(id).fetch().map(p -> p.attributes()));
    }
  }

  @Test
  void ingestEvents_readAhead_storesEveryEventInOrder() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < 1000; n++) {
      sb.append(Fixtures.webEvent(n)).append('\n');
    }
    ProfileStore store = Fixtures.store();

    IngestReport report = AHEAD.ingestEvents(store, "web", Fixtures.stream(sb.toString()));

    assertThat(report.accepted()).isEqualTo(1000);
    assertThat(store.events(Identity.of("CRMID", "c-999")).fetch().events()).hasSize(1);
  }

  @Test
  void ingestRecords_streamFailsMidway_linesBeforeAreStoredAndTheFailurePropagates() {
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < 600; n++) {
      sb.append(Fixtures.crmRecord(n)).append('\n');
    }
    byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    int cut = sb.indexOf(Fixtures.crmRecord(400));
    ProfileStore store = Fixtures.store();

    assertThatThrownBy(() -> AHEAD.ingestRecords(store, "crm", failingAfter(bytes, cut)))
        .isInstanceOf(IOException.class)
        .hasMessage("disk gone");

    assertThat(store.lookup(Identity.of("CRMID", "c-399")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "c-400")).fetch()).isEmpty();
  }

  @Test
  void ingestRecords_listenerThrows_stopsStoringAndTheReaderThreadEnds() throws Exception {
    String input = mixed();
    ProfileStore store = Fixtures.store();
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(
            () ->
                AHEAD.ingestRecords(
                    store,
                    "crm",
                    Fixtures.stream(input),
                    o -> {
                      seen.add(o.line());
                      throw new IllegalStateException("listener gave up");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("listener gave up");

    assertThat(seen).containsExactly(3L);
    // Line 3 was the first bad line: lines after it were never stored.
    assertThat(store.lookup(Identity.of("CRMID", "c-2")).fetch()).isPresent();
    assertThat(store.lookup(Identity.of("CRMID", "c-4")).fetch()).isEmpty();
    for (Thread t : readerThreads()) {
      t.join(30_000);
      assertThat(t.isAlive()).as(t.getName() + " still running").isFalse();
    }
  }

  @Test
  void ingestRecords_callerInterrupted_throwsInterruptedIoAndKeepsTheFlag() {
    ProfileStore store = Fixtures.store();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () -> AHEAD.ingestRecords(store, "crm", Fixtures.stream(Fixtures.crmRecord(1))))
          .isInstanceOf(InterruptedIOException.class);
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void ingestRecords_emptyInput_emptyReport() throws IOException {
    IngestReport report =
        AHEAD.ingestRecords(Fixtures.store(), "crm", new ByteArrayInputStream(new byte[0]));

    assertThat(report.lines()).isZero();
    assertThat(report.problems()).isEmpty();
  }

  private static List<Thread> readerThreads() {
    List<Thread> out = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(THREADS)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Serves {@code bytes} up to {@code cut}, then fails. */
  private static InputStream failingAfter(byte[] bytes, int cut) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (pos >= cut) {
          throw new IOException("disk gone");
        }
        int n = Math.min(len, cut - pos);
        System.arraycopy(bytes, pos, b, off, n);
        pos += n;
        return n;
      }
    };
  }
}
