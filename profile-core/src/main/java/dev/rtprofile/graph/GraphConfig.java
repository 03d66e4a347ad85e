package dev.rtprofile.graph;

import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.identity.NamespaceRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The identity graph's validated, immutable configuration, with the namespaces resolved to dense
 * indexes and the per-namespace numbers the hot path needs in arrays.
 */
final class GraphConfig {
  private final List<Namespace> namespaces;
  private final Map<String, Integer> namespaceIndex = new HashMap<>();
  private final int[] priority;
  private final int[] uniqueBit;
  private final int[] canonRank;
  private final boolean[] links;

  /** Whether any namespace is unique, so that a record may conflict with itself. */
  final boolean hasUniqueNamespaces;

  private final int graphLimit;
  private final int hubLimit;
  private final int maxComponentSize;
  private final int maxIdentitiesPerRecord;
  private final byte[] denyListSalt;
  private final boolean randomSalt;

  /** The blocked values by canonical namespace code ({@code "*"}: every namespace), sorted. */
  private final SortedMap<String, SortedSet<String>> blockedValueSettings = new TreeMap<>();

  /** The blocked patterns by canonical namespace code ({@code "*"}: every namespace). */
  private final SortedMap<String, List<Pattern>> blockedPatternSettings = new TreeMap<>();

  private final IdentityChecker checker;
  private final LinkingRules rules;

  GraphConfig(
      NamespaceRegistry registry,
      LinkingRules rules,
      int graphLimit,
      int hubLimit,
      int maxComponentSize,
      int maxIdentitiesPerRecord,
      byte[] denyListSalt,
      boolean randomSalt,
      Map<String, Set<String>> blockedValues,
      Map<String, List<Pattern>> blockedPatterns) {
    this.rules = rules;
    this.namespaces = registry.all();
    if (namespaces.size() > Short.MAX_VALUE) {
      throw new IllegalStateException(
          "namespaces must number at most " + Short.MAX_VALUE + ", but were " + namespaces.size());
    }
    for (int i = 0; i < namespaces.size(); i++) {
      namespaceIndex.put(namespaces.get(i).key(), i);
    }
    this.graphLimit = graphLimit;
    this.hubLimit = hubLimit;
    if (maxComponentSize < graphLimit) {
      throw new IllegalStateException(
          "maxComponentSize must be at least graphLimit ("
              + graphLimit
              + "), but was "
              + maxComponentSize
              + "; raise maxComponentSize or lower graphLimit");
    }
    this.maxComponentSize = maxComponentSize;
    this.maxIdentitiesPerRecord = maxIdentitiesPerRecord;
    this.denyListSalt = denyListSalt.clone();
    this.randomSalt = randomSalt;

    hasUniqueNamespaces = !rules.unique().isEmpty();
    uniqueBit = new int[namespaces.size()];
    Arrays.fill(uniqueBit, -1);
    if (rules.unique().size() > rules.maxUniqueNamespaces()) {
      throw new IllegalStateException(
          "linkingRules.unique names "
              + rules.unique().size()
              + " namespaces but maxUniqueNamespaces is "
              + rules.maxUniqueNamespaces()
              + "; call maxUniqueNamespaces("
              + rules.unique().size()
              + ") or name fewer unique namespaces: "
              + rules.unique());
    }
    int bit = 0;
    for (String code : rules.unique()) {
      Namespace ns = known(code, "linkingRules.unique");
      if (!ns.type().links()) {
        throw new IllegalStateException(
            "linkingRules.unique must name namespaces that link, but "
                + ns.code()
                + " has type "
                + ns.type()
                + ", which never links");
      }
      int index = namespaceIndex.get(ns.key());
      if (uniqueBit[index] < 0) {
        uniqueBit[index] = bit++;
      }
    }

    List<Namespace> order = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    Namespace firstDevice = null;
    for (String code : rules.priority()) {
      Namespace ns = known(code, "linkingRules.priority");
      if (!listed.add(ns.key())) {
        throw new IllegalArgumentException(
            "linkingRules.priority must name each namespace once, but named "
                + ns.code()
                + " twice");
      }
      if (ns.type().isDeviceOrCookie() && firstDevice == null) {
        firstDevice = ns;
      }
      if (ns.type().isPerson() && firstDevice != null) {
        throw new IllegalStateException(
            "linkingRules.priority must rank person namespaces above device and cookie ones, but "
                + ns.code()
                + " ("
                + ns.type()
                + ") comes after "
                + firstDevice.code()
                + " ("
                + firstDevice.type()
                + "); move "
                + ns.code()
                + " before "
                + firstDevice.code());
      }
      order.add(ns);
    }
    List<Namespace> rest = new ArrayList<>();
    for (Namespace ns : namespaces) {
      if (!listed.contains(ns.key())) {
        rest.add(ns);
      }
    }
    rest.sort(
        Comparator.comparingInt((Namespace ns) -> ns.type().defaultRank())
            .thenComparing(Namespace::code));
    order.addAll(rest);
    priority = new int[namespaces.size()];
    for (int i = 0; i < order.size(); i++) {
      priority[namespaceIndex.get(order.get(i).key())] = i + 1;
    }

    links = new boolean[namespaces.size()];
    for (int i = 0; i < links.length; i++) {
      links[i] = namespaces.get(i).type().links();
    }

    List<Namespace> byCode = new ArrayList<>(namespaces);
    byCode.sort(Comparator.comparing(Namespace::code));
    canonRank = new int[namespaces.size()];
    for (int i = 0; i < byCode.size(); i++) {
      canonRank[namespaceIndex.get(byCode.get(i).key())] = i;
    }

    Map<Integer, Set<String>> values = new HashMap<>();
    Set<String> everywhere = new HashSet<>();
    blockedValues.forEach(
        (code, set) -> {
          String canonical = code.equals("*") ? code : known(code, "blockedValue").code();
          blockedValueSettings.computeIfAbsent(canonical, k -> new TreeSet<>()).addAll(set);
          if (code.equals("*")) {
            everywhere.addAll(set);
          } else {
            values
                .computeIfAbsent(
                    namespaceIndex.get(known(code, "blockedValue").key()), k -> new HashSet<>())
                .addAll(set);
          }
        });
    Map<Integer, List<Pattern>> patterns = new HashMap<>();
    List<Pattern> patternsEverywhere = new ArrayList<>();
    blockedPatterns.forEach(
        (code, list) -> {
          String canonical = code.equals("*") ? code : known(code, "blockedPattern").code();
          blockedPatternSettings.computeIfAbsent(canonical, k -> new ArrayList<>()).addAll(list);
          if (code.equals("*")) {
            patternsEverywhere.addAll(list);
          } else {
            patterns
                .computeIfAbsent(
                    namespaceIndex.get(known(code, "blockedPattern").key()), k -> new ArrayList<>())
                .addAll(list);
          }
        });
    checker =
        new IdentityChecker(
            namespaces,
            namespaceIndex,
            values,
            patterns,
            Set.copyOf(everywhere),
            List.copyOf(patternsEverywhere));
  }

