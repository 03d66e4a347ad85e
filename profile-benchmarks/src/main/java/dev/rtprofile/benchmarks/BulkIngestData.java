package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.ObjectMapper;

/**
 * A bulk NDJSON ingest that never runs dry, for {@link LookupLatencyBenchmark}: {@code lines} XDM
 * record lines generated once from a seed, handed out in batches, pass after pass. Each line is, at
 * random with even odds,
 *
 * <ul>
 *   <li>an <b>update</b>: a newer CRM record of a random one of the {@code profiles} people of
 *       {@link ProfileData}, with the same identities (CRMID primary, email) and the same 12
 *       attributes as {@link ProfileData#crm}, so the profiles that lookups read keep their shape;
 *       or
 *   <li>a <b>new person</b>: an {@link IngestData} record (identities from {@link LinkingData}, 20%
 *       of them shared with a recent new-person line, so the lines link into graphs; 15 to 30
 *       catalogue attributes), with a 4-digit generation number written into every identity value.
 * </ul>
 *
 * <p>Before each pass the bytes are patched in place: every {@code lastUpdatedDate} moves past the
 * previous pass's, so that updates are accepted rather than ignored as stale, and the generation
 * number advances, so that the new-person lines bring new people again. After {@code generations}
 * passes the number stops advancing, and the new-person lines update the last pass's people
 * instead: that bounds the heap however long an iteration runs. {@link #rewind()} starts over at
 * pass 0, for a freshly loaded store.
 *
 * <p>Not thread-safe: one ingest thread owns an instance.
 */
public final class BulkIngestData {
  /** The custom timestamps of pass {@code k} are {@code T1 + k * lines + line}, after any load. */
  private static final long T1 = 1_800_000_000_000L;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TIME_PLACEHOLDER = "2000-01-01T00:00:00.000Z";
  private static final byte[] TIME_FIELD = bytes("\"lastUpdatedDate\":\"");
  private static final int TAG_DIGITS = 4;

  private final byte[] ndjson;
  private final int[] starts;
  private final int[] timeAt;

  /** The offsets of the generation digits in every new-person identity value. */
  private final int[] tagAt;

  private final int generations;
  private final int batch;
  private final int updates;
  private int pass;
  private int next;

  private BulkIngestData(
      byte[] ndjson,
      int[] starts,
      int[] timeAt,
      int[] tagAt,
      int generations,
      int batch,
      int updates) {
    this.ndjson = ndjson;
    this.starts = starts;
    this.timeAt = timeAt;
    this.tagAt = tagAt;
    this.generations = generations;
    this.batch = batch;
    this.updates = updates;
    rewind();
  }

  /**
   * Generates {@code lines} lines from {@code seed}, the updates naming people {@code 0} to {@code
   * profiles - 1}, handed out {@code batch} lines at a time; new people arrive for {@code
   * generations} passes.
   */
  public static BulkIngestData generate(
      int lines, int profiles, long seed, int batch, int generations) {
    if (generations < 1 || generations >= Math.pow(10, TAG_DIGITS)) {
      throw new IllegalArgumentException("generations must be 1 to 9999, but was " + generations);
    }
    LinkingData ids = LinkingData.generate(lines, seed);
    SplittableRandom random = new SplittableRandom(seed + 5);
    ByteArrayOutputStream out = new ByteArrayOutputStream(lines * 800);
    int[] starts = new int[lines + 1];
    int[] timeAt = new int[lines];
    int[] tagAt = new int[lines * 4];
    int tags = 0;
    int newPeople = 0;
    int updates = 0;
    for (int i = 0; i < lines; i++) {
      starts[i] = out.size();
      List<Identity> tagged = new ArrayList<>();
      Map<String, Object> line;
      if (random.nextBoolean()) {
        int p = random.nextInt(profiles);
        line = new LinkedHashMap<>();
        line.put(
            "identityMap",
            IngestData.identityMap(List.of(ProfileData.secondary(p), ProfileData.primary(p))));
        Map<String, Object> attributes = ProfileData.crm(p, T1, random).attributes();
        for (Map.Entry<String, Object> a : attributes.entrySet()) {
          IngestData.put(line, a.getKey(), a.getValue());
        }
        IngestData.put(line, "extSourceSystemAudit.lastUpdatedDate", TIME_PLACEHOLDER);
        updates++;
      } else {
        // New-person lines take LinkingData's records in order, so its sharing window holds.
        for (Identity id : ids.identities.get(newPeople++)) {
          tagged.add(tagged(id));
        }
        line = IngestData.record(TIME_PLACEHOLDER, tagged, random);
      }
      byte[] bytes = MAPPER.writeValueAsBytes(line);
      timeAt[i] = starts[i] + after(bytes, TIME_FIELD);
      for (Identity id : tagged) {
        // Just after the value's closing quote, so the value starts length + 1 bytes before.
        int end = after(bytes, bytes("{\"id\":\"" + id.value() + "\""));
        tagAt[tags++] = starts[i] + end - 1 - id.value().length();
      }
      out.writeBytes(bytes);
      out.write('\n');
    }
    starts[lines] = out.size();
    return new BulkIngestData(
        out.toByteArray(), starts, timeAt, Arrays.copyOf(tagAt, tags), generations, batch, updates);
  }

