package dev.rtprofile.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Condition#parse}: the one text form of conditions, without a store. */
class ConditionParseTest {
  private static final String OPERATORS =
      "=, !=, <, <=, >, >=, ^= (starts with), ~= (array contains)";

  /** The one value a parsed leaf condition compares with. */
  private static Object value(String text) {
    Condition c = Condition.parse(text);
    assertThat(c.values).as(text).hasSize(1);
    return c.values.get(0);
  }

  @Test
  void parse_everyOperator_buildsTheFactorysCondition() {
    assertThat(
            Condition.parseAll("a.b=x c!=1 d<2 e<=3 f>4.5 g>=2026-01-01T00:00:00Z h^=pre i~=tag"))
        .extracting(Object::toString)
        .containsExactly(
            Condition.eq("a.b", "x").toString(),
            Condition.ne("c", 1L).toString(),
            Condition.lt("d", 2L).toString(),
            Condition.le("e", 3L).toString(),
            Condition.gt("f", 4.5).toString(),
            Condition.ge("g", Instant.parse("2026-01-01T00:00:00Z")).toString(),
            Condition.startsWith("h", "pre").toString(),
            Condition.contains("i", "tag").toString());
    assertThat(Condition.parse("h^=pre").op).isEqualTo(Condition.Op.STARTS_WITH);
    assertThat(Condition.parse("i~=tag").op).isEqualTo(Condition.Op.CONTAINS);
    assertThat(Condition.parse("d<2").op).isEqualTo(Condition.Op.LT);
    assertThat(Condition.parse("e<=3").op).isEqualTo(Condition.Op.LE);
    assertThat(Condition.parse("f>4").op).isEqualTo(Condition.Op.GT);
    assertThat(Condition.parse("g>=4").op).isEqualTo(Condition.Op.GE);
  }

  @Test
  void parse_star_isExistsOrMissingUnlessQuoted() {
    assertThat(Condition.parse("j=*").toString()).isEqualTo("exists(j)");
    assertThat(Condition.parse("k!=*").toString()).isEqualTo("missing(k)");
    assertThat(Condition.parse("k = *").toString()).isEqualTo("exists(k)");
    assertThat(value("j=\"*\"")).isEqualTo("*");
  }

  @Test
  void parse_identities_areHasIdentityAndHasNamespace() {
    assertThat(Condition.parse(" Email:jane@example.com ").identity())
        .contains(Identity.of("Email", "jane@example.com"));
    assertThat(Condition.parse("AAID:a:b==").identity()).contains(Identity.of("AAID", "a:b=="));
    assertThat(Condition.parse("Phone_E.164:\"+351 912\"").identity())
        .contains(Identity.of("Phone_E.164", "+351 912"));
    assertThat(Condition.parse("CRMID:*").toString()).isEqualTo("hasNamespace(CRMID)");
    assertThat(Condition.parse("CRMID:*").identity()).isEmpty();
    assertThat(Condition.parse("a=1").identity()).isEmpty();
  }

  @Test
  void parse_severalConditions_areAllOfThemInOrder() {
    Condition both =
        Condition.parse("loyalty.tier=gold   Email:jane@example.com loyalty.points>=1000");
    assertThat(both.op).isEqualTo(Condition.Op.AND);
    assertThat(both.toString())
        .isEqualTo(
            "and[loyalty.tier = gold, hasIdentity(Identity[Email, 16 chars]), loyalty.points >="
                + " 1000]");
    assertThat(both.paths()).containsExactly("loyalty.tier", "loyalty.points");
    assertThat(Condition.parse("a=1 b=2 a=3").paths()).containsExactly("a", "b");
    assertThat(Condition.parse("a=1").op).isEqualTo(Condition.Op.EQ);
  }

  @Test
  void parse_whitespace_mayPadTheTextAndSurroundOperators() {
    assertThat(Condition.parseAll("\t loyalty.tier = gold  points >=\t1000 \n"))
        .extracting(Object::toString)
        .containsExactly("loyalty.tier = gold", "points >= 1000");
  }

