package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code --where} clauses: operators and value types. */
class WhereClauseTest {
  @Test
  void parse_operators_areRecognisedLongestFirst() {
    assertThat(WhereClause.parse("a=1").operator()).isEqualTo("=");
    assertThat(WhereClause.parse("a!=1").operator()).isEqualTo("!=");
    assertThat(WhereClause.parse("a<=1").operator()).isEqualTo("<=");
    assertThat(WhereClause.parse("a>=1").operator()).isEqualTo(">=");
    assertThat(WhereClause.parse("a<1").operator()).isEqualTo("<");
    assertThat(WhereClause.parse("a>1").operator()).isEqualTo(">");
    assertThat(WhereClause.parse("a~x").operator()).isEqualTo("~");
  }

  @Test
  void parse_values_areTypedUnlessQuoted() {
    assertThat(WhereClause.parse("loyalty.points>=1000").value()).isEqualTo(1000L);
    assertThat(WhereClause.parse("ratio<0.5").value()).isEqualTo(new BigDecimal("0.5"));
    assertThat(WhereClause.parse("big<1234567890123456789").value())
        .isEqualTo(new BigDecimal("1234567890123456789"));
    assertThat(WhereClause.parse("big<1e9").value()).isEqualTo(new BigDecimal("1e9"));
    assertThat(WhereClause.parse("seen>2026-05-01T10:00:00Z").value())
        .isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(WhereClause.parse("vip=true").value()).isEqualTo(Boolean.TRUE);
    assertThat(WhereClause.parse("id=\"1001\"").value()).isEqualTo("1001");
    assertThat(WhereClause.parse(" loyalty.tier = gold ").path()).isEqualTo("loyalty.tier");
    assertThat(WhereClause.parse(" loyalty.tier = gold ").value()).isEqualTo("gold");
    assertThat(WhereClause.parse("name~123").value()).isEqualTo("123");
  }

  @Test
  void parse_valueMayHoldOperatorCharacters() {
    WhereClause clause = WhereClause.parse("web.url=https://x.example/?a=b");

    assertThat(clause.path()).isEqualTo("web.url");
    assertThat(clause.value()).isEqualTo("https://x.example/?a=b");
  }

  @Test
  void parse_noOperatorOrNoPath_throwsUsage() {
    assertThatThrownBy(() -> WhereClause.parse("loyalty.tier"))
        .isInstanceOf(UsageException.class)
        .hasMessageEndingWith("but was 'loyalty.tier'");
    assertThatThrownBy(() -> WhereClause.parse(" =gold"))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--where must look like PATH=VALUE");
    assertThatThrownBy(() -> WhereClause.parse("a!1")).isInstanceOf(UsageException.class);
  }

  @Test
  void parse_emptyOperatorLedOrMalformedNumbers_throwUsageNamingTheClause() {
    for (String text :
        new String[] {
          "loyalty.points>",
          "loyalty.tier==\"gold\"",
          "a=<1",
          "t~",
          "t~\"\"",
          "a<+5",
          "a<5.",
          "a<1.2.3"
        }) {
      assertThatThrownBy(() -> WhereClause.parse(text))
          .as(text)
          .isInstanceOf(UsageException.class)
          .hasMessageContaining("--where '" + text + "'");
    }
    assertThat(WhereClause.parse("a=\"=x\"").value()).isEqualTo("=x");
    assertThat(WhereClause.parse("a=v1.2").value()).isEqualTo("v1.2");
  }
}