  /**
   * {@code id} with generation 0 written in, at the start of its value: over the first 4 of an
   * ECID's 38 digits (its last 19 are a counter, so it stays unique), before any other value
   * ({@code 0000-user7@mail7.example.com}).
   */
  private static Identity tagged(Identity id) {
    String zeros = "0".repeat(TAG_DIGITS);
    String v = id.value();
    return Identity.of(
        id.namespace(),
        id.namespace().equals("ECID") ? zeros + v.substring(TAG_DIGITS) : zeros + "-" + v);
  }

  /** The offset just after the first {@code needle} in {@code bytes}. */
  private static int after(byte[] bytes, byte[] needle) {
    outer:
    for (int i = 0; i <= bytes.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i + needle.length;
    }
    throw new IllegalStateException("not found: " + new String(needle, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** How many lines one pass holds. */
  public int lines() {
    return starts.length - 1;
  }

  /** How many of the lines are updates of loaded people; the rest bring new people. */
  public int updates() {
    return updates;
  }

  /** The size of one pass, in bytes of NDJSON. */
  public int bytes() {
    return ndjson.length;
  }

  /** Starts over at pass 0, the lines patched for it. */
  public void rewind() {
    pass = 0;
    next = 0;
    patch();
  }

  /** The pass the next batch belongs to, from 0. */
  public int pass() {
    return pass;
  }

  /**
   * The next batch of up to {@code batch} lines, as a stream over the shared bytes; at the end of a
   * pass the lines are patched for the next one. Read each batch to its end before asking for the
   * next: the bytes change under a stream still being read at the end of a pass.
   */
  public ByteArrayInputStream nextBatch() {
    if (next == lines()) {
      pass++;
      next = 0;
      patch();
    }
    int from = next;
    next = Math.min(lines(), next + batch);
    return new ByteArrayInputStream(ndjson, starts[from], starts[next] - starts[from]);
  }

  /** Writes the current pass's timestamps and generation number into every line. */
  private void patch() {
    int generation = Math.min(pass, generations - 1);
    int lines = lines();
    long base = T1 + (long) pass * lines;
    for (int i = 0; i < lines; i++) {
      writeTime(timeAt[i], base + i);
    }
    for (int t : tagAt) {
      writeDigits(t, TAG_DIGITS, generation);
    }
  }

  /** Writes {@code millis} as {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (24 bytes) at {@code at}. */
  private void writeTime(int at, long millis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
    writeDigits(at, 4, t.getYear());
    writeDigits(at + 5, 2, t.getMonthValue());
    writeDigits(at + 8, 2, t.getDayOfMonth());
    writeDigits(at + 11, 2, t.getHour());
    writeDigits(at + 14, 2, t.getMinute());
    writeDigits(at + 17, 2, t.getSecond());
    writeDigits(at + 20, 3, (int) Math.floorMod(millis, 1000));
  }

  private void writeDigits(int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      ndjson[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }
}
