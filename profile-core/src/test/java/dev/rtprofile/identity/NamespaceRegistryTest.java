package dev.rtprofile.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceRegistryTest {
  private static final Namespace CRMID = Namespace.custom("CRMID", IdentityType.CROSS_DEVICE);

  @Test
  void standard_holdsTheStandardCatalogueInOrder() {
    assertThat(NamespaceRegistry.standard().all())
        .containsExactlyElementsOf(Namespace.standardCatalogue());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ecid", "ECID", "Ecid"})
  void find_matchesCodeCaseInsensitively(String code) {
    assertThat(NamespaceRegistry.standard().find(code))
        .hasValueSatisfying(ns -> assertThat(ns.code()).isEqualTo("ECID"));
  }

  @Test
  void find_unknownCode_isEmpty() {
    assertThat(NamespaceRegistry.standard().find("CRMID")).isEmpty();
  }

  @Test
  void require_unknownCode_throwsNamingTheFix() {
    assertThatThrownBy(() -> NamespaceRegistry.standard().require("CRMID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "namespace must be registered, call namespace(Namespace.custom(\"CRMID\", type)),"
                + " but was unknown: CRMID");
  }

  @Test
  void with_customNamespace_isFoundCaseInsensitively() {
    NamespaceRegistry registry = NamespaceRegistry.standard().with(CRMID);

    assertThat(registry.require("crmid")).isEqualTo(CRMID);
    assertThat(registry.all()).hasSize(Namespace.standardCatalogue().size() + 1).endsWith(CRMID);
  }

  @Test
  void with_returnsNewRegistryAndLeavesThisOneUnchanged() {
    NamespaceRegistry standard = NamespaceRegistry.standard();

    standard.with(CRMID);

    assertThat(standard.find("CRMID")).isEmpty();
    assertThat(NamespaceRegistry.standard().find("CRMID")).isEmpty();
  }

  @Test
  void with_standardNamespaceWithNormalizer_replacesItsNormalizer() {
    NamespaceRegistry registry =
        NamespaceRegistry.standard()
            .with(Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()));

    assertThat(registry.require("email").normalizer().normalize(" Jane@Example.COM "))
        .isEqualTo("jane@example.com");
    assertThat(registry.all()).hasSameSizeAs(Namespace.standardCatalogue());
  }

  @Test
  void with_sameCustomNamespaceAgain_replacesIt() {
    Namespace strict = CRMID.withValidator(IdentityValidator.digits(6));

    NamespaceRegistry registry = NamespaceRegistry.standard().with(CRMID).with(strict);

    assertThat(registry.require("CRMID").validator().problem("12"))
        .isEqualTo("must be exactly 6 digits, but has 2 characters");
  }

  @Test
  void with_existingCodeWithAnotherType_throwsNamingTheCodeAndBothTypes() {
    NamespaceRegistry registry = NamespaceRegistry.standard().with(CRMID);

    assertThatThrownBy(() -> registry.with(Namespace.custom("CRMID", IdentityType.EMAIL)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace CRMID is registered with type CROSS_DEVICE; namespace types are immutable,"
                + " but a registration asked for EMAIL");
  }

  @Test
  void with_standardCodeWithAnotherType_throwsNamingTheCode() {
    assertThatThrownBy(
            () ->
                NamespaceRegistry.standard()
                    .with(Namespace.custom("email", IdentityType.CROSS_DEVICE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace Email is registered with type EMAIL; namespace types are immutable,"
                + " but a registration asked for CROSS_DEVICE");
  }

  @Test
  void with_existingCodeWithAnotherSpelling_throwsNamingBothSpellings() {
    NamespaceRegistry registry = NamespaceRegistry.standard().with(CRMID);

    assertThatThrownBy(() -> registry.with(Namespace.custom("CrmId", IdentityType.CROSS_DEVICE)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace CRMID is registered under that spelling; codes are immutable,"
                + " but a registration used CrmId");
  }

  @Test
  void with_standardCodeWithAnotherSpelling_throwsNamingBothSpellings() {
    Namespace respelled =
        new Namespace(
            "EMAIL",
            "Email",
            IdentityType.EMAIL,
            false,
            IdentityNormalizer.emailLowerCase(),
            IdentityValidator.any());

    assertThatThrownBy(() -> NamespaceRegistry.standard().with(respelled))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace Email is registered under that spelling; codes are immutable,"
                + " but a registration used EMAIL");
  }

  @Test
  void with_standardCodeAsCustom_throwsTellingToUseStandardWithNormalizer() {
    assertThatThrownBy(
            () -> NamespaceRegistry.standard().with(Namespace.custom("Email", IdentityType.EMAIL)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "namespace Email is a standard namespace; to change its normalizer or validator"
                + " register Namespace.standard(\"Email\").withNormalizer(...) instead of a custom"
                + " namespace");
  }

  @Test
  void with_nullNamespace_throwsNamingIt() {
    assertThatThrownBy(() -> NamespaceRegistry.standard().with(Arrays.asList(CRMID, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("namespace");
  }

  @Test
  void all_cannotBeModified() {
    assertThatThrownBy(() -> NamespaceRegistry.standard().all().add(CRMID))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
