package dev.rtprofile.json;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.AttributeStrategy;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Stores, clocks and sample documents shared by the tests. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ECID = "12345678901234567890123456789012345678";

  private Fixtures() {}

  /**
   * A store with CRMID (unique, cross-device) registered, a fixed clock and a no-stitching policy.
   */
  static ProfileStoreBuilder storeBuilder() {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .linkingRules(
            LinkingRules.builder().unique("CRMID").priority("CRMID", "Email", "ECID").build())
        .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
        .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id("crm-first"))
        .mergePolicy(
            MergePolicy.timestampOrdered()
                .id("summed")
                .override("loyalty.points", AttributeStrategy.sum()))
        .blockedValue("Email", "test@test.com")
        .clock(CLOCK);
  }

  static ProfileStore store() {
    return storeBuilder().build();
  }

  /** A typical XDM record of dataset crm for customer {@code n}. */
  static String crmRecord(int n) {
    return "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-"
        + n
        + "\",\"primary\":true,\"authenticatedState\":\"authenticated\"}],"
        + "\"Email\":[{\"id\":\"user"
        + n
        + "@example.com\"}]},"
        + "\"person\":{\"name\":{\"firstName\":\"First"
        + n
        + "\",\"lastName\":\"Last"
        + n
        + "\"}},\"loyalty\":{\"points\":"
        + (n * 10)
        + ",\"tier\":\"gold\"},\"segments\":[\"a\",\"b\"],"
        + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-04-01T10:00:00Z\"}}";
  }

  /** A typical XDM experience event with id {@code e-n} for customer {@code n}. */
  static String webEvent(int n) {
    return "{\"_id\":\"e-"
        + n
        + "\",\"timestamp\":\"2026-04-0"
        + (1 + n % 9)
        + "T10:00:00Z\",\"eventType\":\"web.webpagedetails.pageViews\","
        + "\"identityMap\":{\"CRMID\":[{\"id\":\"c-"
        + n
        + "\",\"primary\":true}]},"
        + "\"web\":{\"webPageDetails\":{\"name\":\"home\",\"URL\":\"https://example.com/\"}}}";
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  static InputStream stream(byte[] bytes) {
    return new ByteArrayInputStream(bytes);
  }

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource missing: " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
