package dev.rtprofile.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.IdentityValidator;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.GraphEngines;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link GraphEngines#settingsDescription}: equal for builders with equal settings, however they
 * were made; different when any one setting that changes what the graph derives differs; never
 * holding the salt or a blocked value.
 */
class SettingsDescriptionTest {
  private static final byte[] SALT = "description-salt-0123456789".getBytes(StandardCharsets.UTF_8);
  private static final String BLOCKED = "blocked-secret@example.com";

  /** The base settings, with something in every setting. */
  private static IdentityGraph.Builder base() {
    return IdentityGraph.builder()
        .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
        .namespace(Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
        .namespace(Namespace.standard("Phone").withNormalizer(IdentityNormalizer.phoneE164("1")))
        .linkingRules(LinkingRules.builder().unique("CRMID").priority("CRMID", "Email").build())
        .blockedValue("Email", BLOCKED)
        .blockedPattern("*", "^0+$")
        .denyListSalt(SALT);
  }

  private static String describe(IdentityGraph.Builder builder) {
    return GraphEngines.settingsDescription(builder);
  }

  @Test
  void settingsDescription_equalSettings_giveEqualTexts() {
    String text = describe(base());

    assertThat(describe(base())).isEqualTo(text);
    // Set in another order, namespace codes in another case, the default priority spelt out.
    IdentityGraph.Builder reordered =
        IdentityGraph.builder()
            .denyListSalt(SALT.clone())
            .blockedPattern("*", "^0+$")
            .blockedValue("email", BLOCKED)
            .namespace(
                Namespace.standard("Phone").withNormalizer(IdentityNormalizer.phoneE164("1")))
            .namespace(
                Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
            .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
            .linkingRules(
                LinkingRules.builder().unique("crmid").priority("CRMID", "Email").build());
    assertThat(describe(reordered)).isEqualTo(text);
    assertThat(describe(base().graphLimit(50).hubLimit(50))).isEqualTo(text);
    // A display name changes nothing derived.
    assertThat(
            describe(
                base()
                    .namespace(
                        Namespace.custom("CRMID", IdentityType.CROSS_DEVICE)
                            .withDisplayName("CRM"))))
        .isEqualTo(text);
  }

  @Test
  void settingsDescription_anyOneSettingDiffers_givesAnotherText() {
    Map<String, Supplier<IdentityGraph.Builder>> variants = new LinkedHashMap<>();
    variants.put("base", SettingsDescriptionTest::base);
    variants.put("graphLimit", () -> base().graphLimit(49));
    variants.put("hubLimit", () -> base().hubLimit(49));
    variants.put("maxComponentSize", () -> base().maxComponentSize(999));
    variants.put("maxIdentitiesPerRecord", () -> base().maxIdentitiesPerRecord(19));
    variants.put(
        "unique",
        () ->
            base()
                .linkingRules(
                    LinkingRules.builder().unique("CRMID", "Email").priority("CRMID").build()));
    variants.put(
        "priority",
        () ->
            base().linkingRules(LinkingRules.builder().unique("CRMID").priority("Email").build()));
    variants.put(
        "namespace added", () -> base().namespace(Namespace.custom("loyalty", IdentityType.EMAIL)));
    variants.put(
        "namespace type",
        () -> base().namespace(Namespace.custom("loyalty", IdentityType.CROSS_DEVICE)));
    variants.put("normalizer", () -> base().namespace(Namespace.standard("Email")));
    variants.put(
        "normalizer parameter",
        () ->
            base()
                .namespace(
                    Namespace.standard("Phone")
                        .withNormalizer(IdentityNormalizer.phoneE164("44"))));
    variants.put(
        "normalizer wrapped",
        () ->
            base()
                .namespace(
                    Namespace.standard("Email")
                        .withNormalizer(
                            IdentityNormalizer.sha256(IdentityNormalizer.emailLowerCase()))));
    variants.put(
        "validator",
        () ->
            base()
                .namespace(
                    Namespace.custom("CRMID", IdentityType.CROSS_DEVICE)
                        .withValidator(IdentityValidator.digits(10))));
    variants.put(
        "validator parameter",
        () ->
            base()
                .namespace(
                    Namespace.custom("CRMID", IdentityType.CROSS_DEVICE)
                        .withValidator(IdentityValidator.digits(12))));
    variants.put("blockedValue", () -> base().blockedValue("Email", "other@example.com"));
    variants.put("blockedValue namespace", () -> base().blockedValue("Phone", BLOCKED));
    variants.put("blockedPattern", () -> base().blockedPattern("*", "^9+$"));
    variants.put("blockedPattern namespace", () -> base().blockedPattern("Email", "^0+$"));
    variants.put("salt", () -> base().denyListSalt(new byte[16]));
    variants.put(
        "no salt",
        () ->
            IdentityGraph.builder()
                .namespace(Namespace.custom("CRMID", IdentityType.CROSS_DEVICE))
                .namespace(
                    Namespace.standard("Email").withNormalizer(IdentityNormalizer.emailLowerCase()))
                .namespace(
                    Namespace.standard("Phone").withNormalizer(IdentityNormalizer.phoneE164("1")))
                .linkingRules(
                    LinkingRules.builder().unique("CRMID").priority("CRMID", "Email").build())
                .blockedValue("Email", BLOCKED)
                .blockedPattern("*", "^0+$"));

    Map<String, String> seen = new LinkedHashMap<>();
    variants.forEach(
        (name, builder) -> {
          String text = describe(builder.get());
          assertThat(describe(builder.get())).as("%s, described again", name).isEqualTo(text);
          assertThat(seen).as("%s describes like another", name).doesNotContainValue(text);
          seen.put(name, text);
        });
  }

  @Test
  void settingsDescription_holdsNeitherSaltNorBlockedValue() {
    String text = describe(base());

    assertThat(text)
        .doesNotContain(BLOCKED)
        .doesNotContain(new String(SALT, StandardCharsets.UTF_8))
        .doesNotContain(HexFormat.of().formatHex(SALT))
        .contains("blockedValue Email sha256:")
        .contains("denyListSalt=sha256:")
        .startsWith("rtprofile identity graph settings 1\n");
    assertThat(describe(IdentityGraph.builder())).endsWith("denyListSalt=random\n");
  }

  @Test
  void settingsDescription_lambdas_describedWithoutRunSpecificNames() {
    String text = describe(base().namespace(Namespace.custom("custom", IdentityType.EMAIL)));

    assertThat(text)
        .contains("normalizer=emailLowerCase")
        .contains("$$Lambda#")
        .doesNotContain("/0x")
        .doesNotContainPattern("\\$\\$Lambda\\$[0-9]");
  }
}
