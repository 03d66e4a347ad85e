package dev.rtprofile.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.rtprofile.store.ProfileStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeded fuzzing of the reader: random bytes and mutations of valid records and events. Nothing may
 * escape but a per-line rejection; every line is counted once; a line the reader accepts is
 * well-formed JSON by Jackson's own tree parser. Set {@code -Dfuzz.seed=N} to explore other seeds.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("fuzz.seed", 20260501L);
  private static final int CASES = 4_000;
  private static final JsonMapper JACKSON = JsonMapper.builder().build();
  private static final String[] TOKENS = {
    "{",
    "}",
    "[",
    "]",
    "\"",
    ":",
    ",",
    "\\",
    "\\u",
    "\\uD800",
    "null",
    "true",
    "1e999",
    "-0",
    "1.5e-400",
    "99999999999999999999999",
    "\"identityMap\"",
    "\"primary\"",
    "\"_id\"",
    "\"timestamp\"",
    "\"2026-13-45T99:00:00Z\"",
    ".",
    "\r",
    "\t",
    " "
  };
  private static final byte[][] RAW = {
    {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    {(byte) 0xFF},
    {(byte) 0xC0, (byte) 0x80},
    {0},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xE2, (byte) 0x82},
    {'\n'}
  };

  private final ProfileJson json = ProfileJson.builder().maxRecordBytes(4096).build();

  @Test
  void ingestRecords_randomBytes_onlyPerLineRejections() throws IOException {
    Random random = new Random(SEED);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      byte[] line = new byte[random.nextInt(120)];
      random.nextBytes(line);
      lines.add(line);
    }
    checkStream(lines, false);
    checkSingle(lines, false);
  }

  @Test
  void ingestRecords_mutatedRecords_onlyPerLineRejections() throws IOException {
    Random random = new Random(SEED + 1);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      lines.add(mutate(Fixtures.crmRecord(random.nextInt(50)), random));
    }
    checkStream(lines, false);
    checkSingle(lines, false);
  }

  @Test
  void ingestEvents_mutatedEvents_onlyPerLineRejections() throws IOException {
    Random random = new Random(SEED + 2);
    List<byte[]> lines = new ArrayList<>();
    for (int i = 0; i < CASES; i++) {
      lines.add(mutate(Fixtures.webEvent(random.nextInt(50)), random));
    }
    checkStream(lines, true);
    checkSingle(lines, true);
  }

  @Test
  void ingestCsvRecords_mutatedRows_onlyPerRowRejections() {
    Random random = new Random(SEED + 3);
    FieldMapping mapping =
        FieldMapping.builder()
            .primaryIdentity("/id", "CRMID")
            .identity("/email", "Email")
            .attribute("/name", "person.name")
            .attribute("/points", "loyalty.points", ValueType.LONG)
            .customTimestamp("/updated")
            .build();
    for (int file = 0; file < 40; file++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes("id,email,name,points,updated\n".getBytes(StandardCharsets.UTF_8));
      for (int row = 0; row < 100; row++) {
        String valid =
            "c-" + row + ",u" + row + "@x.com,\"N, " + row + "\"," + row + ",2026-04-01T10:00:00Z";
        out.writeBytes(
            random.nextInt(4) == 0
                ? mutate(valid, random)
                : valid.getBytes(StandardCharsets.UTF_8));
        out.write(random.nextInt(5) == 0 ? '\r' : '\n');
      }

      IngestReport report =
          json.mapping(mapping)
              .ingestCsvRecords(Fixtures.store(), "crm", Fixtures.stream(out.toByteArray()));

      assertThat(report.lines()).isLessThanOrEqualTo(300);
      assertThat(report.problems()).extracting(LineOutcome::line).isSorted();
      assertThat(report.problems()).allSatisfy(o -> assertThat(o.reason()).isNotEmpty());
    }
  }

  /** Applies one to four random edits: flips, inserts, deletes, duplicates, truncations. */
  private static byte[] mutate(String valid, Random random) {
    byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
      bytes =
          switch (random.nextInt(6)) {
            case 0 -> flip(bytes, at, random);
            case 1 ->
                splice(
                    bytes,
                    at,
                    0,
                    TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            case 2 ->
                splice(bytes, at, Math.min(1 + random.nextInt(8), bytes.length - at), new byte[0]);
            case 3 -> splice(bytes, at, 0, RAW[random.nextInt(RAW.length)]);
            case 4 -> java.util.Arrays.copyOf(bytes, at);
            default -> {
              int from = random.nextInt(bytes.length + 1);
              int len = Math.min(random.nextInt(30), bytes.length - from);
              byte[] copy = java.util.Arrays.copyOfRange(bytes, from, from + len);
              yield splice(bytes, at, 0, copy);
            }
          };
    }
    return bytes;
  }

  private static byte[] flip(byte[] bytes, int at, Random random) {
    if (at >= bytes.length) {
      return bytes;
    }
    byte[] out = bytes.clone();
    out[at] = (byte) random.nextInt(256);
    return out;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }

  /** Streams all lines at once: the report must count every physical line exactly once. */
  private void checkStream(List<byte[]> lines, boolean events) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      out.writeBytes(line);
      out.write('\n');
    }
    byte[] input = out.toByteArray();
    long newlines = 0;
    for (byte b : input) {
      if (b == '\n') {
        newlines++;
      }
    }
    long physical = newlines;
    ProfileStore store = Fixtures.store();

    IngestReport report =
        events
            ? json.ingestEvents(store, "web", Fixtures.stream(input))
            : json.ingestRecords(store, "crm", Fixtures.stream(input));

    assertThat(report.lines()).isEqualTo(physical);
    assertThat(report.problems())
        .allSatisfy(
            o -> {
              assertThat(o.line()).isBetween(1L, physical);
              assertThat(o.reason()).isNotEmpty();
            });
    assertThat(report.problems()).extracting(LineOutcome::line).isSorted().doesNotHaveDuplicates();
  }

  /**
   * Reads each line as one document: only {@link InvalidJsonException} may escape, and what is read
   * must be a JSON object by Jackson's tree parser too.
   */
  private void checkSingle(List<byte[]> lines, boolean events) {
    for (byte[] line : lines) {
      try {
        if (events) {
          json.readEvent("web", line);
        } else {
          json.readRecord("crm", line);
        }
      } catch (InvalidJsonException e) {
        assertThat(e.problem()).isNotNull();
        continue;
      } catch (RuntimeException e) {
        fail("escaped the reader for input " + hex(line), e);
      }
      try {
        JsonNode tree = JACKSON.readTree(stripBom(line));
        assertThat(tree.isObject()).as("accepted input %s", hex(line)).isTrue();
      } catch (JacksonException e) {
        fail("accepted input that Jackson's tree parser rejects: " + hex(line), e);
      }
    }
  }

  private static byte[] stripBom(byte[] line) {
    return line.length >= 3
            && line[0] == (byte) 0xEF
            && line[1] == (byte) 0xBB
            && line[2] == (byte) 0xBF
        ? java.util.Arrays.copyOfRange(line, 3, line.length)
        : line;
  }

  private static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      if (b >= 0x20 && b < 0x7F) {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02X", b & 0xFF));
      }
    }
    return sb.toString();
  }
}
