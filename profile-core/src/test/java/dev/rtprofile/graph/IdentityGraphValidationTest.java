package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identity graph's guardrails: builder settings and linking rules that are refused, identities
 * dropped from a record with their {@link IdentityProblem}, and records rejected whole with their
 * {@link RecordProblem}.
 */
class IdentityGraphValidationTest {
  private static final Namespace CRMID = Namespace.custom("CRMID", IdentityType.CROSS_DEVICE);
  private static final String ECID_VALUE = "1".repeat(38);

  private static Identity id(String text) {
    return Identity.parse(text);
  }

  private static LinkResult link(MutableIdentityGraph graph, String... identities) {
    return graph.link("crm", 1_000L, Arrays.stream(identities).map(Identity::parse).toList());
  }

  private static LinkResult link(MutableIdentityGraph graph, List<Identity> identities) {
    return graph.link("crm", 1_000L, identities);
  }

  private static List<Identity> members(MutableIdentityGraph graph, String identity) {
    return graph.graph(id(identity)).orElseThrow().members();
  }

  @Nested
  class BuilderSetters {

    @ParameterizedTest
    @ValueSource(ints = {1, 0, -5})
    void graphLimit_belowTwo_throwsNamingSetterAndValue(int limit) {
      assertThatThrownBy(() -> IdentityGraph.builder().graphLimit(limit))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("graphLimit must be at least 2, but was " + limit);
    }

