package dev.rtprofile.json;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The checks every single-document read makes before parsing: a dataset that is not blank, the
 * document as UTF-8 without a byte-order mark, and its size against the limit. Stateless.
 */
final class DocumentInput {
  private DocumentInput() {}

  static void checkDataset(String dataset) {
    Objects.requireNonNull(dataset, "dataset");
    if (dataset.isBlank()) {
      throw new IllegalArgumentException("dataset must not be blank, but was '" + dataset + "'");
    }
  }

  static byte[] utf8(String json, String parameter) {
    Objects.requireNonNull(json, parameter);
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static int bomLength(byte[] json) {
    return json.length >= 3
            && json[0] == (byte) 0xEF
            && json[1] == (byte) 0xBB
            && json[2] == (byte) 0xBF
        ? 3
        : 0;
  }

  static void checkSize(int length, int max, String kind) {
    if (length > max) {
      throw new InvalidJsonException(
          InputProblem.TOO_LARGE,
          "the "
              + kind
              + " is "
              + length
              + " bytes, over the "
              + kind
              + " limit of "
              + max
              + " bytes");
    }
  }
}
