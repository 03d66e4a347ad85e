package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.ECID;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.T3;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.merge.MergePolicy;
import java.util.List;

/**
 * The person most contract tests start from, Jane, and the builder they configure: {@link
 * IngestFixtures#builder()} (CRMID unique, the policy {@code own} without stitching) plus the
 * policy {@code crm-first}, dataset precedence crm then loyalty.
 */
final class ContractFixtures {
  /** The id of the dataset-precedence policy: crm, then loyalty; web is not listed. */
  static final String CRM_FIRST = "crm-first";

  /** The id of {@link IngestFixtures#builder()}'s policy without stitching. */
  static final String OWN = "own";

  /** Jane's identities in canonical order (namespace code, then value). */
  static final List<Identity> JANE = List.of(CRM1, ECID, EMAIL);

  private ContractFixtures() {}

  /** {@link IngestFixtures#builder()} with the policy {@link #CRM_FIRST} registered. */
  static ProfileStoreBuilder builder() {
    return IngestFixtures.builder()
        .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id(CRM_FIRST));
  }

  /**
   * Jane's records: a crm record under CRMID c-1 with her email (first name Katherine, last name
   * Smith) at T1; a loyalty record under the email (first name Kate, 100 points) at T2; a web
   * record under a cookie with the email (last page /home) at T3. One graph of three identities.
   */
  static List<Record> janeRecords() {
    return List.of(
        IngestFixtures.crm(CRM1, T1)
            .identity(EMAIL)
            .attribute("person.name.firstName", "Katherine")
            .attribute("person.name.lastName", "Smith")
            .build(),
        Record.builder("loyalty")
            .primary(EMAIL)
            .attribute("person.name.firstName", "Kate")
            .attribute("loyalty.points", 100L)
            .timestamp(T2)
            .build(),
        Record.builder("web")
            .primary(ECID)
            .identity(EMAIL)
            .attribute("web.lastPage", "/home")
            .timestamp(T3)
            .build());
  }

  /** Ingests {@link #janeRecords()}, each of which must be accepted. */
  static void ingestJane(ProfileStore store) {
    for (Record record : janeRecords()) {
      assertThat(store.ingest(record).status())
          .as("ingest %s", record)
          .isEqualTo(IngestStatus.ACCEPTED);
    }
  }

  /**
   * Ingests two profiles that a later record may join: CRMID c-1 with {@code a = 1} at T1 and
   * Jane's email with {@code b = 1} at T2 (so c-1's profile is the older one).
   */
  static void ingestApart(ProfileStore store) {
    store.ingest(IngestFixtures.crm(CRM1, T1).attribute("a", 1L).build());
    store.ingest(Record.builder("mail").primary(EMAIL).attribute("b", 1L).timestamp(T2).build());
  }
}
