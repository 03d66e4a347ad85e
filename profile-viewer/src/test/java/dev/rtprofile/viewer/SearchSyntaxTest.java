package dev.rtprofile.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rtprofile.identity.Identity;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The search box's language, without a store. */
class SearchSyntaxTest {

  @Test
  void parse_blank_isTheBrowseSample() {
    SearchSyntax.Query query = SearchSyntax.parse("   ");
    assertThat(query.identity()).isNull();
    assertThat(query.conditions()).isEmpty();
  }

  @Test
  void parse_namespaceAndValue_isAnIdentityWhoseValueKeepsItsColonsAndSigns() {
    assertThat(SearchSyntax.parse(" Email:jane@example.com ").identity())
        .isEqualTo(Identity.of("Email", "jane@example.com"));
    assertThat(SearchSyntax.parse("AAID:a:b==").identity()).isEqualTo(Identity.of("AAID", "a:b=="));
    assertThat(SearchSyntax.parse("Phone_E.164:+351 912").identity())
        .isEqualTo(Identity.of("Phone_E.164", "+351 912"));
  }

  @Test
  void parse_conditions_keepTheirOperatorsAndPaths() {
    SearchSyntax.Query query =
        SearchSyntax.parse(
            "a.b=x c!=1 d<2 e<=3 f>4.5 g>=2026-01-01T00:00:00Z h^=pre i~=tag j=* k!=* a.b=y");
    assertThat(query.identity()).isNull();
    assertThat(query.conditions())
        .extracting(Object::toString)
        .containsExactly(
            "a.b = x",
            "c != 1",
            "d < 2",
            "e <= 3",
            "f > 4.5",
            "g >= 2026-01-01T00:00:00Z",
            "startsWith(h, [pre])",
            "contains(i, [tag])",
            "exists(j)",
            "missing(k)",
            "a.b = y");
    assertThat(query.paths()).containsExactly("a.b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
  }

  @Test
  void parse_quotedValues_areStringsWithSpacesAndEscapes() {
    assertThat(
            SearchSyntax.parse("city=\"New York\" zip=\"01234\" q=\"say \\\"hi\\\"\"").conditions())
        .extracting(Object::toString)
        .containsExactly("city = New York", "zip = 01234", "q = say \"hi\"");
  }

  @Test
  void value_typesWhatItReads() {
    assertThat(SearchSyntax.value("true")).isEqualTo(Boolean.TRUE);
    assertThat(SearchSyntax.value("-12")).isEqualTo(-12L);
    assertThat(SearchSyntax.value("1.50")).isEqualTo(new BigDecimal("1.50"));
    assertThat(SearchSyntax.value("99999999999999999999"))
        .isEqualTo(new BigDecimal("99999999999999999999"));
    assertThat(SearchSyntax.value("2026-05-01T10:00:00Z"))
        .isEqualTo(Instant.parse("2026-05-01T10:00:00Z"));
    assertThat(SearchSyntax.value("2026-13-45T99:00:00Z")).isEqualTo("2026-13-45T99:00:00Z");
    assertThat(SearchSyntax.value("gold")).isEqualTo("gold");
  }

  @Test
  void parse_malformed_namesTheToken() {
    assertThatThrownBy(() -> SearchSyntax.parse("a=1 loyalty.tier"))
        .isInstanceOf(ApiException.class)
        .hasMessageEndingWith("but 'loyalty.tier' has no operator");
    assertThatThrownBy(() -> SearchSyntax.parse("a^b"))
        .isInstanceOf(ApiException.class)
        .hasMessage("q has '^' not followed by '=' in 'a^b'; write ^=");
    assertThatThrownBy(() -> SearchSyntax.parse("x".repeat(100)))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("...");
  }
}
