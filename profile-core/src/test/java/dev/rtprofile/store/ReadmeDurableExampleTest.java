package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's durable-store example: the {@code tag::NAME[]} region below is quoted verbatim in
 * README.md, so the snippet there compiles and runs here.
 */
class ReadmeDurableExampleTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCE =
      Path.of("src", "test", "java", "dev", "rtprofile", "store", "ReadmeDurableExampleTest.java");

  @TempDir Path tmp;

  @Test
  void aDurableStoreRestartsWhereItWasAndErasureLeavesNoTrace() throws IOException {
    Path dir = tmp.resolve("profiles");
    byte[] secretSalt = "a secret from your vault, 16+ bytes".getBytes();
    // tag::durable[]
    ProfileStoreBuilder builder =
        ProfileStore.builder()
            .storage(dir) // durable: a journal and snapshots in this directory
            .durability(Durability.everyWrite()) // the default: forced, with group commit
            .denyListSalt(secretSalt); // erasures cannot be guessed back from the files
    try (ProfileStore store = builder.build()) {
      store.batch( // one force for every write in the batch
          () -> {
            store.ingest(
                Record.builder("crm")
                    .primary("Email", "jane@example.com")
                    .identity("Phone", "+15550001111")
                    .timestamp(1_767_225_600_000L)
                    .attribute("loyalty.tier", "gold")
                    .build());
            store.ingest(
                Record.builder("crm")
                    .primary("Email", "old@example.com")
                    .timestamp(1_767_225_600_000L)
                    .build());
          });
      store.erase(Identity.of("Email", "old@example.com")); // returns once no file holds it
    } // close() writes a snapshot

    // Later, or after a crash: the same builder on the same directory carries on from there.
    try (ProfileStore store = builder.build()) {
      Profile jane = store.lookup(Identity.of("Phone", "+15550001111")).fetch().orElseThrow();
      // jane.attributes().get("loyalty.tier") is "gold"
      // end::durable[]
      assertThat(jane.attributes()).containsEntry("loyalty.tier", "gold");
      assertThat(store.lookup(Identity.of("Email", "old@example.com")).fetch()).isEmpty();
    }
    assertThat(CrashRecoveryTest.entriesHolding(dir, "old@example.com".getBytes())).isEmpty();
  }

  @Test
  void theReadmeQuotesTheRegionsVerbatim() throws IOException {
    String source = Files.readString(SOURCE);
    Map<String, String> regions = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?s)// tag::([a-z-]+)\\[\\]\\n(.*?)\\n\\s*// end::\\1\\[\\]")
            .matcher(source);
    while (m.find()) {
      regions.put(m.group(1), dedent(m.group(2)));
    }
    assertThat(regions).containsOnlyKeys("durable");
    String readme = Files.readString(README);
    regions.forEach((name, code) -> assertThat(readme).as("README region %s", name).contains(code));
  }

  /** The region without the indentation of its first line. */
  private static String dedent(String code) {
    int indent = code.length() - code.stripLeading().length();
    StringBuilder out = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      out.append(line.length() >= indent ? line.substring(indent) : line.strip()).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