  @Test
  void parse_bareValues_areTyped() {
    assertThat(value("vip=true")).isEqualTo(Boolean.TRUE);
    assertThat(value("vip=false")).isEqualTo(Boolean.FALSE);
    assertThat(value("p>=1000")).isEqualTo(1000L);
    assertThat(value("p>-12")).isEqualTo(-12L);
    assertThat(value("big<1234567890123456789")).isEqualTo(1234567890123456789L);
    assertThat(value("big<9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(value("big<99999999999999999999")).isEqualTo(new BigDecimal("99999999999999999999"));
    assertThat(value("ratio<0.5")).isEqualTo(0.5);
    assertThat(value("ratio<1.50")).isEqualTo(1.5);
    assertThat(value("big<1e9")).isEqualTo(1e9);
    assertThat(value("tiny>-2.5E-300")).isEqualTo(-2.5e-300);
    assertThat(value("seen>2026-05-01T10:00:00Z")).isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(value("seen>2026-13-45T99:00:00Z")).isEqualTo("2026-13-45T99:00:00Z");
    assertThat(value("born=1990-05-01")).isEqualTo("1990-05-01");
    assertThat(value("a=v1.2")).isEqualTo("v1.2");
    assertThat(value("tier=gold")).isEqualTo("gold");
    assertThat(value("web.url=https://x.example/?a=b")).isEqualTo("https://x.example/?a=b");
    assertThat(value("tags~=42")).isEqualTo(42L);
  }

  @Test
  void parse_quotedValues_areStringsWithSpacesAndEscapes() {
    assertThat(value("id=\"1001\"")).isEqualTo("1001");
    assertThat(value("vip=\"true\"")).isEqualTo("true");
    assertThat(value("a=\"=x\"")).isEqualTo("=x");
    assertThat(value("a=\"\"")).isEqualTo("");
    assertThat(value("tags~=\"42\"")).isEqualTo("42");
    assertThat(
            Condition.parseAll(
                "city=\"New York\" zip=\"01234\" q=\"say \\\"hi\\\"\" p=\"C:\\\\x\\d\""))
        .extracting(c -> c.values.get(0))
        .containsExactly("New York", "01234", "say \"hi\"", "C:\\x\\d");
  }

  @Test
  void parse_prefix_isNeverTyped() {
    assertThat(value("zip^=012")).isEqualTo("012");
    assertThat(value("name^=123")).isEqualTo("123");
    assertThat(value("name^=\"New Y\"")).isEqualTo("New Y");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`   `| a condition must not be blank; write PATH OP VALUE, such as loyalty.tier=gold",
        "loyalty.tier| no operator in 'loyalty.tier'; write PATH OP VALUE, such as"
            + " loyalty.tier=gold, with OP one of "
            + OPERATORS
            + ", or NAMESPACE:VALUE for an"
            + " identity",
        "a=1 loyalty.tier gold| no operator in 'loyalty.tier'; write PATH OP VALUE, such as"
            + " loyalty.tier=gold, with OP one of "
            + OPERATORS
            + ", or NAMESPACE:VALUE for an"
            + " identity",
        "a=1 and b=2| 'and' is not part of the syntax: conditions separated by spaces must all"
            + " hold; write them without 'and', such as loyalty.tier=gold loyalty.points>=1000",
        "=gold| no attribute path before '=' in '=gold'; write PATH OP VALUE, such as"
            + " loyalty.tier=gold",
        "a=~b| unknown operator '=~' in 'a=~b'; use one of " + OPERATORS,
        "a~x| unknown operator '~' in 'a~x'; use one of " + OPERATORS,
        "tier!gold| unknown operator '!' in 'tier!gold'; use one of " + OPERATORS,
        "a^b| unknown operator '^' in 'a^b'; use one of " + OPERATORS,
        "tier==gold| unknown operator '==' in 'tier==gold'; use one of " + OPERATORS,
        "a=<1| unknown operator '=<' in 'a=<1'; use one of " + OPERATORS,
        "loyalty.tier==\"gold\"| unknown operator '==' in 'loyalty.tier==\"gold\"'; use one of "
            + OPERATORS,
        "a!1| unknown operator '!' in 'a!1'; use one of " + OPERATORS,
        "t~| unknown operator '~' in 't~'; use one of " + OPERATORS,
        "loyalty.points>| no value after '>' in 'loyalty.points>'; write one, in double quotes if"
            + " it holds spaces",
        "loyalty.points>=| no value after '>=' in 'loyalty.points>='; write one, in double quotes"
            + " if it holds spaces",
        "a = | no value after '=' in 'a ='; write one, in double quotes if it holds spaces",
        "a = =x| value '=x' in 'a = =x' starts with an operator character; quote it: \"=x\"",
        "a..b=1| bad attribute path 'a..b' in 'a..b=1'; write dot-separated non-empty segments,"
            + " such as loyalty.tier=gold",
        "loyalty.points>=true| '>=' needs a value that can be ordered (a number, string or"
            + " instant), but true in 'loyalty.points>=true' is a boolean; booleans only take ="
            + " and !=",
        "vip<false| '<' needs a value that can be ordered (a number, string or instant), but"
            + " false in 'vip<false' is a boolean; booleans only take = and !=",
        "vip^=true| ok",
        "loyalty.tier<*| '*' goes only with = (exists) and != (missing), not with '<' in"
            + " 'loyalty.tier<*'; quote it to compare with the string: \"*\"",
        "t^=\"\"| '^=' needs a prefix, but the one in 't^=\"\"' is empty; write t=* for any"
            + " value",
        "a<+5| value '+5' in 'a<+5' reads like a number but is not one; write 5, -5, 5.25 or 5e3,"
            + " or quote it for a string: \"+5\"",
        "a<5.| value '5.' in 'a<5.' reads like a number but is not one; write 5, -5, 5.25 or 5e3,"
            + " or quote it for a string: \"5.\"",
        "a<1.2.3| value '1.2.3' in 'a<1.2.3' reads like a number but is not one; write 5, -5,"
            + " 5.25 or 5e3, or quote it for a string: \"1.2.3\"",
        "a<1e400| value '1e400' in 'a<1e400' is beyond a double's range; quote it for a string:"
            + " \"1e400\"",
        "city=\"Lis| no closing double quote in 'city=\"Lis'; end the value with \"",
        "a=\"x\"y| 'y' follows the closing quote in 'a=\"x\"y'; separate conditions with a"
            + " space",
        "a=x\"y| a double quote inside the value in 'a=x\"y'; quote the whole value, writing"
            + " \\\" for a quote in it",
        "1x:abc| bad namespace '1x' in '1x:abc'; a namespace code starts with a letter, then"
            + " letters, digits, _, . or -, such as Email:jane@example.com",
        "Email:| no value after 'Email:' in 'Email:'; write NAMESPACE:VALUE, such as"
            + " Email:jane@example.com",
      })
  void parse_malformed_namesTheFaultAndTheFix(String text, String message) {
    if (message.equals("ok")) {
      assertThat(value(text)).isEqualTo("true");
      return;
    }
    assertThatThrownBy(() -> Condition.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void parse_longCondition_isShortenedInTheMessage() {
    assertThatThrownBy(() -> Condition.parse("x".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no operator in '" + "x".repeat(61) + "...'; write PATH OP");
  }

  @Test
  void parse_null_namesTheParameter() {
    assertThatThrownBy(() -> Condition.parse(null)).hasMessage("text");
  }

  @Test
  void parse_conditions_searchAsTheirFactoriesDo() {
    ProfileStore store = ProfileStore.builder().build();
    store.ingest(
        Record.builder("crm")
            .primary(Identity.of("Email", "a@example.com"))
            .attribute("tier", "gold")
            .attribute("points", 1200L)
            .attribute("ratio", 0.25)
            .attribute("tags", List.of("vip", 42L))
            .attribute("seen", Instant.parse("2026-05-01T10:00:00Z"))
            .timestamp(Instant.parse("2026-05-01T10:00:00Z"))
            .build());
    store.ingest(
        Record.builder("crm")
            .primary(Identity.of("Email", "b@example.com"))
            .attribute("tier", "silver")
            .attribute("points", 800L)
            .timestamp(Instant.parse("2026-05-01T10:00:00Z"))
            .build());
    for (String text :
        List.of(
            "tier=gold",
            "points>=1000",
            "ratio<0.5",
            "tags~=vip tags~=42",
            "tier^=go points>1000.5",
            "seen>2026-01-01T00:00:00Z",
            "ratio=*",
            "Email:a@example.com")) {
      assertThat(store.search().where(Condition.parse(text)).count()).as(text).isEqualTo(1);
    }
    assertThat(store.search().where(Condition.parse("ratio!=*")).count()).isEqualTo(1);
    assertThat(store.search().where(Condition.parse("Email:*")).count()).isEqualTo(2);
    assertThat(store.search().where(Condition.parse("points=\"1200\"")).count()).isZero();
  }
}
