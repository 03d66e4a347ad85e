package dev.rtprofile.json;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.store.ProfileStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A small deterministic store for the output shapes: Jane in a CRM and a loyalty dataset, with
 * three web events on her device, all ingested through {@link ProfileJson}.
 */
final class Scenario {
  static final Identity CRMID = Identity.of("CRMID", "c-1");
  static final Identity EMAIL = Identity.of("Email", "jane@example.com");
  static final Identity ECID = Identity.of("ECID", Fixtures.ECID);

  static final String CRM =
      "{\"identityMap\":{\"CRMID\":[{\"id\":\"c-1\",\"primary\":true}],"
          + "\"Email\":[{\"id\":\"jane@example.com\"}]},"
          + "\"person\":{\"name\":{\"firstName\":\"Jane\",\"lastName\":\"Doe\"}},"
          + "\"loyalty\":{\"points\":120,\"tier\":\"silver\"},\"segments\":[\"vip\",\"news\"],"
          + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-04-01T10:00:00Z\"}}";
  static final String LOYALTY =
      "{\"identityMap\":{\"Email\":[{\"id\":\"jane@example.com\",\"primary\":true}]},"
          + "\"loyalty\":{\"points\":250,\"tier\":\"gold\",\"ratio\":0.75},"
          + "\"extSourceSystemAudit\":{\"lastUpdatedDate\":\"2026-04-15T08:30:00Z\"}}";

  private Scenario() {}

  static String event(int n) {
    return "{\"_id\":\"evt-"
        + n
        + "\",\"timestamp\":\"2026-04-2"
        + n
        + "T09:00:00Z\",\"eventType\":\"web.webpagedetails.pageViews\","
        + "\"identityMap\":{\"ECID\":[{\"id\":\""
        + Fixtures.ECID
        + "\",\"primary\":true}],\"CRMID\":[{\"id\":\"c-1\"}]},"
        + "\"web\":{\"webPageDetails\":{\"name\":\"page-"
        + n
        + "\"}},\"commerce\":{\"order\":{\"priceTotal\":"
        + (n * 10.5)
        + "}}}";
  }

  static ProfileStore store() {
    ProfileStore store = Fixtures.store();
    ProfileJson json = ProfileJson.defaults();
    try {
      json.ingestRecords(store, "crm", Fixtures.stream(CRM + "\n"));
      json.ingestRecords(store, "loyalty", Fixtures.stream(LOYALTY + "\n"));
      json.ingestEvents(
          store, "web", Fixtures.stream(event(1) + "\n" + event(2) + "\n" + event(3)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return store;
  }
}
