package dev.rtprofile.store;

import static dev.rtprofile.store.IngestFixtures.CRM1;
import static dev.rtprofile.store.IngestFixtures.EMAIL;
import static dev.rtprofile.store.IngestFixtures.T1;
import static dev.rtprofile.store.IngestFixtures.T2;
import static dev.rtprofile.store.IngestFixtures.builder;
import static dev.rtprofile.store.IngestFixtures.crm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.merge.MergePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Programming errors throw (ARCHITECTURE §3; STYLE 7): null arguments name the parameter, bad
 * values name the setter and the value, an unknown merge policy id names the registered ones,
 * conflicting settings fail in {@code build()} naming both.
 */
class StoreArgumentsTest {
  private final ProfileStore store = builder().build();

  @Test
  void ingest_nullRecord_throwsNamingIt() {
    assertThatThrownBy(() -> store.ingest((Record) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("record");
    assertThatThrownBy(() -> store.ingest((Event) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("event");
  }

  @Test
  void storeMethods_nullArguments_throwNamingThem() {
    assertThatThrownBy(() -> store.lookup(null)).hasMessage("identity");
    assertThatThrownBy(() -> store.lookupAll(null)).hasMessage("identities");
    assertThatThrownBy(() -> store.lookupAll(Arrays.asList(CRM1, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("identity");
    assertThatThrownBy(() -> store.events(null)).hasMessage("identity");
    assertThatThrownBy(() -> store.graph(null)).hasMessage("identity");
    assertThatThrownBy(() -> store.erase(null)).hasMessage("identity");
    assertThatThrownBy(() -> store.eraseProfile(null)).hasMessage("identity");
    assertThatThrownBy(() -> store.deleteDataset(null)).hasMessage("dataset");
    assertThatThrownBy(() -> store.subscribe(null)).hasMessage("listener");
  }

  @Test
  void lookupPolicy_unknownId_throwsNamingTheRegisteredOnes() {
    assertThatThrownBy(() -> store.lookup(CRM1).policy("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "policy must be the id of a policy registered with mergePolicy(...), one of"
                + " [own, timestampOrdered], but was nope");
  }

  @Test
  void eventsPolicy_unknownId_throwsNamingTheRegisteredOnes() {
    assertThatThrownBy(() -> store.events(CRM1).policy("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "policy must be the id of a policy registered with mergePolicy(...)")
        .hasMessageEndingWith("but was nope");
  }

  @Test
  void recordBuilder_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> Record.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("dataset must not be blank, but was ' '");
    assertThatThrownBy(() -> Record.builder(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("dataset");
    assertThatThrownBy(() -> Record.builder("crm").primary(CRM1).primary(EMAIL))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("primary was already set");
    assertThatThrownBy(() -> Record.builder("crm").attribute("a..b", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must be dot-separated non-empty segments, but was 'a..b'");
    assertThatThrownBy(() -> Record.builder("crm").attribute("a", Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value must be a finite number, but the value at a was NaN");
    assertThatThrownBy(() -> Record.builder("crm").attribute("a", new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "value must be a String, Boolean, Number, Instant, List or Map, but the value at a"
                + " was a java.lang.Object");
    assertThatThrownBy(() -> Record.builder("crm").remove(".a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must be dot-separated non-empty segments, but was '.a'");
  }

  @Test
  void recordBuilder_nullArguments_throwNamingThem() {
    assertThatThrownBy(() -> Record.builder("crm").attribute(null, 1))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> Record.builder("crm").attribute("a", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
    assertThatThrownBy(() -> Record.builder("crm").attributes(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("nested");
  }

  @Test
  void profileQuery_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> store.lookup(CRM1).policy(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id");
    assertThatThrownBy(() -> store.lookup(CRM1).fields("a..b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fields must be dot-separated non-empty segments, but was 'a..b'");
  }

  @Test
  void eventBuilder_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> Event.builder("web", " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id must not be blank, but was ' '");
    assertThatThrownBy(() -> Event.builder("web", "e-1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timestamp must be set: an event needs to say when");
  }

  @Test
  void eventQuery_badArguments_throwNamingThem() {
    assertThatThrownBy(() -> store.events(CRM1).limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 10000, but was 0");
    assertThatThrownBy(() -> store.events(CRM1).limit(10_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be between 1 and 10000, but was 10001");
    assertThatThrownBy(() -> store.events(CRM1).between(T2, T1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("between must have from <= to, but was " + T2 + " > " + T1);
    assertThatThrownBy(() -> store.events(CRM1).between(null, Instant.EPOCH))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("from");
  }

  @Test
  void timeArguments_beyondEpochMillis_throwNamingThemInsteadOfOverflowing() {
    String range =
        " must be between -292275055-05-16T16:47:04.192Z and +292278994-08-17T07:12:55.807Z, but"
            + " was ";
    Instant beforeMin = Instant.ofEpochMilli(Long.MIN_VALUE).minusMillis(1);
    assertThatThrownBy(() -> store.events(CRM1).between(Instant.EPOCH, Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("between's to" + range + Instant.MAX);
    assertThatThrownBy(() -> store.events(CRM1).between(Instant.MIN, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("between's from" + range + Instant.MIN);
    assertThatThrownBy(() -> Record.builder("crm").timestamp(Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timestamp" + range + Instant.MAX);
    assertThatThrownBy(() -> Record.builder("crm").customTimestamp(beforeMin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customTimestamp" + range + beforeMin);
    assertThatThrownBy(() -> Event.builder("web", "e-1").timestamp(Instant.MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timestamp" + range + Instant.MAX);
  }

  @Test
  void timeArguments_atTheEdgesOfEpochMillis_areAccepted() {
    Instant max = Instant.ofEpochMilli(Long.MAX_VALUE);
    Instant min = Instant.ofEpochMilli(Long.MIN_VALUE);

    store.events(CRM1).between(min, max).fetch();

    assertThat(Record.builder("crm").primary(CRM1).timestamp(max).build().timestamp())
        .hasValue(Long.MAX_VALUE);
    assertThat(
            Event.builder("web", "e-1").primary("CRMID", "c-1").timestamp(min).build().timestamp())
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void eventTypes_null_throwsNamingTheParameter() {
    assertThatThrownBy(() -> store.events(CRM1).eventTypes((String[]) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("types");
    assertThatThrownBy(() -> store.events(CRM1).eventTypes("view", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("types");
  }

  @Test
  void sizeSetters_nonPositive_throwNamingTheSetterAndValue() {
    assertThatThrownBy(() -> ProfileStore.builder().maxRecordSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRecordSize must be positive, but was 0");
    assertThatThrownBy(() -> ProfileStore.builder().maxEventSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEventSize must be positive, but was -1");
    assertThatThrownBy(() -> ProfileStore.builder().profileCacheSize(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("profileCacheSize must not be negative, but was -1");
  }

  @Test
  void graphSetters_outOfRange_throwNamingTheSetterAndValue() {
    assertThatThrownBy(() -> ProfileStore.builder().graphLimit(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("graphLimit must be at least 2, but was 1");
    assertThatThrownBy(() -> ProfileStore.builder().hubLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hubLimit must be at least 1, but was 0");
    assertThatThrownBy(() -> ProfileStore.builder().maxIdentitiesPerRecord(1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxIdentitiesPerRecord must be between 1 and 1000, but was 1001");
    assertThatThrownBy(() -> ProfileStore.builder().denyListSalt(new byte[8]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("denyListSalt must be at least 16 bytes, but was 8 bytes");
    assertThatThrownBy(() -> ProfileStore.builder().blockedPattern("*", "("))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("blockedPattern must be a valid regular expression, but was (");
  }

  @Test
  void eventRetention_notPositive_throwsNamingTheValue() {
    assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventRetention must be positive, but was PT0S");
    assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("eventRetention must be positive, but was PT-24H");
  }

  @Test
  void setters_nullArguments_throwNamingTheParameter() {
    assertThatThrownBy(() -> ProfileStore.builder().clock(null)).hasMessage("clock");
    assertThatThrownBy(() -> ProfileStore.builder().mergePolicy(null)).hasMessage("policy");
    assertThatThrownBy(() -> ProfileStore.builder().defaultMergePolicy(null)).hasMessage("policy");
    assertThatThrownBy(() -> ProfileStore.builder().updateMode(null, UpdateMode.UPSERT))
        .hasMessage("dataset");
    assertThatThrownBy(() -> ProfileStore.builder().updateMode("crm", null)).hasMessage("mode");
    assertThatThrownBy(() -> ProfileStore.builder().eventRetention("web", null)).hasMessage("ttl");
    assertThatThrownBy(() -> ProfileStore.builder().linkingRules(null)).hasMessage("rules");
  }

  @Test
  void build_twoPoliciesWithOneId_throwsNamingBothSettings() {
    ProfileStoreBuilder b =
        ProfileStore.builder()
            .mergePolicy(MergePolicy.dataSetPrecedence("crm").id("main"))
            .defaultMergePolicy(MergePolicy.timestampOrdered().id("main"));

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "defaultMergePolicy and mergePolicy both use the id main for different policies;"
                + " give one of them another id");
  }

  @Test
  void build_twoRegisteredPoliciesWithOneId_throwsNamingTheId() {
    ProfileStoreBuilder b =
        ProfileStore.builder()
            .mergePolicy(MergePolicy.dataSetPrecedence("crm").id("main"))
            .mergePolicy(MergePolicy.timestampOrdered().id("main"));

    assertThatThrownBy(b::build)
        .as("build() documents: throws IllegalStateException if two policies share an id")
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mergePolicy")
        .hasMessageContaining("main");
  }

  @Test
  void build_samePolicyRegisteredTwice_isFine() {
    MergePolicy policy = MergePolicy.dataSetPrecedence("crm").id("main");

    ProfileStore store = ProfileStore.builder().mergePolicy(policy).mergePolicy(policy).build();

    assertThat(store.mergePolicies()).containsEntry("main", policy);
  }

  @Test
  void build_maxComponentSizeBelowGraphLimit_throwsNamingBoth() {
    ProfileStoreBuilder b = ProfileStore.builder().graphLimit(10).maxComponentSize(5);

    assertThatThrownBy(b::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("maxComponentSize")
        .hasMessageContaining("graphLimit");
  }

  @Test
  void build_calledTwice_givesIndependentStores() {
    ProfileStoreBuilder b = builder();
    ProfileStore first = b.build();
    ProfileStore second = b.build();

    first.ingest(crm(CRM1, T1).attribute("a", 1).build());

    assertThat(second.lookup(CRM1).fetch()).isEmpty();
    assertThat(second.mergePolicies().keySet())
        .containsExactlyInAnyOrder("own", "timestampOrdered");
  }
}
