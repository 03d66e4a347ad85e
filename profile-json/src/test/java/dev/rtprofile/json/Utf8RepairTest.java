package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8RepairTest {

  @Test
  void read_randomBytesInRandomReads_giveWellFormedUtf8AndTheBadLines() throws IOException {
    Random random = new Random(9);
    byte[] alphabet = {
      'a',
      '\n',
      (byte) 0x80,
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xE2,
      (byte) 0x82,
      (byte) 0xAC,
      (byte) 0xF0,
      (byte) 0x9F,
      (byte) 0x98,
      (byte) 0x80,
      (byte) 0xFF,
      (byte) 0xED,
      (byte) 0xA0
    };
    for (int round = 0; round < 100; round++) {
      byte[] input = new byte[random.nextInt(40_000)];
      for (int i = 0; i < input.length; i++) {
        input[i] = alphabet[random.nextInt(alphabet.length)];
      }
      Utf8Repair repair =
          new Utf8Repair(new NdjsonIngestTest.TrickleInputStream(input, 1 + random.nextInt(5000)));

      byte[] output = readAll(repair, random);

      assertThat(Utf8.invalidAt(output, 0, output.length)).isEqualTo(-1);
      long line = 1;
      int start = 0;
      for (int i = 0; i <= input.length; i++) {
        if (i == input.length || input[i] == '\n') {
          boolean bad = Utf8.invalidAt(input, start, i - start) >= 0;
          assertThat(repair.invalidBetween(line, line)).as("line %d", line).isEqualTo(bad);
          line++;
          start = i + 1;
        }
      }
    }
  }

  @Test
  void read_wellFormedText_passesThroughUnchanged() throws IOException {
    byte[] text = "a,é\n€,𝄞\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    Utf8Repair repair = new Utf8Repair(new NdjsonIngestTest.TrickleInputStream(text, 777));

    assertThat(readAll(repair, new Random(1))).isEqualTo(text);
    assertThat(repair.invalidBetween(1, Long.MAX_VALUE)).isFalse();
  }

  @Test
  void release_forgetsEarlierLines() throws IOException {
    byte[] input = NdjsonIngestTest.bytes("a\n", 0xFF, "\nb\n", 0xFF, "\n");
    Utf8Repair repair = new Utf8Repair(Fixtures.stream(input));
    readAll(repair, new Random(2));

    repair.release(3);

    assertThat(repair.invalidBetween(1, 3)).isFalse();
    assertThat(repair.invalidBetween(4, 4)).isTrue();
  }

  private static byte[] readAll(Utf8Repair in, Random random) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 + random.nextInt(9000)];
    int n;
    while ((n = in.read(buf, 0, buf.length)) >= 0) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }
}
