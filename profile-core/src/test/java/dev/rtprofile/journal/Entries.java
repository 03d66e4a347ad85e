package dev.rtprofile.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Payloads for the journal tests, and ways to read a journal back. */
final class Entries {
  private Entries() {}

  /**
   * Returns a payload that names its sequence number and has a seeded length and filler, so a
   * payload in the wrong place or partly overwritten is recognized.
   */
  static byte[] payload(long seq, Random random) {
    String head = "entry-" + seq + ":";
    byte[] bytes = new byte[head.length() + 1 + random.nextInt(40)];
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
    for (int i = head.length(); i < bytes.length; i++) {
      bytes[i] = (byte) ('a' + random.nextInt(26));
    }
    return bytes;
  }

  /** Appends {@code payload} whole and returns its sequence number. */
  static long append(Journal journal, byte[] payload) throws IOException {
    return journal.append(payload, 0, payload.length);
  }

  /** Returns every entry a replay from {@code fromSeq} gives, as copies. */
  static List<byte[]> replay(Journal journal, long fromSeq) throws IOException {
    List<byte[]> entries = new ArrayList<>();
    long[] expected = {Math.max(fromSeq, journal.firstSeq())};
    journal.replay(
        fromSeq,
        (seq, payload) -> {
          if (seq != expected[0]++) {
            throw new AssertionError("replay gave seq " + seq + ", expected " + (expected[0] - 1));
          }
          if (!payload.isReadOnly()) {
            throw new AssertionError("the payload is writable");
          }
          byte[] copy = new byte[payload.remaining()];
          payload.get(copy);
          entries.add(copy);
        });
    return entries;
  }

  /** Opens the journal in {@code dir} read-only and returns all its entries. */
  static List<byte[]> readAll(Path dir) throws IOException {
    try (Journal journal = Journal.open(dir, JournalOptions.defaults().withReadOnly(true))) {
      return replay(journal, 1);
    }
  }

  /** Returns the names of the files in {@code dir}, sorted. */
  static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** Returns the segment files in {@code dir}, oldest first. */
  static List<Path> segments(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> SegmentFormat.segmentSeq(file) > 0)
          .sorted()
          .collect(Collectors.toList());
    }
  }

  /** Returns a buffer's remaining bytes as a new array. */
  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