    @Test
    void graphLimit_two_isAccepted() {
      assertThat(IdentityGraph.builder().graphLimit(2).build()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void hubLimit_belowOne_throwsNamingSetterAndValue(int limit) {
      assertThatThrownBy(() -> IdentityGraph.builder().hubLimit(limit))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("hubLimit must be at least 1, but was " + limit);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void maxIdentitiesPerRecord_outOfRange_throwsNamingSetterAndValue(int max) {
      assertThatThrownBy(() -> IdentityGraph.builder().maxIdentitiesPerRecord(max))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxIdentitiesPerRecord must be between 1 and 1000, but was " + max);
    }

    @Test
    void maxIdentitiesPerRecord_bounds_areAccepted() {
      assertThat(IdentityGraph.builder().maxIdentitiesPerRecord(1).build()).isNotNull();
      assertThat(IdentityGraph.builder().maxIdentitiesPerRecord(1000).build()).isNotNull();
    }

    @Test
    void blockedPattern_invalidRegex_throwsNamingSetterAndValue() {
      assertThatThrownBy(() -> IdentityGraph.builder().blockedPattern("Email", "[unclosed"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("blockedPattern must be a valid regular expression, but was [unclosed");
    }

    @Test
    void denyListSalt_shorterThanSixteenBytes_throwsNamingSetterAndValue() {
      assertThatThrownBy(() -> IdentityGraph.builder().denyListSalt(new byte[15]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("denyListSalt must be at least 16 bytes, but was 15 bytes");
    }

    @Test
    void nullArguments_throwNamingTheParameter() {
      IdentityGraph.Builder builder = IdentityGraph.builder();

      assertThatThrownBy(() -> builder.namespace(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("namespace");
      assertThatThrownBy(() -> builder.linkingRules(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("rules");
      assertThatThrownBy(() -> builder.blockedValue("Email", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("value");
      assertThatThrownBy(() -> builder.blockedPattern(null, "x"))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("namespace");
      assertThatThrownBy(() -> builder.denyListSalt(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("salt");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 17})
    void maxUniqueNamespaces_outOfRange_throwsNamingSetterAndValue(int max) {
      assertThatThrownBy(() -> LinkingRules.builder().maxUniqueNamespaces(max))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxUniqueNamespaces must be between 1 and 16, but was " + max);
      assertThatThrownBy(() -> new LinkingRules(List.of(), List.of(), max))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("maxUniqueNamespaces must be between 1 and 16, but was " + max);
    }

    @Test
    void linkingRulesCodes_null_throwsNamingParameter() {
      assertThatThrownBy(() -> LinkingRules.builder().unique("CRMID", null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("code");
      assertThatThrownBy(() -> LinkingRules.builder().priority((String) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("code");
    }

    @Test
    void build_canBeCalledAgainAndGivesIndependentGraphs() {
      IdentityGraph.Builder builder = IdentityGraph.builder().namespace(CRMID);
      MutableIdentityGraph first = builder.build();
      MutableIdentityGraph second = builder.build();

      link(first, "CRMID:1", "Email:a@example.com");

      assertThat(first.contains(id("CRMID:1"))).isTrue();
      assertThat(second.contains(id("CRMID:1"))).isFalse();
    }
  }

  @Nested
  class LinkingRulesAtBuild {

    @Test
    void unique_unknownNamespace_throwsNamingSettingAndFix() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder().linkingRules(LinkingRules.builder().unique("CRMID").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "linkingRules.unique must name a registered namespace (register it with"
                  + " namespace(Namespace.custom(\"CRMID\", type))), but was CRMID");
    }

    @Test
    void priority_unknownNamespace_throwsNamingSettingAndFix() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .linkingRules(LinkingRules.builder().priority("loginID", "ECID").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "linkingRules.priority must name a registered namespace (register it with"
                  + " namespace(Namespace.custom(\"loginID\", type))), but was loginID");
    }

    @Test
    void uniqueAndPriority_matchCodesCaseInsensitively() {
      MutableIdentityGraph graph =
          IdentityGraph.builder()
              .namespace(CRMID)
              .linkingRules(
                  LinkingRules.builder().unique("crmid").priority("CrmId", "EMAIL", "ecid").build())
              .build();

      assertThat(link(graph, "CRMID:1", "CRMID:2").rejection())
          .isEqualTo(RecordProblem.CONFLICTING_UNIQUE_IDENTITIES);
    }

    @Test
    void unique_moreNamespacesThanMaxUniqueNamespaces_throwsNamingTheFix() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
              .linkingRules(
                  LinkingRules.builder().unique("CRMID", "loginID", "Email", "Phone").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "linkingRules.unique names 4 namespaces but maxUniqueNamespaces is 3;"
                  + " call maxUniqueNamespaces(4) or name fewer unique namespaces:"
                  + " [CRMID, loginID, Email, Phone]");
    }

    @Test
    void unique_moreThanThreeWithRaisedMaximum_isAccepted() {
      MutableIdentityGraph graph =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(Namespace.custom("loginID", IdentityType.CROSS_DEVICE))
              .linkingRules(
                  LinkingRules.builder()
                      .unique("CRMID", "loginID", "Email", "Phone")
                      .maxUniqueNamespaces(4)
                      .build())
              .build();

      assertThat(link(graph, "Phone:+1", "Phone:+2").rejection())
          .isEqualTo(RecordProblem.CONFLICTING_UNIQUE_IDENTITIES);
    }

    @Test
    void priority_personNamespaceAfterCookie_throwsNamingBothAndTheFix() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .namespace(CRMID)
              .linkingRules(LinkingRules.builder().priority("CRMID", "ECID", "Email").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "linkingRules.priority must rank person namespaces above device and cookie ones,"
                  + " but Email (EMAIL) comes after ECID (COOKIE); move Email before ECID");
    }

    @Test
    void priority_personNamespaceAfterDevice_throwsNamingBothAndTheFix() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .namespace(CRMID)
              .linkingRules(LinkingRules.builder().priority("IDFA", "ECID", "CRMID").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "linkingRules.priority must rank person namespaces above device and cookie ones,"
                  + " but CRMID (CROSS_DEVICE) comes after IDFA (DEVICE); move CRMID before IDFA");
    }

    @Test
    void priority_cookieBeforeDevice_isAccepted() {
      assertThat(
              IdentityGraph.builder()
                  .linkingRules(LinkingRules.builder().priority("Email", "ECID", "IDFA").build())
                  .build())
          .isNotNull();
    }

    @Test
    void priority_sameNamespaceTwice_throwsNamingIt() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .linkingRules(LinkingRules.builder().priority("Email", "Phone", "EMAIL").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("linkingRules.priority must name each namespace once, but named Email twice");
    }

    @Test
    void unique_nonPeopleNamespace_throwsFromBuildAsContradictingTheNamespaces() {
      // build()'s Javadoc: IllegalStateException "if the linking rules contradict each other or the
      // namespaces"; a unique namespace that never links contradicts the namespace's type.
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .namespace(Namespace.custom("StoreId", IdentityType.NON_PEOPLE))
              .linkingRules(LinkingRules.builder().unique("StoreId").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "linkingRules.unique must name namespaces that link, but StoreId has type"
                  + " NON_PEOPLE, which never links");
    }

    @Test
    void unique_nonPeopleNamespace_messageNamesTypeAndRule() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder()
              .namespace(Namespace.custom("PartnerId", IdentityType.PARTNER))
              .linkingRules(LinkingRules.builder().unique("PartnerId").build());

      assertThatThrownBy(builder::build)
          .isInstanceOf(RuntimeException.class)
          .hasMessage(
              "linkingRules.unique must name namespaces that link, but PartnerId has type"
                  + " PARTNER, which never links");
    }

    @Test
    void blockedValue_unknownNamespace_throwsNamingSettingAndFix() {
      IdentityGraph.Builder builder = IdentityGraph.builder().blockedValue("Loyalty", "0");

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "blockedValue must name a registered namespace (register it with"
                  + " namespace(Namespace.custom(\"Loyalty\", type))), but was Loyalty");
    }

    @Test
    void blockedPattern_unknownNamespace_throwsNamingSettingAndFix() {
      IdentityGraph.Builder builder = IdentityGraph.builder().blockedPattern("Loyalty", "^0+$");

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "blockedPattern must name a registered namespace (register it with"
                  + " namespace(Namespace.custom(\"Loyalty\", type))), but was Loyalty");
    }

    @Test
    void namespace_standardCodeWithAnotherType_throwsFromBuild() {
      IdentityGraph.Builder builder =
          IdentityGraph.builder().namespace(Namespace.custom("Email", IdentityType.CROSS_DEVICE));

      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "namespace Email is registered with type EMAIL; namespace types are immutable,"
                  + " but a registration asked for CROSS_DEVICE");
    }
  }

  @Nested
  class DroppedIdentities {
    private final MutableIdentityGraph graph = IdentityGraph.builder().namespace(CRMID).build();

    private DroppedIdentity droppedAlongsideValidIdentity(
        MutableIdentityGraph graph, Identity bad) {
      LinkResult result = link(graph, List.of(id("CRMID:c-1"), bad));

      assertThat(result.rejected()).isFalse();
      assertThat(result.trimmed()).isTrue();
      assertThat(result.identities()).containsExactly(id("CRMID:c-1"));
      assertThat(result.dropped()).hasSize(1);
      assertThat(graph.contains(bad)).isFalse();
      return result.dropped().get(0);
    }

    @Test
    void link_unknownNamespace_isDroppedAndRestLinks() {
      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, id("Loyalty:L-77"));

      assertThat(dropped.identity()).isEqualTo(id("Loyalty:L-77"));
      assertThat(dropped.problem()).isEqualTo(IdentityProblem.UNKNOWN_NAMESPACE);
      assertThat(dropped.detail()).isEqualTo("namespace is not registered");
      assertThat(graph.contains(id("CRMID:c-1"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void link_blankValue_isDropped(String value) {
      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, Identity.of("Email", value));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.BLANK);
      assertThat(dropped.detail()).isEqualTo("value is blank");
    }

    @Test
    void link_valueWithNulOrLoneSurrogate_isDroppedWithoutTheValue() {
      Map<String, String> details =
          Map.of(
              "a\u0000b@x.com", "value holds a NUL character (U+0000) at index 1",
              "ab\ud800c@x.com", "value holds a lone surrogate (U+D800) at index 2",
              "\udc00", "value holds a lone surrogate (U+DC00) at index 0",
              "xyz\ud83d", "value holds a lone surrogate (U+D83D) at index 3");
      details.forEach(
          (value, detail) -> {
            DroppedIdentity dropped =
                droppedAlongsideValidIdentity(
                    IdentityGraph.builder().namespace(CRMID).build(), Identity.of("Email", value));

            assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_CHARACTERS);
            assertThat(dropped.detail()).isEqualTo(detail);
          });
    }

    @Test
    void link_valueWithASurrogatePair_isKept() {
      Identity emoji = Identity.of("Email", "a\ud83d\ude00@x.com");

      LinkResult result = link(graph, List.of(id("CRMID:c-1"), emoji));

      assertThat(result.dropped()).isEmpty();
      assertThat(members(graph, "CRMID:c-1")).containsExactly(id("CRMID:c-1"), emoji);
    }

    @Test
    void link_normalizerThatMakesANul_isDropped() {
      MutableIdentityGraph nulMaker =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(
                  Namespace.custom("Odd", IdentityType.CROSS_DEVICE).withNormalizer(v -> v + "\0"))
              .build();

      DroppedIdentity dropped = droppedAlongsideValidIdentity(nulMaker, Identity.of("Odd", "v"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_CHARACTERS);
      assertThat(dropped.detail()).isEqualTo("value holds a NUL character (U+0000) at index 1");
    }

    @Test
    void link_valueLongerThan1024Characters_isDropped() {
      DroppedIdentity dropped =
          droppedAlongsideValidIdentity(graph, Identity.of("Email", "a".repeat(1025)));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.TOO_LONG);
      assertThat(dropped.detail()).isEqualTo("value is longer than 1024 chars");
    }

    @Test
    void link_valueOfExactly1024Characters_isKept() {
      Identity longest = Identity.of("Email", "a".repeat(1024));

      LinkResult result = link(graph, List.of(id("CRMID:c-1"), longest));

      assertThat(result.dropped()).isEmpty();
      assertThat(members(graph, "CRMID:c-1")).containsExactly(id("CRMID:c-1"), longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "NULL", "Null", "anonymous", "Anonymous", "invalid", "INVALID"})
    void link_reservedValue_isDroppedCaseInsensitively(String value) {
      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, Identity.of("Email", value));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.RESERVED_VALUE);
      assertThat(dropped.detail()).isEqualTo("value is a reserved placeholder");
    }

    @Test
    void link_valueMerelyContainingReservedWord_isKept() {
      LinkResult result = link(graph, "CRMID:c-1", "Email:null@example.com");

      assertThat(result.dropped()).isEmpty();
    }

    @Test
    void link_ecidTooShort_isDroppedAsInvalid() {
      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, id("ECID:12345"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_VALUE);
      assertThat(dropped.detail())
          .isEqualTo("ECID value must be exactly 38 digits, but has 5 characters");
    }

    @Test
    void link_ecidTooLong_isDroppedAsInvalid() {
      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, id("ECID:" + "1".repeat(39)));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_VALUE);
      assertThat(dropped.detail())
          .isEqualTo("ECID value must be exactly 38 digits, but has 39 characters");
    }

    @Test
    void link_ecidWithNonDigit_isDroppedAsInvalid() {
      DroppedIdentity dropped =
          droppedAlongsideValidIdentity(graph, id("ECID:" + "1".repeat(37) + "x"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_VALUE);
      assertThat(dropped.detail())
          .isEqualTo("ECID value must be exactly 38 digits, but has a non-digit at index 37");
    }

    @Test
    void link_ecidOf38Digits_isKept() {
      assertThat(link(graph, "CRMID:c-1", "ECID:" + ECID_VALUE).dropped()).isEmpty();
    }

    @Test
    void link_normalizerFailure_isDroppedAsInvalidWithoutRepeatingValue() {
      MutableIdentityGraph phones =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(
                  Namespace.standard("Phone_E.164").withNormalizer(IdentityNormalizer.phoneE164()))
              .build();

      DroppedIdentity dropped =
          droppedAlongsideValidIdentity(phones, id("Phone_E.164:(415) 555-0132"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.INVALID_VALUE);
      assertThat(dropped.detail())
          .isEqualTo("normalizer refused the value: phone number has no country code")
          .doesNotContain("555");
    }

    @Test
    void link_normalizedValue_isStoredAndReportedCanonically() {
      MutableIdentityGraph emails =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(
                  Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
              .build();

      LinkResult result = link(emails, "crmid:c-1", "EMAIL: Jane@Example.COM ");

      assertThat(result.identities())
          .containsExactly(id("CRMID:c-1"), id("Email:jane@example.com"));
      assertThat(emails.contains(id("email:JANE@example.com "))).isTrue();
    }

    @Test
    void link_blockedExactValue_isDropped() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedValue("Email", "test@test.com").build();

      DroppedIdentity dropped = droppedAlongsideValidIdentity(blocking, id("Email:test@test.com"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.BLOCKED);
      assertThat(dropped.detail()).isEqualTo("value is blocked by the application");
    }

    @Test
    void link_blockedExactValue_isMatchedExactlyAndOnlyInItsNamespace() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedValue("Email", "test@test.com").build();

      LinkResult result =
          link(blocking, "CRMID:test@test.com", "Email:TEST@test.com", "Email:test@test.com.au");

      assertThat(result.dropped()).isEmpty();
    }

    @Test
    void link_blockedExactValue_isMatchedAfterNormalization() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder()
              .namespace(CRMID)
              .namespace(
                  Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
              .blockedValue("Email", "test@test.com")
              .build();

      DroppedIdentity dropped =
          droppedAlongsideValidIdentity(blocking, id("Email:  TEST@Test.com "));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.BLOCKED);
    }

    @Test
    void link_blockedPattern_dropsValuesItFinds() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedPattern("Phone", "^0+$").build();

      DroppedIdentity dropped = droppedAlongsideValidIdentity(blocking, id("Phone:0000000"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.BLOCKED);
      assertThat(link(blocking, "CRMID:c-1", "Phone:+100").dropped()).isEmpty();
    }

    @Test
    void link_valueBlockedForEveryNamespace_isDroppedInAny() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedValue("*", "unknown").build();

      LinkResult result = link(blocking, "CRMID:unknown", "Email:unknown", "Phone:+1555");

      assertThat(result.identities()).containsExactly(id("Phone:+1555"));
      assertThat(result.dropped())
          .extracting(DroppedIdentity::problem)
          .containsExactly(IdentityProblem.BLOCKED, IdentityProblem.BLOCKED);
    }

    @Test
    void link_patternBlockedForEveryNamespace_isDroppedInAny() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedPattern("*", "^test").build();

      LinkResult result = link(blocking, "CRMID:test-1", "Email:test@x.com", "Email:a@test.com");

      assertThat(result.identities()).containsExactly(id("Email:a@test.com"));
      assertThat(result.dropped())
          .extracting(d -> d.identity().toText())
          .containsExactly("CRMID:test-1", "Email:test@x.com");
    }

    @Test
    void blockedValue_namespaceSpelledTwoWays_blocksBothValues() {
      // Namespace codes match case-insensitively, so both settings name the same namespace.
      MutableIdentityGraph blocking =
          IdentityGraph.builder()
              .namespace(CRMID)
              .blockedValue("Email", "test@test.com")
              .blockedValue("email", "junk@junk.com")
              .build();

      LinkResult result = link(blocking, "CRMID:c-1", "Email:test@test.com", "Email:junk@junk.com");

      assertThat(result.dropped())
          .extracting(d -> d.identity().toText() + " " + d.problem())
          .containsExactly("Email:test@test.com BLOCKED", "Email:junk@junk.com BLOCKED");
    }

    @Test
    void blockedPattern_namespaceSpelledTwoWays_appliesBothPatterns() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder()
              .namespace(CRMID)
              .blockedPattern("Phone", "^0+$")
              .blockedPattern("PHONE", "^9+$")
              .build();

      LinkResult result = link(blocking, "CRMID:c-1", "Phone:0000", "Phone:9999");

      assertThat(result.dropped())
          .extracting(d -> d.identity().toText() + " " + d.problem())
          .containsExactly("Phone:0000 BLOCKED", "Phone:9999 BLOCKED");
    }

    @Test
    void link_erasedIdentity_isDroppedAsErasedAndRestLinks() {
      link(graph, "CRMID:c-1", "Email:gone@example.com");
      graph.erase(id("Email:gone@example.com"));

      DroppedIdentity dropped = droppedAlongsideValidIdentity(graph, id("Email:gone@example.com"));

      assertThat(dropped.problem()).isEqualTo(IdentityProblem.ERASED);
      assertThat(dropped.detail()).isEqualTo("identity was erased for a privacy request");
      assertThat(members(graph, "CRMID:c-1")).containsExactly(id("CRMID:c-1"));
    }

    @Test
    void link_detailsNeverRepeatTheValue() {
      MutableIdentityGraph blocking =
          IdentityGraph.builder().namespace(CRMID).blockedPattern("Email", "secret").build();

      LinkResult result =
          link(
              blocking,
              "CRMID:c-1",
              "ECID:secret-ecid",
              "Email:secret@example.com",
              "Unknown:secret");

      assertThat(result.dropped()).hasSize(3);
      assertThat(result.dropped()).allSatisfy(d -> assertThat(d.detail()).doesNotContain("secret"));
    }
  }

  @Nested
  class RejectedRecords {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(CRMID)
            .linkingRules(LinkingRules.builder().unique("CRMID").build())
            .build();

    private List<Identity> emails(int count) {
      List<Identity> identities = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        identities.add(Identity.of("Email", "person" + i + "@example.com"));
      }
      return identities;
    }

    @Test
    void link_moreThan20Identities_isRejectedWhole() {
      LinkResult result = link(graph, emails(21));

      assertThat(result.rejected()).isTrue();
      assertThat(result.rejectionReason()).contains(RecordProblem.TOO_MANY_IDENTITIES);
      assertThat(result.change()).isEqualTo(GraphChange.NONE);
      assertThat(graph.contains(id("Email:person0@example.com"))).isFalse();
      assertThat(graph.statistics().identities()).isZero();
    }

    @Test
    void link_exactly20Identities_isAccepted() {
      LinkResult result = link(graph, emails(20));

      assertThat(result.rejected()).isFalse();
      assertThat(graph.graph(id("Email:person0@example.com")).orElseThrow().size()).isEqualTo(20);
    }

    @Test
    void link_moreIdentitiesThanConfiguredMaximum_isRejected() {
      MutableIdentityGraph small = IdentityGraph.builder().maxIdentitiesPerRecord(2).build();

      assertThat(link(small, emails(3)).rejection()).isEqualTo(RecordProblem.TOO_MANY_IDENTITIES);
      assertThat(link(small, emails(2)).rejection()).isNull();
    }

    @Test
    void link_noValidIdentity_isRejectedWithEachDropReported() {
      LinkResult result = link(graph, "Email:null", "ECID:42", "Loyalty:7");

      assertThat(result.rejection()).isEqualTo(RecordProblem.NO_VALID_IDENTITY);
      assertThat(result.identities()).isEmpty();
      assertThat(result.dropped())
          .extracting(DroppedIdentity::problem)
          .containsExactly(
              IdentityProblem.RESERVED_VALUE,
              IdentityProblem.INVALID_VALUE,
              IdentityProblem.UNKNOWN_NAMESPACE);
      assertThat(graph.statistics().identities()).isZero();
    }

    @Test
    void link_twoValuesOfUniqueNamespace_isRejectedAndLinksNothing() {
      LinkResult result = link(graph, "CRMID:c-1", "crmid:c-2", "Email:shared@example.com");

      assertThat(result.rejection()).isEqualTo(RecordProblem.CONFLICTING_UNIQUE_IDENTITIES);
      assertThat(result.removedLinks()).isEmpty();
      assertThat(graph.contains(id("CRMID:c-1"))).isFalse();
      assertThat(graph.contains(id("Email:shared@example.com"))).isFalse();
    }

    @Test
    void link_sameUniqueValueTwice_isOneIdentityNotAConflict() {
      LinkResult result = link(graph, "CRMID:c-1", "crmid:c-1", "Email:a@example.com");

      assertThat(result.rejected()).isFalse();
      assertThat(result.identities()).containsExactly(id("CRMID:c-1"), id("Email:a@example.com"));
    }

    @Test
    void link_twoValuesOfNonUniqueNamespace_isAccepted() {
      LinkResult result = link(graph, "Email:a@example.com", "Email:b@example.com");

      assertThat(result.rejected()).isFalse();
      assertThat(members(graph, "Email:a@example.com"))
          .containsExactly(id("Email:a@example.com"), id("Email:b@example.com"));
    }
  }

  @Nested
  class IdentitiesThatNeverLink {
    private final MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(Namespace.custom("StoreId", IdentityType.NON_PEOPLE))
            .namespace(Namespace.custom("PartnerId", IdentityType.PARTNER))
            .build();

    @Test
    void link_nonPeopleAndPartnerIdentities_areKeptOnRecordButDoNotLink() {
      LinkResult result =
          link(graph, "Email:a@example.com", "storeid:S-1", "PartnerId:P-1", "Phone:+1555");

      assertThat(result.rejected()).isFalse();
      assertThat(result.dropped()).isEmpty();
      assertThat(result.identities())
          .containsExactly(
              id("Email:a@example.com"), id("StoreId:S-1"), id("PartnerId:P-1"), id("Phone:+1555"));
      assertThat(members(graph, "Email:a@example.com"))
          .containsExactly(id("Email:a@example.com"), id("Phone:+1555"));
      assertThat(graph.contains(id("StoreId:S-1"))).isFalse();
      assertThat(graph.contains(id("PartnerId:P-1"))).isFalse();
    }

    @Test
    void link_sharedNonPeopleIdentity_doesNotJoinTwoPeople() {
      link(graph, "Email:a@example.com", "StoreId:S-1", "PartnerId:P-1");
      link(graph, "Email:b@example.com", "StoreId:S-1", "PartnerId:P-1");

      assertThat(members(graph, "Email:a@example.com")).containsExactly(id("Email:a@example.com"));
      assertThat(members(graph, "Email:b@example.com")).containsExactly(id("Email:b@example.com"));
      assertThat(graph.statistics().links()).isZero();
    }

    @Test
    void link_recordOfOnlyNonPeopleIdentities_isAcceptedWithoutGraph() {
      LinkResult result = link(graph, "StoreId:S-1");

      assertThat(result.rejected()).isFalse();
      assertThat(result.identities()).containsExactly(id("StoreId:S-1"));
      assertThat(graph.statistics().graphs()).isZero();
    }
  }

  @Nested
  class GraphArguments {
    private final MutableIdentityGraph graph = IdentityGraph.builder().build();

    @Test
    void neverLink_sameIdentityTwice_throws() {
      assertThatThrownBy(() -> graph.neverLink(id("Email:a@x.com"), id("email:a@x.com")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("b must differ from a, but both were Identity[Email, 7 chars]");
    }

    @Test
    void neverLink_invalidIdentity_throwsNamingArgumentAndProblem() {
      assertThatThrownBy(() -> graph.neverLink(id("Loyalty:1"), id("Email:a@x.com")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "a must be a valid identity, but was UNKNOWN_NAMESPACE: namespace is not registered");
      assertThatThrownBy(() -> graph.neverLink(id("Email:a@x.com"), id("ECID:1")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "b must be a valid identity, but was INVALID_VALUE:"
                  + " ECID value must be exactly 38 digits, but has 1 characters");
    }

    @Test
    void link_instantBeyondEpochMillis_throwsNamingTheTimestamp() {
      assertThatThrownBy(() -> graph.link("crm", Instant.MAX, id("Email:a@x.com")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "timestamp must be between -292275055-05-16T16:47:04.192Z and"
                  + " +292278994-08-17T07:12:55.807Z, but was "
                  + Instant.MAX);
    }

    @Test
    void link_nullArguments_throwNamingParameter() {
      assertThatThrownBy(() -> graph.link(null, 1L, List.of()))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("dataset");
      assertThatThrownBy(() -> graph.link("crm", 1L, (List<Identity>) null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("identities");
    }
  }

  @Test
  void namespaces_listsStandardAndCustomSortedByCode() {
    MutableIdentityGraph graph =
        IdentityGraph.builder()
            .namespace(Namespace.custom("loyaltyId", IdentityType.CROSS_DEVICE))
            .build();
    List<String> codes = graph.namespaces().stream().map(Namespace::code).toList();
    assertThat(codes).contains("Email", "ECID", "Phone", "loyaltyId").isSorted();
    assertThat(graph.namespace("LOYALTYID")).isPresent();
  }
}
