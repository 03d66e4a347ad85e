package dev.rtprofile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceTest {

  @Test
  void standardCatalogue_holdsEveryDesignCodeWithItsType() {
    Map<String, IdentityType> typeByCode = new LinkedHashMap<>();
    for (Namespace namespace : Namespace.standardCatalogue()) {
      typeByCode.put(namespace.code(), namespace.type());
    }

    assertThat(typeByCode)
        .containsExactly(
            entry("ECID", IdentityType.COOKIE),
            entry("AAID", IdentityType.COOKIE),
            entry("CORE", IdentityType.COOKIE),
            entry("TNTID", IdentityType.COOKIE),
            entry("AdCloud", IdentityType.COOKIE),
            entry("GAID", IdentityType.DEVICE),
            entry("IDFA", IdentityType.DEVICE),
            entry("WAID", IdentityType.DEVICE),
            entry("Email", IdentityType.EMAIL),
            entry("Email_LC_SHA256", IdentityType.EMAIL),
            entry("Phone", IdentityType.PHONE),
            entry("Phone_E.164", IdentityType.PHONE),
            entry("Phone_SHA256", IdentityType.PHONE),
            entry("Phone_SHA256_E.164", IdentityType.PHONE));
  }

  @Test
  void standardCatalogue_isNotCustomAndHasNoNormalizer() {
    for (Namespace namespace : Namespace.standardCatalogue()) {
      assertThat(namespace.custom()).as(namespace.code()).isFalse();
      assertThat(namespace.normalizer().normalize(" Jane@Example.COM "))
          .as(namespace.code() + " keeps values as sent")
          .isEqualTo(" Jane@Example.COM ");
    }
  }

  @Test
  void standardCatalogue_ecidAcceptsOnlyThirtyEightDigits() {
    Namespace ecid = Namespace.standard(Namespace.ECID);

    assertThat(ecid.validator().problem("1".repeat(38))).isNull();
    assertThat(ecid.validator().problem("1".repeat(37)))
        .isEqualTo("must be exactly 38 digits, but has 37 characters");
  }

  @Test
  void standardCatalogue_cannotBeModified() {
    assertThatThrownBy(
            () -> Namespace.standardCatalogue().add(Namespace.custom("CRMID", IdentityType.EMAIL)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"email", "EMAIL", "Email", "eMaIl"})
  void standard_matchesCodeCaseInsensitively(String code) {
    Namespace email = Namespace.standard(code);

    assertThat(email.code()).isEqualTo("Email");
    assertThat(email.type()).isEqualTo(IdentityType.EMAIL);
  }

  @Test
  void standard_dottedCode_matchesCaseInsensitively() {
    assertThat(Namespace.standard("phone_sha256_e.164").code()).isEqualTo("Phone_SHA256_E.164");
  }

  @Test
  void standard_unknownCode_throwsNamingCodeAndFix() {
    assertThatThrownBy(() -> Namespace.standard("CRMID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "code must name a standard namespace (use Namespace.custom for others), but was CRMID");
  }

  @Test
  void standard_nullCode_throwsNamingParameter() {
    assertThatThrownBy(() -> Namespace.standard(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("code");
  }

  @Test
  void custom_isOneLine() {
    Namespace crmId = Namespace.custom("CRMID", IdentityType.CROSS_DEVICE);

    assertThat(crmId.code()).isEqualTo("CRMID");
    assertThat(crmId.displayName()).isEqualTo("CRMID");
    assertThat(crmId.type()).isEqualTo(IdentityType.CROSS_DEVICE);
    assertThat(crmId.custom()).isTrue();
    assertThat(crmId.normalizer().normalize(" Mixed Case ")).isEqualTo(" Mixed Case ");
    assertThat(crmId.validator().problem("anything at all")).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "CRMID", "loginID", "Phone_SHA256_E.164", "x-y.z_1"})
  void constructor_validCode_isAccepted(String code) {
    assertThat(Namespace.custom(code, IdentityType.CROSS_DEVICE).code()).isEqualTo(code);
  }

  @Test
  void constructor_codeOfSixtyFourCharacters_isAccepted() {
    String code = "A" + "b".repeat(63);

    assertThat(Namespace.custom(code, IdentityType.CROSS_DEVICE).code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "1CRM", "_crm", "crm id", "crm:id", "e@mail", "Ünïcode"})
  void constructor_invalidCode_throwsNamingRuleAndValue(String code) {
    assertThatThrownBy(() -> Namespace.custom(code, IdentityType.CROSS_DEVICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "code must be a letter followed by up to 63 letters, digits, '_', '.' or '-', but was '"
                + code
                + "'");
  }

  @Test
  void constructor_codeOfSixtyFiveCharacters_throws() {
    String code = "A" + "b".repeat(64);

    assertThatThrownBy(() -> Namespace.custom(code, IdentityType.CROSS_DEVICE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith("but was '" + code + "'");
  }

  @Test
  void constructor_nullPart_throwsNamingIt() {
    IdentityNormalizer none = IdentityNormalizer.none();
    IdentityValidator any = IdentityValidator.any();

    assertThatThrownBy(() -> new Namespace(null, "n", IdentityType.EMAIL, true, none, any))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("code");
    assertThatThrownBy(() -> new Namespace("C", null, IdentityType.EMAIL, true, none, any))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("displayName");
    assertThatThrownBy(() -> new Namespace("C", "n", null, true, none, any))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("type");
    assertThatThrownBy(() -> new Namespace("C", "n", IdentityType.EMAIL, true, null, any))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("normalizer");
    assertThatThrownBy(() -> new Namespace("C", "n", IdentityType.EMAIL, true, none, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("validator");
  }

  @Test
  void withNormalizer_keepsCodeTypeAndStandardFlag() {
    Namespace email =
        Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase());

    assertThat(email.code()).isEqualTo("Email");
    assertThat(email.type()).isEqualTo(IdentityType.EMAIL);
    assertThat(email.custom()).isFalse();
    assertThat(email.normalizer().normalize(" Jane@Example.COM ")).isEqualTo("jane@example.com");
    assertThat(Namespace.standard("Email").normalizer().normalize("Jane@Example.COM"))
        .as("the catalogue itself is unchanged")
        .isEqualTo("Jane@Example.COM");
  }

  @Test
  void withValidator_replacesValidator() {
    Namespace loyalty =
        Namespace.custom("Loyalty", IdentityType.CROSS_DEVICE)
            .withValidator(IdentityValidator.digits(8));

    assertThat(loyalty.validator().problem("12345678")).isNull();
    assertThat(loyalty.validator().problem("1234"))
        .isEqualTo("must be exactly 8 digits, but has 4 characters");
  }

  @Test
  void withDisplayName_changesOnlyTheDisplayName() {
    Namespace crmId =
        Namespace.custom("CRMID", IdentityType.CROSS_DEVICE).withDisplayName("CRM customer id");

    assertThat(crmId.displayName()).isEqualTo("CRM customer id");
    assertThat(crmId.code()).isEqualTo("CRMID");
    assertThat(crmId.custom()).isTrue();
  }

  @Test
  void key_isLowerCaseCode() {
    assertThat(Namespace.standard("Phone_E.164").key()).isEqualTo("phone_e.164");
    assertThat(Namespace.key("AdCloud")).isEqualTo("adcloud");
  }
}
