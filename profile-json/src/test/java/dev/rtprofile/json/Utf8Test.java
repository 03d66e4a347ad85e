package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 check against the JDK's strict decoder as the oracle. */
class Utf8Test {

  @Test
  void invalidAt_randomBytes_agreesWithTheJdkDecoder() {
    Random random = new Random(7);
    byte[] alphabet = {
      'a',
      '"',
      (byte) 0x80,
      (byte) 0xBF,
      (byte) 0xC0,
      (byte) 0xC2,
      (byte) 0xDF,
      (byte) 0xE0,
      (byte) 0xED,
      (byte) 0xEF,
      (byte) 0xF0,
      (byte) 0xF4,
      (byte) 0xF5,
      (byte) 0xFF,
      (byte) 0x9F,
      (byte) 0xA0,
      (byte) 0x8F,
      (byte) 0x90
    };
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(8)];
      for (int k = 0; k < bytes.length; k++) {
        bytes[k] = alphabet[random.nextInt(alphabet.length)];
      }

      assertThat(Utf8.invalidAt(bytes, 0, bytes.length) < 0)
          .as("bytes %s", java.util.Arrays.toString(bytes))
          .isEqualTo(jdkAccepts(bytes));
    }
  }

  @Test
  void invalidAt_wellFormedText_isValid() {
    byte[] bytes = "ascii é € 𝄞 中文".getBytes(StandardCharsets.UTF_8);

    assertThat(Utf8.invalidAt(bytes, 0, bytes.length)).isEqualTo(-1);
  }

  @Test
  void invalidAt_offset_pointsAtTheBadByte() {
    byte[] bytes = {'x', 'a', 'b', (byte) 0xFF, 'c'};

    assertThat(Utf8.invalidAt(bytes, 1, 4)).isEqualTo(3);
    assertThat(Utf8.invalidAt(bytes, 0, 3)).isEqualTo(-1);
  }

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
