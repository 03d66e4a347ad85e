package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable store opened on a damaged directory (DESIGN §6): the journal's tail cut at every byte
 * offset of its last entries, and random byte flips anywhere. Opening never throws for damage,
 * recovers a gap-free prefix of the commands, and never brings an erased identity back.
 */
class JournalDamageTest {
  private static final long T = 1_700_000_000_000L;
  private static final Identity ERASED = Identity.of("Email", "erased-person@example.com");

  @TempDir Path root;
  private Path original;

  private static Identity person(int i) {
    return Identity.of("Email", "p" + i + "@example.com");
  }

  /** Ten people, an erasure, ten more, left in the journal without a final snapshot. */
  @BeforeEach
  void writeStore() {
    original = root.resolve("original");
    ProfileStore store = ProfileStore.builder().storage(original).build();
    store.ingest(Record.builder("crm").primary(ERASED).timestamp(T).attribute("a", 1L).build());
    for (int i = 0; i < 20; i++) {
      if (i == 10) {
        store.erase(ERASED);
      }
      store.ingest(
          Record.builder("crm")
              .primary(person(i))
              .identity(i == 15 ? ERASED : person(i + 100))
              .timestamp(T + i)
              .attribute("friend", ERASED.value())
              .build());
    }
    store.closeWithoutSnapshot();
  }

  @Test
  void theTailCutAtEveryOffsetOfItsLastEntriesRecoversAPrefix() throws IOException {
    Path segment = lastSegment(original);
    long size = Files.size(segment);
    int previous = Integer.MAX_VALUE;
    for (long cut = size; cut >= Math.max(0, size - 600); cut--) {
      Path copy = copy("cut-" + cut);
      try (RandomAccessFile f = new RandomAccessFile(lastSegment(copy).toFile(), "rw")) {
        f.setLength(cut);
      }
      if (cut < size && cut > size - 40) {
        // A cut inside the last entry is reported where recovery stopped (a reader changes
        // nothing; the writer below truncates the torn entry).
        try (ProfileStore store = ProfileStore.builder().storage(copy).readOnly(true).build()) {
          assertThat(store.recovery().orElseThrow().journalDamage()).isPresent();
        }
      }
      int recovered = recoveredPrefix(copy, "cut at " + cut);
      assertThat(recovered)
          .as("cut at %d: fewer bytes, no more commands", cut)
          .isLessThanOrEqualTo(previous);
      previous = recovered;
      deleteTree(copy);
    }
    assertThat(previous).as("the cuts reached into the recorded people").isLessThan(20);
  }

  @Test
  void randomByteFlipsNeverThrowNorResurrect() throws IOException {
    Random rnd = new Random(42);
    List<Path> files;
    try (Stream<Path> list = Files.list(original)) {
      files =
          list.filter(p -> p.toString().endsWith(".log") || p.toString().endsWith(".snap"))
              .sorted()
              .toList();
    }
    for (int round = 0; round < 60; round++) {
      Path copy = copy("flip-" + round);
      Path victim = copy.resolve(files.get(rnd.nextInt(files.size())).getFileName());
      byte[] bytes = Files.readAllBytes(victim);
      int at = rnd.nextInt(bytes.length);
      bytes[at] ^= (byte) (1 << rnd.nextInt(8));
      Files.write(victim, bytes);
      try {
        recoveredPrefix(copy, "flip in " + victim.getFileName() + " at " + at);
      } catch (StorageException clear) {
        // A damaged purge snapshot leaves nothing to start from but a compacted journal: opening
        // refuses clearly rather than guessing.
        assertThat(clear).hasMessageContaining("cannot be re-derived");
        assertThat(victim.getFileName().toString()).endsWith(".snap");
      }
      deleteTree(copy);
    }
  }

  /** Opens {@code dir}; checks nothing erased is back and the people are a prefix; their count. */
  private static int recoveredPrefix(Path dir, String what) {
    try (ProfileStore store = ProfileStore.builder().storage(dir).build()) {
      assertThat(store.lookup(ERASED).fetch()).as("%s: the erased person", what).isEmpty();
      int n = 0;
      while (n < 20 && store.lookup(person(n)).fetch().isPresent()) {
        n++;
      }
      for (int i = n; i < 20; i++) {
        assertThat(store.lookup(person(i)).fetch())
            .as("%s: person %d after a gap", what, i)
            .isEmpty();
      }
      for (int i = 0; i < n; i++) {
        assertThat(store.lookup(person(i)).fetch().orElseThrow().attributes())
            .as("%s: the erased value's copy", what)
            .doesNotContainKey("friend");
      }
      return n;
    }
  }

  private static Path lastSegment(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> p.toString().endsWith(".log"))
          .sorted()
          .reduce((a, b) -> b)
          .orElseThrow();
    }
  }

  private Path copy(String name) throws IOException {
    Path copy = root.resolve(name);
    Files.createDirectories(copy);
    try (Stream<Path> list = Files.list(original)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        if (!file.getFileName().toString().equals("LOCK")) {
          Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return copy;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.delete(p);
      }
    }
  }
}
