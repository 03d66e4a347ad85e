package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  @Test
  void next_mixedLineEnds_splitsAtNewlineAndStripsCrAndBom() throws IOException {
    List<String> lines = read("\uFEFFa\r\nb\n\r\n\nc", 100, 1 << 16);

    assertThat(lines).containsExactly("a", "b", "", "", "c");
  }

  @Test
  void next_trailingNewline_addsNoEmptyLine() throws IOException {
    assertThat(read("a\nb\n", 100, 1 << 16)).containsExactly("a", "b");
  }

  @Test
  void next_anyReadSizes_giveTheSameLines() throws IOException {
    Random random = new Random(11);
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String line = "x".repeat(random.nextInt(200_000)) + i;
      expected.add(line.length() > 150_000 ? "<too long>" : line);
      text.append(line).append(random.nextBoolean() ? "\n" : "\r\n");
    }

    for (int step : new int[] {1 << 16, 10_007, 65_537, 333_333}) {
      assertThat(read(text.toString(), 150_000, step)).as("step %d", step).isEqualTo(expected);
    }
  }

  @Test
  void next_tenMegabyteLine_keepsMemoryBoundedByTheLimit() throws IOException {
    byte[] big = ("x".repeat(10 << 20) + "\nok\n").getBytes(StandardCharsets.UTF_8);
    LineReader reader = new LineReader(new ByteArrayInputStream(big), 1000);

    assertThat(reader.next()).isTrue();
    assertThat(reader.tooLong()).isTrue();
    assertThat(reader.rawLength()).isEqualTo(10 << 20);
    assertThat(reader.bytes().length).isLessThanOrEqualTo(64 * 1024);
    assertThat(reader.next()).isTrue();
    assertThat(reader.tooLong()).isFalse();
    assertThat(text(reader)).isEqualTo("ok");
    assertThat(reader.number()).isEqualTo(2);
    assertThat(reader.next()).isFalse();
  }

  private static List<String> read(String text, int max, int step) throws IOException {
    InputStream in =
        new NdjsonIngestTest.TrickleInputStream(text.getBytes(StandardCharsets.UTF_8), step);
    LineReader reader = new LineReader(in, max);
    List<String> out = new ArrayList<>();
    while (reader.next()) {
      out.add(reader.tooLong() ? "<too long>" : text(reader));
    }
    return out;
  }

  private static String text(LineReader reader) {
    return new String(reader.bytes(), reader.offset(), reader.length(), StandardCharsets.UTF_8);
  }
}