  private Namespace known(String code, String setting) {
    Integer index = namespaceIndex.get(code.toLowerCase(Locale.ROOT));
    if (index == null) {
      throw new IllegalArgumentException(
          setting
              + " must name a registered namespace (register it with"
              + " namespace(Namespace.custom(\""
              + code
              + "\", type))), but was "
              + code);
    }
    return namespaces.get(index);
  }

  Namespace namespace(int index) {
    return namespaces.get(index);
  }

  List<Namespace> namespaces() {
    return namespaces;
  }

  /** The index of a namespace code, matched case-insensitively; -1 if unknown. */
  int namespaceIndex(String code) {
    Integer index = namespaceIndex.get(code.toLowerCase(Locale.ROOT));
    return index == null ? -1 : index;
  }

  int priority(int ns) {
    return priority[ns];
  }

  int uniqueBit(int ns) {
    return uniqueBit[ns];
  }

  /** Whether identities of namespace {@code ns} link (they are not NON_PEOPLE or PARTNER). */
  boolean links(int ns) {
    return links[ns];
  }

  int canonRank(int ns) {
    return canonRank[ns];
  }

  IdentityType type(int ns) {
    return namespaces.get(ns).type();
  }

  int graphLimit() {
    return graphLimit;
  }

  int hubLimit() {
    return hubLimit;
  }

  int maxComponentSize() {
    return maxComponentSize;
  }

  int maxIdentitiesPerRecord() {
    return maxIdentitiesPerRecord;
  }

  byte[] denyListSalt() {
    return denyListSalt.clone();
  }

  /** Whether the salt was drawn at random because the builder set none. */
  boolean randomSalt() {
    return randomSalt;
  }

  /** The blocked values by canonical namespace code ({@code "*"}: every namespace), sorted. */
  SortedMap<String, SortedSet<String>> blockedValues() {
    return blockedValueSettings;
  }

  /** The blocked patterns by canonical namespace code ({@code "*"}: every namespace). */
  SortedMap<String, List<Pattern>> blockedPatterns() {
    return blockedPatternSettings;
  }

  IdentityChecker checker() {
    return checker;
  }

  LinkingRules rules() {
    return rules;
  }
}
