package dev.rtprofile.store;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;

/** Identities, times and store builders shared by the ingest tests. */
final class IngestFixtures {
  static final long T1 = 1_700_000_000_000L;
  static final long T2 = T1 + 60_000;
  static final long T3 = T2 + 60_000;
  static final Identity CRM1 = Identity.of("CRMID", "c-1");
  static final Identity CRM2 = Identity.of("CRMID", "c-2");
  static final Identity EMAIL = Identity.of("Email", "jane@example.com");
  static final Identity ECID = Identity.of("ECID", "12345678901234567890123456789012345678");

  /** An identity of a namespace that never links. */
  static final Identity STORE_ID = Identity.of("storeId", "s-9");

  private IngestFixtures() {}

  /**
   * A store builder with CRMID (unique) and storeId (non-people) registered, no namespace priority,
   * and the policy {@code own}: timestamp-ordered without stitching.
   */
  static ProfileStoreBuilder builder() {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .namespace(Namespace.custom("storeId", IdentityType.NON_PEOPLE))
        .linkingRules(LinkingRules.builder().unique("CRMID").build())
        .mergePolicy(MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE));
  }

  /** {@link #builder()} with the namespace priority CRMID, then Email, then ECID. */
  static ProfileStoreBuilder prioritized() {
    return builder()
        .linkingRules(
            LinkingRules.builder().unique("CRMID").priority("CRMID", "Email", "ECID").build());
  }

  /** A record of the dataset {@code crm} under {@code primary}. */
  static Record.Builder crm(Identity primary, long timestamp) {
    return Record.builder("crm").primary(primary).timestamp(timestamp);
  }
}
