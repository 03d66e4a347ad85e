package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress bar: only on a terminal, only after a second, completed at the end. */
class ProgressTest {
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void advance_notATerminal_neverDraws() {
    Progress.Tracker tracker = new Progress(stream, false, nanos::get).start("crm", 100);

    nanos.set(5_000_000_000L);
    tracker.advance(50);
    tracker.finish();

    assertThat(tracker.visible()).isFalse();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void advance_withinTheFirstSecond_drawsNothing() {
    Progress.Tracker tracker = new Progress(stream, true, nanos::get).start("crm", 100);

    nanos.set(999_000_000L);
    tracker.advance(99);
    tracker.finish();

    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void advance_afterASecond_drawsTheShareAndFinishCompletesIt() {
    Progress.Tracker tracker = new Progress(stream, true, nanos::get).start("crm", 1000);

    nanos.set(1_500_000_000L);
    tracker.advance(500);
    String half = err.toString(StandardCharsets.UTF_8);
    tracker.finish();

    assertThat(half).startsWith("\rcrm [###############               ]  50%");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .endsWith("\rcrm [##############################] 100% 0.0 MB" + System.lineSeparator());
  }

  @Test
  void advance_redraws_atMostTenTimesASecond() {
    Progress.Tracker tracker = new Progress(stream, true, nanos::get).start("web", 1000);

    nanos.set(2_000_000_000L);
    tracker.advance(100);
    nanos.set(2_050_000_000L);
    tracker.advance(100);
    nanos.set(2_100_000_000L);
    tracker.advance(100);

    assertThat(err.toString(StandardCharsets.UTF_8).split("\r", -1)).hasSize(3);
  }

  @Test
  void wrap_countsTheBytesRead() throws IOException {
    Progress.Tracker tracker = new Progress(stream, true, nanos::get).start("in", 10);
    nanos.set(3_000_000_000L);

    try (InputStream in = tracker.wrap(new ByteArrayInputStream(new byte[10]))) {
      assertThat(in.read()).isZero();
      nanos.set(3_200_000_000L);
      assertThat(in.read(new byte[20], 0, 20)).isEqualTo(9);
    }

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "\rin [###                           ]  10% 0.0 MB"
                + "\rin [##############################] 100% 0.0 MB");
  }
}
