package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with a byte-by-byte scan on every offset, length and byte. */
class BytesTest {
  @Test
  void indexOfAndFirstNonAsciiOrNul_randomArrays_matchAPlainLoop() {
    SplittableRandom random = new SplittableRandom(11);
    for (int round = 0; round < 20_000; round++) {
      byte[] a = new byte[random.nextInt(1, 80)];
      for (int i = 0; i < a.length; i++) {
        // Mostly ASCII letters, now and then a newline, a NUL, a byte at or above 0x80.
        int kind = random.nextInt(20);
        a[i] =
            (byte)
                switch (kind) {
                  case 0 -> '\n';
                  case 1 -> 0;
                  case 2 -> random.nextInt(0x80, 0x100);
                  case 3 -> 0x8A; // '\n' with the high bit set
                  default -> random.nextInt('a', 'z' + 1);
                };
      }
      int from = random.nextInt(a.length + 1);
      int to = random.nextInt(from, a.length + 1);
      byte target = random.nextBoolean() ? (byte) '\n' : 0;

      assertThat(Bytes.indexOf(a, from, to, target)).isEqualTo(plainIndexOf(a, from, to, target));
      assertThat(Bytes.firstNonAsciiOrNul(a, from, to)).isEqualTo(plainNonAsciiOrNul(a, from, to));
    }
  }

  private static int plainIndexOf(byte[] a, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static int plainNonAsciiOrNul(byte[] a, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] <= 0) {
        return i;
      }
    }
    return -1;
  }
}
