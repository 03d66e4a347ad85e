package dev.rtprofile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {

  @Test
  void of_keepsNamespaceAndValueAsGiven() {
    Identity identity = Identity.of("email", " Jane@Example.com ");

    assertThat(identity.namespace()).isEqualTo("email");
    assertThat(identity.value()).isEqualTo(" Jane@Example.com ");
  }

  @Test
  void equals_sameValueInOtherNamespace_isAnotherIdentity() {
    assertThat(Identity.of("Email", "jane@example.com"))
        .isEqualTo(Identity.of("Email", "jane@example.com"))
        .isNotEqualTo(Identity.of("CRMID", "jane@example.com"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void constructor_blankNamespace_throwsWithValue(String namespace) {
    assertThatThrownBy(() -> Identity.of(namespace, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace must not be blank, but was '" + namespace + "'");
  }

  @Test
  void constructor_nullPart_throwsNamingIt() {
    assertThatThrownBy(() -> Identity.of(null, "x"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("namespace");
    assertThatThrownBy(() -> Identity.of("Email", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("value");
  }

  @Test
  void constructor_blankValue_isAllowedForTheGraphToReport() {
    assertThat(Identity.of("Email", " ").value()).isEqualTo(" ");
  }

  @Test
  void parse_splitsAtFirstColon() {
    assertThat(Identity.parse("Email:jane@example.com"))
        .isEqualTo(Identity.of("Email", "jane@example.com"));
  }

  @Test
  void parse_valueWithColons_keepsThem() {
    assertThat(Identity.parse("URL:https://example.com:8443/a"))
        .isEqualTo(Identity.of("URL", "https://example.com:8443/a"));
  }

  @Test
  void parse_emptyValue_isAllowed() {
    assertThat(Identity.parse("Email:")).isEqualTo(Identity.of("Email", ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane@example.com", ":jane@example.com", ""})
  void parse_noNamespaceBeforeColon_throws(String text) {
    assertThatThrownBy(() -> Identity.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("text must look like NAMESPACE:VALUE, but has no namespace before a colon");
  }

  @Test
  void parse_blankNamespace_throws() {
    assertThatThrownBy(() -> Identity.parse(" :x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("namespace must not be blank, but was ' '");
  }

  @Test
  void parse_null_throwsNamingParameter() {
    assertThatThrownBy(() -> Identity.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Email:jane@example.com", "URL:a:b:c", "Phone:", "CRMID:  padded  "})
  void toText_isInverseOfParse(String text) {
    assertThat(Identity.parse(text).toText()).isEqualTo(text);
  }

  @Test
  void toString_showsNamespaceAndLengthButNotTheValue() {
    Identity identity = Identity.of("Email", "jane@example.com");

    assertThat(identity.toString())
        .isEqualTo("Identity[Email, 16 chars]")
        .doesNotContain("jane")
        .doesNotContain("example");
  }
}
