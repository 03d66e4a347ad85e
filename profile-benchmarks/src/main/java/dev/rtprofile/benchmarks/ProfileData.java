package dev.rtprofile.benchmarks;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.store.IngestStatus;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import dev.rtprofile.store.Record;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic people for the lookup and concurrency benchmarks. Person {@code p} has two
 * records: a {@code crm} record under {@code CRMID:c<p>} that also carries {@code Email}, with 12
 * attributes, and a {@code web} record under an {@code ECID} that also carries the CRMID, with 8
 * attributes, two of which conflict with the CRM ones. So every profile is a graph of 3 identities
 * and 2 fragments, about 18 merged attributes.
 */
public final class ProfileData {
  private static final String[] FIRST = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald"};
  private static final String[] CITY = {"Lyon", "Porto", "Oslo", "Graz", "Turku", "Cork", "Bonn"};
  private static final String[] TIER = {"bronze", "silver", "gold", "platinum"};
  private static final long T0 = 1_767_225_600_000L;

  private ProfileData() {}

  /** The primary identity of person {@code p}'s CRM record. */
  public static Identity primary(int p) {
    return Identity.of("CRMID", "c" + (10_000_000 + p));
  }

  /** A secondary identity of person {@code p}: their email, the CRM record's second identity. */
  public static Identity secondary(int p) {
    return Identity.of("Email", "person" + p + "@mail" + (p % 997) + ".example.com");
  }

  /** Returns a store with the benchmarks' namespaces and a profile cache of {@code cacheSize}. */
  public static ProfileStore newStore(int cacheSize) {
    return newStore(cacheSize, new String[0]);
  }

  /**
   * Returns a store with the benchmarks' namespaces, a profile cache of {@code cacheSize} and a
   * search index on each of {@code indexes} under the default merge policy.
   */
  public static ProfileStore newStore(int cacheSize, String... indexes) {
    ProfileStoreBuilder b = builder(cacheSize);
    for (String path : indexes) {
      b.index(path);
    }
    return b.build();
  }

  /**
   * Returns a builder with the benchmarks' namespaces, a fixed deny-list salt and a profile cache
   * of {@code cacheSize}: the settings of {@link #newStore(int)}, for the durable benchmarks to add
   * a storage directory to. Two builders from the same size give stores of equal settings, so a
   * directory written through one reopens through the other from its snapshot.
   */
  public static ProfileStoreBuilder builder(int cacheSize) {
    return ProfileStore.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .denyListSalt("rtprofile-benchmarks-salt".getBytes(StandardCharsets.US_ASCII))
        .profileCacheSize(cacheSize);
  }

  /** Ingests {@code profiles} people into {@code store}, generated from {@code seed}. */
  public static void load(ProfileStore store, int profiles, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int p = 0; p < profiles; p++) {
      ingest(store, crm(p, T0 + p, random));
      ingest(store, web(p, T0 + p + 1, random));
    }
  }

  private static void ingest(ProfileStore store, Record record) {
    IngestStatus status = store.ingest(record).status();
    if (status != IngestStatus.ACCEPTED) {
      throw new IllegalStateException("generated record not accepted: " + status);
    }
  }

  /** Person {@code p}'s CRM record at {@code timestamp}. */
  public static Record crm(int p, long timestamp, SplittableRandom random) {
    return Record.builder("crm")
        .primary(primary(p))
        .identity(secondary(p))
        .timestamp(timestamp)
        .attribute("person.name.firstName", FIRST[random.nextInt(FIRST.length)])
        .attribute("person.name.lastName", "Family" + random.nextInt(50_000))
        .attribute("person.birthYear", 1940L + random.nextInt(70))
        .attribute("person.gender", random.nextBoolean() ? "female" : "male")
        .attribute("homeAddress.city", CITY[random.nextInt(CITY.length)])
        .attribute("homeAddress.postalCode", String.valueOf(10_000 + random.nextInt(89_999)))
        .attribute("homeAddress.country", "EU")
        .attribute("loyalty.tier", TIER[random.nextInt(TIER.length)])
        .attribute("loyalty.points", (long) random.nextInt(100_000))
        .attribute("consents.marketing.email", random.nextBoolean())
        .attribute("consents.marketing.sms", random.nextBoolean())
        .attribute("mobilePhone.number", "+4" + (100_000_000L + p))
        .build();
  }

  /** Person {@code p}'s web record at {@code timestamp}. */
  public static Record web(int p, long timestamp, SplittableRandom random) {
    String ecid = String.format("%019d%019d", random.nextLong(Long.MAX_VALUE), (long) p);
    return Record.builder("web")
        .primary("ECID", ecid)
        .identity(primary(p))
        .timestamp(timestamp)
        .attribute("web.lastPage", "/products/" + random.nextInt(5_000))
        .attribute("web.visits", (long) random.nextInt(400))
        .attribute("web.device", random.nextBoolean() ? "mobile" : "desktop")
        .attribute("web.browser", random.nextBoolean() ? "firefox" : "chrome")
        .attribute("commerce.cartValue", random.nextInt(100_000) / 100.0)
        .attribute("commerce.lastOrder", "o-" + random.nextInt(1_000_000))
        .attribute("consents.marketing.email", random.nextBoolean())
        .attribute("loyalty.tier", TIER[random.nextInt(TIER.length)])
        .build();
  }
}
