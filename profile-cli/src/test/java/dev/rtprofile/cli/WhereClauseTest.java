package dev.rtprofile.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(WhereClause.parse("ratio<0.5").value()).isEqualTo(0.5);
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
}
