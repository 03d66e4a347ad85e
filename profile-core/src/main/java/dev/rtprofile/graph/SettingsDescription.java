package dev.rtprofile.graph;

import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityValidator;
import dev.rtprofile.identity.Namespace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The canonical text of every setting of a {@link GraphConfig} that changes what the graph derives
 * from the same commands, one setting per line, sorted so that the order settings were made in does
 * not matter: the namespaces (code, type, normalizer, validator), the unique namespaces, the
 * resolved priority of every namespace, the limits, the blocked values (as SHA-256, never in clear)
 * and patterns, and the deny-list salt (as a SHA-256 fingerprint, never the salt itself). Display
 * names and {@code maxUniqueNamespaces}, which change nothing derived, are left out.
 *
 * <p>A normalizer or validator is a function, so it is described by what can be observed of it: the
 * built-in normalizers {@code none} and {@code emailLowerCase} by name; any other by its class name
 * (a lambda's without the part that changes from run to run) and a fingerprint of its answers to a
 * fixed list of probe values (not identity values), which tells apart, say, {@code phoneE164("1")}
 * from {@code phoneE164("44")} or {@code digits(38)} from {@code digits(10)}. Two functions that
 * agree on every probe but differ elsewhere are described alike: the description is exact for the
 * built-ins and as exact as probing allows for the application's own.
 *
 * <p>Stateless and thread-safe, given thread-safe normalizers and validators.
 */
final class SettingsDescription {
  /** The first line: what the text describes and the version of its form. */
  static final String HEADER = "rtprofile identity graph settings 1";

  private static final List<String> PROBES = probes();

  private SettingsDescription() {}

  /** Every line, the salt's last. */
  static String of(GraphConfig config) {
    return rules(config) + salt(config) + "\n";
  }

  /** Every line but the salt's, each ended by a newline. */
  static String rules(GraphConfig config) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    List<Namespace> byCode = new ArrayList<>(config.namespaces());
    byCode.sort(Comparator.comparing(Namespace::code));
    for (Namespace ns : byCode) {
      out.append("namespace ")
          .append(ns.code())
          .append(" type=")
          .append(ns.type().name())
          .append(" normalizer=")
          .append(normalizer(ns.normalizer()))
          .append(" validator=")
          .append(validator(ns.validator()))
          .append('\n');
    }
    SortedSet<String> unique = new TreeSet<>();
    StringBuilder priority = new StringBuilder();
    for (Namespace ns : byCode) {
      int index = config.namespaceIndex(ns.code());
      if (config.uniqueBit(index) >= 0) {
        unique.add(ns.code());
      }
      priority.append(priority.length() == 0 ? "" : ",").append(ns.code()).append(':');
      priority.append(config.priority(index));
    }
    out.append("unique=").append(String.join(",", unique)).append('\n');
    out.append("priority=").append(priority).append('\n');
    out.append("graphLimit=").append(config.graphLimit()).append('\n');
    out.append("hubLimit=").append(config.hubLimit()).append('\n');
    out.append("maxComponentSize=").append(config.maxComponentSize()).append('\n');
    out.append("maxIdentitiesPerRecord=").append(config.maxIdentitiesPerRecord()).append('\n');
    for (Map.Entry<String, SortedSet<String>> e : config.blockedValues().entrySet()) {
      SortedSet<String> hashes = new TreeSet<>();
      for (String value : e.getValue()) {
        hashes.add(sha256Hex(value.getBytes(StandardCharsets.UTF_8)));
      }
      for (String hash : hashes) {
        out.append("blockedValue ").append(e.getKey()).append(" sha256:").append(hash);
        out.append('\n');
      }
    }
    for (Map.Entry<String, List<Pattern>> e : config.blockedPatterns().entrySet()) {
      SortedSet<String> patterns = new TreeSet<>();
      for (Pattern p : e.getValue()) {
        patterns.add("flags=" + p.flags() + " " + escaped(p.pattern()));
      }
      for (String p : patterns) {
        out.append("blockedPattern ").append(e.getKey()).append(' ').append(p).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * The salt's line, without a newline: {@code denyListSalt=sha256:<fingerprint>}, or {@code
   * denyListSalt=random} if the builder set none (each graph then draws its own).
   */
  static String salt(GraphConfig config) {
    return config.randomSalt()
        ? "denyListSalt=random"
        : "denyListSalt=sha256:" + HexFormat.of().formatHex(saltFingerprint(config));
  }

  /** The SHA-256 fingerprint of the salt the graph uses, drawn or set. */
  static byte[] saltFingerprint(GraphConfig config) {
    MessageDigest sha = sha256();
    sha.update("rtprofile deny-list salt\0".getBytes(StandardCharsets.UTF_8));
    return sha.digest(config.denyListSalt());
  }

  /** The SHA-256 of the rules' lines: what a state written under these settings records. */
  static byte[] rulesFingerprint(GraphConfig config) {
    return sha256().digest(rules(config).getBytes(StandardCharsets.UTF_8));
  }

  private static String normalizer(IdentityNormalizer normalizer) {
    if (normalizer == IdentityNormalizer.none()) {
      return "none";
    }
    if (normalizer == IdentityNormalizer.emailLowerCase()) {
      return "emailLowerCase";
    }
    return function(normalizer, normalizer::normalize);
  }

  private static String validator(IdentityValidator validator) {
    return function(validator, validator::problem);
  }

  /** A function's stable class name and the fingerprint of its answers to the probes. */
  private static String function(Object f, Function<String, ?> apply) {
    MessageDigest sha = sha256();
    for (int i = 0; i < PROBES.size(); i++) {
      String answer;
      try {
        Object result = apply.apply(PROBES.get(i));
        answer = result == null ? "\u0001null" : "=" + result;
      } catch (RuntimeException e) {
        answer = "!" + stableName(e.getClass());
      }
      sha.update((i + ":" + answer + "\u0000").getBytes(StandardCharsets.UTF_8));
    }
    byte[] digest = sha.digest();
    return stableName(f.getClass()) + "#" + HexFormat.of().formatHex(digest, 0, 8);
  }

  /**
   * The class's name without what changes from run to run: a lambda's or other hidden class's
   * counter and address ({@code Foo$$Lambda$14/0x0000000800c0b228} is {@code Foo$$Lambda}).
   */
  static String stableName(Class<?> c) {
    String name = c.getName();
    int lambda = name.indexOf("$$Lambda");
    if (lambda >= 0) {
      return name.substring(0, lambda) + "$$Lambda";
    }
    int slash = name.indexOf('/');
    return slash >= 0 ? name.substring(0, slash) : name;
  }

  /** The pattern with backslashes, line breaks and other control characters escaped. */
  private static String escaped(String pattern) {
    StringBuilder out = new StringBuilder(pattern.length());
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (c < 0x20 || c == 0x7F || c == ' ') {
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Values that tell common normalizers and validators apart: cases and white space, e-mail
   * addresses, phone numbers national and international, digit strings of every length up to 64,
   * hexadecimal digests, non-ASCII letters, reserved words.
   */
  private static List<String> probes() {
    List<String> probes =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "\t",
                "a",
                "A",
                "aB",
                "z9",
                "x y",
                " Mixed.Case@Example.COM ",
                "user@example.com",
                "USER@EXAMPLE.COM",
                "user+tag@sub.example.org",
                "not an address",
                "+1 415 555 0100",
                "+14155550100",
                "(415) 555-0100",
                "415.555.0100",
                "4155550100",
                "+44 20 7946 0958",
                "0044 20 7946 0958",
                "020 7946 0958",
                "07946 095800",
                "+49 (0)30 123456",
                "12-34",
                "0",
                "-1",
                "1.5",
                "0123456789abcdef".repeat(4),
                "0123456789ABCDEF".repeat(4),
                "0123456789abcdef".repeat(4) + " ",
                "g".repeat(64),
                "Straße",
                "İstanbul",
                "ǅungla",
                "日本語",
                "\uD83D\uDE00",
                "null",
                "anonymous",
                "invalid",
                "-",
                "_",
                ".",
                "x".repeat(300)));
    for (int n = 1; n <= 64; n++) {
      probes.add("1".repeat(n));
    }
    probes.add("9".repeat(38) + "a");
    return List.copyOf(probes);
  }
}
