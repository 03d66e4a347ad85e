package dev.rtprofile.identity;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A namespace: the context that gives an identity value its meaning, such as {@code Email} or
 * {@code ECID}.
 *
 * <p>Codes match case-insensitively and are immutable once registered, as is the type. The standard
 * catalogue is {@link #standardCatalogue()}; a custom namespace is one line: {@code
 * Namespace.custom("CRMID", IdentityType.CROSS_DEVICE)}.
 *
 * @param code the code, 1 to 64 characters: a letter, then letters, digits, {@code _ . -}
 * @param displayName a human-readable name
 * @param type the identity type, deciding linking and eviction
 * @param custom whether this namespace is user-defined rather than from the standard catalogue
 * @param normalizer the normalizer applied to values before they are checked and stored
 * @param validator the namespace-specific value check
 */
public record Namespace(
    String code,
    String displayName,
    IdentityType type,
    boolean custom,
    IdentityNormalizer normalizer,
    IdentityValidator validator) {

  private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,63}");

  /** The code of the Experience Cloud ID namespace, whose values are exactly 38 digits. */
  public static final String ECID = "ECID";

  private static final List<Namespace> STANDARD =
      List.of(
          builtIn(ECID, "Experience Cloud ID", IdentityType.COOKIE, IdentityValidator.digits(38)),
          builtIn("AAID", "Adobe Analytics (Legacy ID)", IdentityType.COOKIE),
          builtIn("CORE", "CORE ID", IdentityType.COOKIE),
          builtIn("TNTID", "Target ID", IdentityType.COOKIE),
          builtIn("AdCloud", "Advertising Cloud ID", IdentityType.COOKIE),
          builtIn("GAID", "Google Ad ID", IdentityType.DEVICE),
          builtIn("IDFA", "Apple ID for Advertisers", IdentityType.DEVICE),
          builtIn("WAID", "Windows Advertising ID", IdentityType.DEVICE),
          builtIn("Email", "Email", IdentityType.EMAIL),
          builtIn("Email_LC_SHA256", "Email (SHA256, lower-cased)", IdentityType.EMAIL),
          builtIn("Phone", "Phone", IdentityType.PHONE),
          builtIn("Phone_E.164", "Phone (E.164)", IdentityType.PHONE),
          builtIn("Phone_SHA256", "Phone (SHA256)", IdentityType.PHONE),
          builtIn("Phone_SHA256_E.164", "Phone (SHA256, E.164)", IdentityType.PHONE));

  /** Validates the code and that no part is null. */
  public Namespace {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(normalizer, "normalizer");
    Objects.requireNonNull(validator, "validator");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(
          "code must be a letter followed by up to 63 letters, digits, '_', '.' or '-', but was '"
              + code
              + "'");
    }
  }

  /**
   * Returns a custom namespace with the given code and type, keeping values as sent and accepting
   * any value that passes the shared checks.
   */
  public static Namespace custom(String code, IdentityType type) {
    return new Namespace(
        code, code, type, true, IdentityNormalizer.none(), IdentityValidator.any());
  }

  /** Returns the namespaces of the standard catalogue, with no normalizers. */
  public static List<Namespace> standardCatalogue() {
    return STANDARD;
  }

  /**
   * Returns the standard namespace with {@code code} (matched case-insensitively), for instance to
   * give it a normalizer: {@code Namespace.standard("Email").withNormalizer(...)}.
   *
   * @throws IllegalArgumentException if the standard catalogue has no such code
   */
  public static Namespace standard(String code) {
    Objects.requireNonNull(code, "code");
    for (Namespace namespace : STANDARD) {
      if (namespace.key().equals(key(code))) {
        return namespace;
      }
    }
    throw new IllegalArgumentException(
        "code must name a standard namespace (use Namespace.custom for others), but was " + code);
  }

  /** Returns this namespace with {@code normalizer} (normalizers are opt-in). */
  public Namespace withNormalizer(IdentityNormalizer normalizer) {
    return new Namespace(code, displayName, type, custom, normalizer, validator);
  }

  /** Returns this namespace with {@code validator} in place of its current one. */
  public Namespace withValidator(IdentityValidator validator) {
    return new Namespace(code, displayName, type, custom, normalizer, validator);
  }

  /** Returns this namespace with another display name. */
  public Namespace withDisplayName(String displayName) {
    return new Namespace(code, displayName, type, custom, normalizer, validator);
  }

  /** The key under which codes match: the code in lower case. */
  public String key() {
    return key(code);
  }

  /** The key under which {@code code} matches a namespace: the code in lower case. */
  public static String key(String code) {
    return code.toLowerCase(Locale.ROOT);
  }

  private static Namespace builtIn(String code, String name, IdentityType type) {
    return builtIn(code, name, type, IdentityValidator.any());
  }

  private static Namespace builtIn(
      String code, String name, IdentityType type, IdentityValidator validator) {
    return new Namespace(code, name, type, false, IdentityNormalizer.none(), validator);
  }
}
