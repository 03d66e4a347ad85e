package dev.rtprofile.graph;

import dev.rtprofile.identity.Identity;
import dev.rtprofile.identity.IdentityProblem;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.internal.WellFormedText;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an identity against the graph's namespaces and checks its value: namespace known,
 * normalized by the namespace's normalizer, then at most 1024 characters, free of NULs and lone
 * surrogates, not blank, not a reserved value, accepted by the namespace's validator, not blocked
 * by the application. Immutable and thread-safe given thread-safe normalizers and validators.
 */
final class IdentityChecker {
  static final int MAX_VALUE_LENGTH = 1024;
  private static final Set<String> RESERVED = Set.of("null", "anonymous", "invalid");

  private final Map<String, Integer> namespaceIndex;
  private final Map<String, Integer> exactIndex = new HashMap<>();
  private final List<Namespace> namespaces;
  private final Map<Integer, Set<String>> blockedValues;
  private final Map<Integer, List<Pattern>> blockedPatterns;
  private final Set<String> blockedEverywhere;
  private final List<Pattern> blockedPatternsEverywhere;
  private final boolean blocksAny;

  IdentityChecker(
      List<Namespace> namespaces,
      Map<String, Integer> namespaceIndex,
      Map<Integer, Set<String>> blockedValues,
      Map<Integer, List<Pattern>> blockedPatterns,
      Set<String> blockedEverywhere,
      List<Pattern> blockedPatternsEverywhere) {
    this.namespaces = namespaces;
    this.namespaceIndex = namespaceIndex;
    for (int i = 0; i < namespaces.size(); i++) {
      exactIndex.put(namespaces.get(i).code(), i);
    }
    this.blockedValues = blockedValues;
    this.blockedPatterns = blockedPatterns;
    this.blockedEverywhere = blockedEverywhere;
    this.blockedPatternsEverywhere = blockedPatternsEverywhere;
    this.blocksAny =
        !blockedValues.isEmpty()
            || !blockedPatterns.isEmpty()
            || !blockedEverywhere.isEmpty()
            || !blockedPatternsEverywhere.isEmpty();
  }

  /** The outcome of a check: the namespace index and normalized value, or the problem. */
  static final class Checked {
    int namespace = -1;
    String value = "";
    @Nullable IdentityProblem problem;
    String detail = "";
  }

  /** Checks {@code identity}, writing the outcome into {@code out}. */
  void check(Identity identity, Checked out) {
    out.problem = null;
    // Most records spell codes canonically: look that up before paying for a lower-cased copy.
    Integer ns = exactIndex.get(identity.namespace());
    if (ns == null) {
      ns = namespaceIndex.get(identity.namespace().toLowerCase(Locale.ROOT));
    }
    if (ns == null) {
      fail(out, IdentityProblem.UNKNOWN_NAMESPACE, "namespace is not registered");
      return;
    }
    out.namespace = ns;
    Namespace namespace = namespaces.get(ns);
    String raw = identity.value();
    if (raw.length() > MAX_VALUE_LENGTH) {
      fail(out, IdentityProblem.TOO_LONG, "value is longer than " + MAX_VALUE_LENGTH + " chars");
      return;
    }
    if (invalidCharacters(raw, out)) {
      return;
    }
    if (raw.isBlank()) {
      fail(out, IdentityProblem.BLANK, "value is blank");
      return;
    }
    if (isReserved(raw)) {
      fail(out, IdentityProblem.RESERVED_VALUE, "value is a reserved placeholder");
      return;
    }
    String value;
    try {
      value = namespace.normalizer().normalize(raw);
    } catch (RuntimeException e) {
      fail(out, IdentityProblem.INVALID_VALUE, "normalizer refused the value: " + e.getMessage());
      return;
    }
    // A normalizer that kept the value (the default) leaves nothing new to check.
    if (value != raw) {
      if (value == null || value.isBlank()) {
        fail(out, IdentityProblem.BLANK, "value is blank after normalization");
        return;
      }
      if (value.length() > MAX_VALUE_LENGTH) {
        fail(out, IdentityProblem.TOO_LONG, "value is longer than " + MAX_VALUE_LENGTH + " chars");
        return;
      }
      if (invalidCharacters(value, out)) {
        return;
      }
      if (isReserved(value)) {
        fail(out, IdentityProblem.RESERVED_VALUE, "value is a reserved placeholder");
        return;
      }
    }
    String problem;
    try {
      problem = namespace.validator().problem(value);
    } catch (RuntimeException e) {
      problem = "validator failed: " + e.getMessage();
    }
    if (problem != null) {
      fail(out, IdentityProblem.INVALID_VALUE, namespace.code() + " value " + problem);
      return;
    }
    if (isBlocked(ns, value)) {
      fail(out, IdentityProblem.BLOCKED, "value is blocked by the application");
      return;
    }
    out.value = value;
  }

  /** Fails {@code out} if the value holds a NUL or a lone surrogate; the detail has no value. */
  private static boolean invalidCharacters(String value, Checked out) {
    int at = WellFormedText.invalidAt(value);
    if (at < 0) {
      return false;
    }
    fail(
        out,
        IdentityProblem.INVALID_CHARACTERS,
        "value holds " + WellFormedText.describe(value, at));
    return true;
  }

  private static boolean isReserved(String value) {
    int length = value.length();
    if (length > 20) {
      return false;
    }
    // The reserved values have 4, 7 or 9 characters: most values are ruled out by their length
    // once surrounding whitespace is discounted, without a stripped copy.
    if (length > 0
        && !Character.isWhitespace(value.charAt(0))
        && !Character.isWhitespace(value.charAt(length - 1))
        && length != 4
        && length != 7
        && length != 9) {
      return false;
    }
    String stripped = value.strip();
    for (int i = 0; i < stripped.length(); i++) {
      if (stripped.charAt(i) >= 0x80) {
        return RESERVED.contains(stripped.toLowerCase(Locale.ROOT));
      }
    }
    // ASCII only: ignoring case is lower-casing, without the copy.
    for (String reserved : RESERVED) {
      if (reserved.equalsIgnoreCase(stripped)) {
        return true;
      }
    }
    return false;
  }

  private boolean isBlocked(int ns, String value) {
    if (!blocksAny) {
      return false;
    }
    if (blockedEverywhere.contains(value)) {
      return true;
    }
    Set<String> exact = blockedValues.get(ns);
    if (exact != null && exact.contains(value)) {
      return true;
    }
    for (Pattern pattern : blockedPatternsEverywhere) {
      if (pattern.matcher(value).find()) {
        return true;
      }
    }
    List<Pattern> patterns = blockedPatterns.get(ns);
    if (patterns != null) {
      for (Pattern pattern : patterns) {
        if (pattern.matcher(value).find()) {
          return true;
        }
      }
    }
    return false;
  }

  private static void fail(Checked out, IdentityProblem problem, String detail) {
    out.problem = problem;
    out.detail = detail;
  }
}
