package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.merge.IdentityStitching;
import dev.rtprofile.merge.MergePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Indexed searches against the same searches on a twin store without indexes, after every step of
 * random sequences of ingests, merges, splits, erasures and dataset deletions.
 */
class SearchIndexTest {
  private static final String[] TIERS = {"bronze", "silver", "gold"};

  private static ProfileStore store(boolean indexed) {
    ProfileStoreBuilder b =
        ProfileStore.builder()
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .linkingRules(LinkingRules.builder().unique("CRMID").build())
            .mergePolicy(MergePolicy.dataSetPrecedence("crm", "loyalty").id("crm-first"));
    if (indexed) {
      b.index("loyalty.tier").index("loyalty.points").index("tags").index("crm-first", "tier2");
    }
    return b.build();
  }

  private static List<Function<ProfileSearch, ProfileSearch>> queries(Random r) {
    List<Function<ProfileSearch, ProfileSearch>> out = new ArrayList<>();
    String tier = TIERS[r.nextInt(TIERS.length)];
    long points = r.nextInt(10);
    String other = TIERS[r.nextInt(TIERS.length)];
    String tag = "t" + r.nextInt(3);
    out.add(q -> q.where("loyalty.tier").eq(tier));
    out.add(q -> q.where("loyalty.tier").in(tier, other));
    out.add(q -> q.where("loyalty.points").ge(points).sortByDescending("loyalty.points"));
    out.add(q -> q.where("loyalty.points").between(points, points + 3).sortBy("loyalty.tier"));
    out.add(q -> q.where("loyalty.points").lt((double) points));
    out.add(q -> q.where("loyalty.tier").startsWith(tier.substring(0, 1)));
    out.add(q -> q.where("tags").contains(tag));
    out.add(q -> q.where("loyalty.tier").eq(tier).where("loyalty.points").gt(points));
    out.add(q -> q.policy("crm-first").where("tier2").eq(tier));
    return out;
  }

  private static Record record(Random r, int step) {
    int person = r.nextInt(12);
    String dataset = r.nextBoolean() ? "crm" : "loyalty";
    Record.Builder b =
        Record.builder(dataset)
            .primary(dataset.equals("crm") ? "CRMID" : "Email", "p" + person)
            .timestamp(1_000 + step);
    if (r.nextInt(3) == 0) {
      b.identity("Email", "p" + r.nextInt(12));
    }
    if (r.nextInt(3) == 0) {
      b.identity("CRMID", "p" + r.nextInt(12));
    }
    if (r.nextBoolean()) {
      b.attribute("loyalty.tier", TIERS[r.nextInt(TIERS.length)]);
      b.attribute("tier2", TIERS[r.nextInt(TIERS.length)]);
    }
    if (r.nextBoolean()) {
      b.attribute(
          "loyalty.points", r.nextBoolean() ? (Object) (long) r.nextInt(10) : r.nextInt(10) + 0.5);
    }
    if (r.nextInt(3) == 0) {
      b.attribute("tags", List.of("t" + r.nextInt(3), "t" + r.nextInt(3)));
    }
    return b.build();
  }

  @Test
  void search_indexedAndScanned_giveIdenticalResultsAfterEveryStep() {
    for (int seed = 0; seed < 40; seed++) {
      Random r = new Random(seed);
      ProfileStore indexed = store(true);
      ProfileStore scanned = store(false);
      for (int step = 0; step < 60; step++) {
        int op = r.nextInt(20);
        if (op < 16) {
          Record rec = record(r, step);
          indexed.ingest(rec);
          scanned.ingest(rec);
        } else if (op == 16) {
          Identity a = Identity.of("Email", "p" + r.nextInt(12));
          Identity b = Identity.of("CRMID", "p" + r.nextInt(12));
          indexed.unlink(a, b);
          scanned.unlink(a, b);
        } else if (op == 17) {
          Identity gone = Identity.of("Email", "p" + r.nextInt(12));
          indexed.erase(gone);
          scanned.erase(gone);
        } else if (op == 18) {
          String dataset = r.nextBoolean() ? "crm" : "loyalty";
          indexed.deleteDataset(dataset);
          scanned.deleteDataset(dataset);
        } else {
          Identity a = Identity.of("CRMID", "p" + r.nextInt(12));
          Identity b = Identity.of("Email", "p" + r.nextInt(12));
          indexed.neverLink(a, b);
          scanned.neverLink(a, b);
        }
        for (Function<ProfileSearch, ProfileSearch> query : queries(r)) {
          ProfileSearch withIndex = query.apply(indexed.search().limit(10_000));
          ProfileSearch withScan = query.apply(scanned.search().limit(10_000));
          assertThat(withIndex.explain()).as("seed %d step %d", seed, step).startsWith("index on");
          assertThat(withScan.explain()).startsWith("full scan");
          assertThat(ids(withIndex.fetch()))
              .as(
                  "seed %d step %d: %s%nindexed store %s%nscanned store %s",
                  seed,
                  step,
                  withIndex.explain(),
                  ids(indexed.search().limit(10_000).fetch()),
                  ids(scanned.search().limit(10_000).fetch()))
              .isEqualTo(ids(withScan.fetch()));
          assertThat(withIndex.count()).isEqualTo(withScan.count());
          assertThat(pages(query, indexed))
              .as("seed %d step %d, paged by 3", seed, step)
              .isEqualTo(pages(query, scanned));
        }
      }
    }
  }

  @Test
  void build_indexOnANoStitchingPolicy_failsNamingIt() {
    assertThatThrownBy(
            () ->
                ProfileStore.builder()
                    .mergePolicy(
                        MergePolicy.timestampOrdered().id("own").stitching(IdentityStitching.NONE))
                    .index("own", "loyalty.tier")
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "index on loyalty.tier needs a policy with PRIVATE_GRAPH stitching, but own has NONE");
  }

  @Test
  void build_indexOnAnUnknownPolicy_failsNamingIt() {
    assertThatThrownBy(() -> ProfileStore.builder().index("nope", "loyalty.tier").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "index names the policy nope, which is not registered; register it with"
                + " mergePolicy(...)");
  }

  private static List<String> pages(
      Function<ProfileSearch, ProfileSearch> query, ProfileStore store) {
    List<String> out = new ArrayList<>();
    SearchPage page = query.apply(store.search()).limit(3).fetchPage();
    out.addAll(ids(page.profiles()));
    for (int guard = 0; page.nextCursor() != null && guard < 1_000; guard++) {
      page = query.apply(store.search()).limit(3).after(page.nextCursor()).fetchPage();
      out.addAll(ids(page.profiles()));
    }
    return out;
  }

  private static List<String> ids(List<Profile> profiles) {
    return profiles.stream().map(p -> p.profileId() + "=" + p.attributes()).toList();
  }
}
