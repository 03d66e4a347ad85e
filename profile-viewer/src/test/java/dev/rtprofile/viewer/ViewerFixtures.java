package dev.rtprofile.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.MergePolicy;
import dev.rtprofile.store.Event;
import dev.rtprofile.store.IngestResult;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.Record;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The store the viewer tests look at: a CRM dataset and a loyalty dataset that disagree on Jane's
 * first name (the default timestamp-ordered policy picks the newer loyalty value {@value
 * #JANE_NEWEST}, the {@value #CRM_FIRST} policy the CRM value {@value #JANE_CRM}), {@value
 * #JANE_EVENTS} web events of Jane's, a kiosk device used by Jane and then Tom (the unique-CRMID
 * rule removes its link to Jane, drawn dashed in her graph), and {@value #FILLERS} more customers,
 * one of them with two emails.
 */
final class ViewerFixtures {
  static final String CRM_FIRST = "crm-first";
  static final String JANE_CRM = "Jane";
  static final String JANE_NEWEST = "Janie";
  static final int JANE_EVENTS = 45;
  static final int JANE_PURCHASES = 15;
  static final int FILLERS = 30;
  static final Identity JANE_CRMID = Identity.of("CRMID", "c-jane");
  static final Identity JANE_EMAIL = Identity.of("Email", "jane@example.com");
  static final Identity JANE_LOYALTY = Identity.of("loyaltyId", "L-jane");
  static final Identity JANE_ECID = Identity.of("ECID", "1".repeat(38));
  static final Identity KIOSK_ECID = Identity.of("ECID", "9".repeat(38));
  static final Identity TOM_CRMID = Identity.of("CRMID", "c-tom");

  /** Jane's graph: CRMID, Email, loyaltyId and her own ECID; the kiosk went to Tom. */
  static final int JANE_GRAPH_SIZE = 4;

  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  private ViewerFixtures() {}

  static ProfileStore store() {
    ProfileStore store =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .namespace(Namespace.custom("loyaltyId", IdentityType.CROSS_DEVICE))
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .linkingRules(
                LinkingRules.builder()
                    .unique("CRMID")
                    .priority("CRMID", "loyaltyId", "Email", "ECID")
                    .build())
            .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id(CRM_FIRST))
            .index("loyalty.tier")
            .clock(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))
            .build();
    ingest(
        store,
        Record.builder("crm")
            .primary(JANE_CRMID)
            .identity(JANE_EMAIL)
            .attribute("person.name.firstName", JANE_CRM)
            .attribute("person.name.lastName", "Doe")
            .attribute("homeAddress.city", "Lisbon")
            .timestamp(T0)
            .build());
    ingest(
        store,
        Record.builder("loyalty")
            .primary(JANE_LOYALTY)
            .identity(JANE_EMAIL)
            .attribute("person.name.firstName", JANE_NEWEST)
            .attribute("loyalty.tier", "gold")
            .attribute("loyalty.points", 1500L)
            .timestamp(T0.plusSeconds(3600))
            .build());
    for (int i = 0; i < JANE_EVENTS; i++) {
      boolean purchase = i % 3 == 2;
      Event.Builder event =
          Event.builder("web", String.format("jane-%03d", i))
              .timestamp(T0.plusSeconds(7200 + i * 600L))
              .eventType(purchase ? "commerce.purchase" : "web.pageView")
              .primary(JANE_ECID.namespace(), JANE_ECID.value())
              .identity(JANE_EMAIL)
              .attribute("web.page.name", "page-" + i);
      if (purchase) {
        event.attribute("commerce.order.total", 10.5 + i);
      }
      ingest(store, event.build());
    }
    // The kiosk: Jane logs in first, Tom last; the device follows its last authenticated user.
    ingest(
        store,
        Record.builder("web")
            .primary(KIOSK_ECID)
            .identity(JANE_CRMID)
            .attribute("device.kind", "kiosk")
            .timestamp(T0.plusSeconds(50_000))
            .build());
    ingest(
        store,
        Record.builder("crm")
            .primary(TOM_CRMID)
            .attribute("person.name.firstName", "Tom")
            .attribute("loyalty.tier", "silver")
            .timestamp(T0.plusSeconds(10))
            .build());
    ingest(
        store,
        Record.builder("web")
            .primary(KIOSK_ECID)
            .identity(TOM_CRMID)
            .attribute("device.kind", "kiosk")
            .timestamp(T0.plusSeconds(60_000))
            .build());
    String[] tiers = {"bronze", "silver", "gold"};
    for (int i = 0; i < FILLERS; i++) {
      Record.Builder record =
          Record.builder("loyalty")
              .primary("loyaltyId", String.format("L-%03d", i))
              .identity("Email", String.format("customer%03d@example.com", i))
              .attribute("person.name.firstName", "Customer" + i)
              .attribute("loyalty.tier", tiers[i % 3])
              .attribute("loyalty.points", i * 100L)
              .timestamp(T0.plusSeconds(i));
      if (i == 0) {
        record.identity("Email", "customer000@work.example.com");
      }
      ingest(store, record.build());
    }
    return store;
  }

  private static void ingest(ProfileStore store, Record record) {
    IngestResult result = store.ingest(record);
    assertThat(result.stored()).as("%s", result).isTrue();
  }

  private static void ingest(ProfileStore store, Event event) {
    IngestResult result = store.ingest(event);
    assertThat(result.stored()).as("%s", result).isTrue();
  }
}
