package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a durable store adds to the contract: erasure that leaves no trace in any file and holds
 * across restarts, one writer per directory, read-only opening, reopening under changed settings.
 */
class DurableStoreTest {
  private static final long T1 = 1_700_000_000_000L;
  private static final String RAW = "Jane.Doe@Example.COM";
  private static final String NORMALIZED = RAW.toLowerCase(Locale.ROOT);
  private static final Identity JANE = Identity.of("Email", RAW);
  private static final Identity CRM = Identity.of("CRMID", "crm-jane-7781");
  private static final Identity JOHN = Identity.of("Email", "john@example.com");

  @TempDir Path dir;

  private static ProfileStoreBuilder inMemory() {
    return ProfileStore.builder()
        .namespace(
            Namespace.standard("Email").withNormalizer(v -> v.trim().toLowerCase(Locale.ROOT)))
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE));
  }

  private static ProfileStoreBuilder builder(Path dir) {
    return inMemory().storage(dir);
  }

  /** Jane's data: a CRM record linking her email and CRM id, copies of her email in attributes. */
  private static void ingestJane(ProfileStore store) {
    store.ingest(
        Record.builder("crm")
            .primary(CRM)
            .identity(JANE)
            .timestamp(T1)
            .attribute("person.name", "Jane")
            .attribute("contact.email", RAW)
            .attribute("contact.emails", List.of(NORMALIZED, "other@example.com"))
            .build());
    store.ingest(
        Event.builder("web", "e-1")
            .timestamp(T1 + 1)
            .eventType("view")
            .primary("Email", RAW)
            .attribute("note", NORMALIZED)
            .build());
    store.ingest(
        Record.builder("crm")
            .primary(JOHN)
            .timestamp(T1)
            .attribute("referrer", NORMALIZED)
            .build());
  }

  @Test
  void eraseLeavesNoFileHoldingTheRawOrNormalizedValueAndHoldsAcrossRestarts() throws IOException {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      store.snapshot();
      ingestJane(store);
      assertThat(filesHolding(NORMALIZED)).isNotEmpty();
      store.erase(JANE);
      assertThat(filesHolding(RAW)).isEmpty();
      assertThat(filesHolding(NORMALIZED)).isEmpty();
      // Replayed data: the copies are stripped at ingest, nothing of it reaches a file.
      ingestJane(store);
      assertThat(filesHolding(RAW)).isEmpty();
      assertThat(filesHolding(NORMALIZED)).isEmpty();
    }
    assertThat(filesHolding(NORMALIZED)).isEmpty();
    try (ProfileStore store = builder(dir).build()) {
      assertThat(store.lookup(JANE).fetch()).isEmpty();
      ingestJane(store);
      assertThat(store.lookup(JANE).fetch()).isEmpty();
      Profile john = store.lookup(JOHN).fetch().orElseThrow();
      assertThat(john.attributes()).doesNotContainKey("referrer");
      Profile crm = store.lookup(CRM).fetch().orElseThrow();
      assertThat(crm.identities()).doesNotContain(Identity.of("Email", NORMALIZED));
      assertThat(crm.attributes()).containsEntry("person.name", "Jane");
      assertThat(crm.attributes()).doesNotContainKey("contact.email");
      assertThat(crm.attributes()).containsEntry("contact.emails", List.of("other@example.com"));
    }
    assertThat(filesHolding(RAW)).isEmpty();
    assertThat(filesHolding(NORMALIZED)).isEmpty();
  }

  @Test
  void eraseInABatchPurgesOnceAtItsEnd() throws IOException {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      store.batch(
          () -> {
            store.erase(JANE);
            store.erase(JOHN);
          });
      assertThat(filesHolding(NORMALIZED)).isEmpty();
      assertThat(filesHolding("john@example.com")).isEmpty();
      assertThat(store.lookup(CRM).fetch()).isPresent();
    }
  }

  @Test
  void aCompactedJournalKeepsWhatARestartNeedsAndNoMore() throws IOException {
    ProfileStoreBuilder compacting = builder(dir).compactJournal(true).segmentBytes(4096);
    try (ProfileStore store = compacting.build()) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 40; i++) {
          store.ingest(
              Record.builder("web")
                  .primary(Identity.of("Email", "r" + round + "-" + i + "@example.com"))
                  .timestamp(T1 + i)
                  .attribute("round", (long) round)
                  .build());
        }
        store.snapshot();
      }
      assertThat(store.storage().journal.firstSeq()).isGreaterThan(1);
    }
    long segments;
    try (Stream<Path> files = Files.list(dir)) {
      segments = files.filter(f -> f.toString().endsWith(".log")).count();
    }
    assertThat(segments).as("segments left after compaction").isLessThan(10);
    try (ProfileStore store = compacting.build()) {
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 40; i++) {
          assertThat(
                  store
                      .lookup(Identity.of("Email", "r" + round + "-" + i + "@example.com"))
                      .fetch())
              .isPresent();
        }
      }
    }
    assertThatThrownBy(() -> builder(dir).compactJournal(true).graphLimit(3).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("graphLimit");
  }

  @Test
  void aBatchThatThrowsAfterAnErasureStillPurgesIt() throws IOException {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      assertThatThrownBy(
              () ->
                  store.batch(
                      () -> {
                        store.erase(JANE);
                        throw new IllegalStateException("the application failed");
                      }))
          .hasMessage("the application failed");
      assertThat(filesHolding(NORMALIZED)).isEmpty();
      assertThat(store.lookup(JANE).fetch()).isEmpty();
    }
  }

  @Test
  void aSecondWriterIsRefusedWithTheHolderNamedWhileReadersMayOpen() {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      assertThatThrownBy(() -> builder(dir).build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("process")
          .hasMessageContaining("read-only");
      try (ProfileStore reader = builder(dir).readOnly(true).build()) {
        assertThat(reader.lookup(CRM).fetch()).isPresent();
        assertThatThrownBy(() -> reader.ingest(Record.builder("crm").primary(JOHN).build()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("read-only");
      }
    }
    // Released on close.
    try (ProfileStore store = builder(dir).build()) {
      assertThat(store.lookup(CRM).fetch()).isPresent();
    }
  }

  @Test
  void reopenedUnderChangedLimitsTheGraphsAreReDerivedFromTheJournal() {
    try (ProfileStore store = builder(dir).build()) {
      for (int i = 0; i < 5; i++) {
        store.ingest(
            Record.builder("web")
                .primary(CRM)
                .identity(Identity.of("Email", "u" + i + "@example.com"))
                .timestamp(T1 + i)
                .build());
      }
      assertThat(store.lookup(CRM).fetch().orElseThrow().identities()).hasSize(6);
    }
    ProfileStoreBuilder limited = builder(dir).graphLimit(3);
    ProfileStore fresh = inMemory().graphLimit(3).build();
    try (ProfileStore store = limited.build()) {
      RecoveryReport recovery = store.recovery().orElseThrow();
      assertThat(recovery.rederived()).isTrue();
      assertThat(recovery.changedSettings()).anyMatch(key -> key.contains("graphLimit"));
      assertThat(recovery.snapshotSeq()).isEqualTo(-1);
      assertThat(recovery.commandsReplayed()).isGreaterThanOrEqualTo(5);
      assertThat(store.lookup(CRM).fetch().orElseThrow().identities()).hasSize(3);
      for (int i = 0; i < 5; i++) {
        fresh.ingest(
            Record.builder("web")
                .primary(CRM)
                .identity(Identity.of("Email", "u" + i + "@example.com"))
                .timestamp(T1 + i)
                .build());
      }
      assertThat(store.lookup(CRM).fetch().orElseThrow().identities())
          .isEqualTo(fresh.lookup(CRM).fetch().orElseThrow().identities());
    } finally {
      fresh.close();
    }
    // And back: the snapshot derived under the first settings still fits them.
    try (ProfileStore store = builder(dir).build()) {
      assertThat(store.recovery().orElseThrow().rederived()).isFalse();
      assertThat(store.recovery().orElseThrow().snapshotSeq()).isPositive();
      assertThat(store.lookup(CRM).fetch().orElseThrow().identities()).hasSize(6);
    }
  }

  @Test
  void reopenedUnderChangedSettingsAfterAnErasureFailsClearly() {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      store.erase(JOHN);
    }
    assertThatThrownBy(() -> builder(dir).graphLimit(3).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("graphLimit")
        .hasMessageContaining("cannot be re-derived");
    // Nothing was changed by the refused opening.
    try (ProfileStore store = builder(dir).build()) {
      assertThat(store.lookup(CRM).fetch()).isPresent();
    }
  }

  @Test
  void commandsNamingAnErasedIdentityAfterItsErasureLeaveNoTraceEither() throws IOException {
    try (ProfileStore store = builder(dir).build()) {
      ingestJane(store);
      store.neverLink(JANE, JOHN);
      store.erase(JANE);
      assertThat(filesHolding(RAW)).isEmpty();
      assertThat(filesHolding(NORMALIZED)).isEmpty();
      store.unlink(JANE, CRM);
      store.delete(JANE);
      try {
        store.neverLink(JANE, JOHN);
      } catch (IllegalArgumentException refused) {
        // An erased identity may be refused as invalid; either way nothing of it is kept.
      }
      assertThat(filesHolding(RAW)).isEmpty();
      assertThat(filesHolding(NORMALIZED)).isEmpty();
    }
    assertThat(filesHolding(NORMALIZED)).isEmpty();
  }

  @Test
  void aStorageDirectoryThatIsAFileIsAClearError() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    assertThatThrownBy(() -> builder(file).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("cannot open the storage directory " + file);
  }

  /** The files of the directory holding {@code value}'s UTF-8 bytes, relative names. */
  private List<String> filesHolding(String value) throws IOException {
    byte[] needle = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return CrashRecoveryTest.indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .map(f -> dir.relativize(f).toString())
          .toList();
    }
  }
}
