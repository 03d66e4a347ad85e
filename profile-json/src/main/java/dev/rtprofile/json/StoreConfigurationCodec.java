package dev.rtprofile.json;

import dev.rtprofile.graph.LinkingRules;
import dev.rtprofile.identity.IdentityNormalizer;
import dev.rtprofile.identity.IdentityType;
import dev.rtprofile.identity.Namespace;
import dev.rtprofile.store.ProfileStore;
import dev.rtprofile.store.ProfileStoreBuilder;
import dev.rtprofile.store.UpdateMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Reads the store configuration file. Every setting is checked while reading, by building a store
 * from it, so that a bad file fails at once with the field's name; unknown fields are errors, to
 * catch typos.
 */
final class StoreConfigurationCodec {
  private static final Set<String> FIELDS =
      Set.of(
          "namespaces",
          "linkingRules",
          "graphLimit",
          "hubLimit",
          "maxComponentSize",
          "maxIdentitiesPerRecord",
          "maxRecordSize",
          "maxEventSize",
          "profileCacheSize",
          "blockedValues",
          "blockedPatterns",
          "mergePolicies",
          "updateModes",
          "eventRetention",
          "indexes",
          "mappings");

  private StoreConfigurationCodec() {}

  static StoreConfiguration read(JsonNode root) {
    Json.requireObject(root, "store configuration");
    for (String name : root.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE,
            "store configuration fields must be among "
                + new TreeSet<>(FIELDS)
                + ", but one was '"
                + Timestamps.abbreviate(name)
                + "'");
      }
    }
    List<Consumer<ProfileStoreBuilder>> steps = new ArrayList<>();
    namespaces(root, steps);
    linkingRules(root, steps);
    for (String name :
        List.of(
            "graphLimit",
            "hubLimit",
            "maxComponentSize",
            "maxIdentitiesPerRecord",
            "maxRecordSize",
            "maxEventSize",
            "profileCacheSize")) {
      if (root.has(name)) {
        int value = intValue(root, name);
        check(name, () -> setInt(ProfileStore.builder(), name, value));
        steps.add(b -> setInt(b, name, value));
      }
    }
    blocked(root, steps);
    policies(root, steps);
    updateModes(root, steps);
    retention(root, steps);
    indexes(root, steps);
    Map<String, FieldMapping> mappings = mappings(root);
    StoreConfiguration config = new StoreConfiguration(steps, mappings);
    check("store configuration", config::buildStore);
    return config;
  }

  private static void setInt(ProfileStoreBuilder b, String name, int value) {
    switch (name) {
      case "graphLimit" -> b.graphLimit(value);
      case "hubLimit" -> b.hubLimit(value);
      case "maxComponentSize" -> b.maxComponentSize(value);
      case "maxIdentitiesPerRecord" -> b.maxIdentitiesPerRecord(value);
      case "maxRecordSize" -> b.maxRecordSize(value);
      case "maxEventSize" -> b.maxEventSize(value);
      case "profileCacheSize" -> b.profileCacheSize(value);
      default -> throw new AssertionError(name);
    }
  }

  private static void namespaces(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("namespaces")) {
      return;
    }
    ArrayNode array = Json.requireArray(root.get("namespaces"), "namespaces");
    for (int i = 0; i < array.size(); i++) {
      String at = "namespaces[" + i + "]";
      JsonNode node = array.get(i);
      Json.requireObject(node, at);
      String code = Json.requiredString(node, "code", at + ".code");
      String type = Json.optionalString(node, "type", at + ".type");
      String normalizer = Json.optionalString(node, "normalizer", at + ".normalizer");
      Namespace namespace =
          check(
              at,
              () ->
                  type == null
                      ? Namespace.standard(code)
                      : Namespace.custom(
                          code, GraphCodec.constant(IdentityType.class, type, at + ".type")));
      if (normalizer != null) {
        IdentityNormalizer n =
            switch (normalizer) {
              case "none" -> IdentityNormalizer.none();
              case "emailLowerCase" -> IdentityNormalizer.emailLowerCase();
              case "phoneE164" -> IdentityNormalizer.phoneE164();
              default ->
                  throw new InvalidJsonException(
                      InputProblem.WRONG_TYPE,
                      at
                          + ".normalizer must be none, emailLowerCase or phoneE164, but was '"
                          + Timestamps.abbreviate(normalizer)
                          + "'");
            };
        namespace = namespace.withNormalizer(n);
      }
      Namespace done = namespace;
      steps.add(b -> b.namespace(done));
    }
  }

  private static void linkingRules(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("linkingRules")) {
      return;
    }
    JsonNode node = root.get("linkingRules");
    Json.requireObject(node, "linkingRules");
    LinkingRules.Builder rules = LinkingRules.builder();
    if (node.has("maxUniqueNamespaces")) {
      int max = intValue(node, "maxUniqueNamespaces");
      check("linkingRules.maxUniqueNamespaces", () -> rules.maxUniqueNamespaces(max));
    }
    if (node.has("unique")) {
      List<String> unique = Json.strings(node, "unique", "linkingRules.unique");
      check("linkingRules.unique", () -> rules.unique(unique.toArray(String[]::new)));
    }
    if (node.has("priority")) {
      List<String> priority = Json.strings(node, "priority", "linkingRules.priority");
      check("linkingRules.priority", () -> rules.priority(priority.toArray(String[]::new)));
    }
    LinkingRules built = check("linkingRules", rules::build);
    steps.add(b -> b.linkingRules(built));
  }

  private static void blocked(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    for (String field : List.of("blockedValues", "blockedPatterns")) {
      if (!root.has(field)) {
        continue;
      }
      ArrayNode array = Json.requireArray(root.get(field), field);
      boolean pattern = field.equals("blockedPatterns");
      for (int i = 0; i < array.size(); i++) {
        String at = field + "[" + i + "]";
        JsonNode node = array.get(i);
        Json.requireObject(node, at);
        String namespace = Json.requiredString(node, "namespace", at + ".namespace");
        String value =
            Json.requiredString(
                node, pattern ? "regex" : "value", at + (pattern ? ".regex" : ".value"));
        Consumer<ProfileStoreBuilder> step =
            b -> {
              if (pattern) {
                b.blockedPattern(namespace, value);
              } else {
                b.blockedValue(namespace, value);
              }
            };
        check(at, () -> step.accept(ProfileStore.builder()));
        steps.add(step);
      }
    }
  }

  private static void policies(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("mergePolicies")) {
      return;
    }
    ArrayNode array = Json.requireArray(root.get("mergePolicies"), "mergePolicies");
    String defaultId = null;
    for (int i = 0; i < array.size(); i++) {
      String at = "mergePolicies[" + i + "]";
      MergePolicyDocument doc;
      try {
        doc = MergePolicyCodec.read(array.get(i));
      } catch (InvalidJsonException e) {
        throw new InvalidJsonException(e.problem(), at + ": " + e.getMessage());
      }
      if (doc.isDefault()) {
        if (defaultId != null) {
          throw new InvalidJsonException(
              InputProblem.WRONG_TYPE,
              "mergePolicies must mark at most one policy default, but marked "
                  + defaultId
                  + " and "
                  + doc.policy().id());
        }
        defaultId = doc.policy().id();
        steps.add(b -> b.defaultMergePolicy(doc.policy()));
      } else {
        steps.add(b -> b.mergePolicy(doc.policy()));
      }
    }
  }

  private static void updateModes(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("updateModes")) {
      return;
    }
    JsonNode node = root.get("updateModes");
    Json.requireObject(node, "updateModes");
    for (String dataset : node.propertyNames()) {
      String at = "updateModes." + dataset;
      UpdateMode mode =
          GraphCodec.constant(UpdateMode.class, Json.requiredString(node, dataset, at), at);
      steps.add(b -> b.updateMode(dataset, mode));
    }
  }

  private static void retention(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("eventRetention")) {
      return;
    }
    JsonNode node = root.get("eventRetention");
    Json.requireObject(node, "eventRetention");
    for (String dataset : node.propertyNames()) {
      String at = "eventRetention." + dataset;
      String text = Json.requiredString(node, dataset, at);
      Duration ttl;
      try {
        ttl = Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE,
            at
                + " must be an ISO-8601 duration such as P30D, but was '"
                + Timestamps.abbreviate(text)
                + "'");
      }
      check(at, () -> ProfileStore.builder().eventRetention(dataset, ttl));
      steps.add(b -> b.eventRetention(dataset, ttl));
    }
  }

  private static void indexes(JsonNode root, List<Consumer<ProfileStoreBuilder>> steps) {
    if (!root.has("indexes")) {
      return;
    }
    ArrayNode array = Json.requireArray(root.get("indexes"), "indexes");
    for (int i = 0; i < array.size(); i++) {
      String at = "indexes[" + i + "]";
      JsonNode node = array.get(i);
      if (node.isString()) {
        String path = node.stringValue();
        check(at, () -> ProfileStore.builder().index(path));
        steps.add(b -> b.index(path));
      } else {
        Json.requireObject(node, at);
        String policy = Json.requiredString(node, "policy", at + ".policy");
        String path = Json.requiredString(node, "path", at + ".path");
        check(at, () -> ProfileStore.builder().index(policy, path));
        steps.add(b -> b.index(policy, path));
      }
    }
  }

  private static Map<String, FieldMapping> mappings(JsonNode root) {
    Map<String, FieldMapping> out = new LinkedHashMap<>();
    if (!root.has("mappings")) {
      return out;
    }
    JsonNode node = root.get("mappings");
    Json.requireObject(node, "mappings");
    for (String name : node.propertyNames()) {
      out.put(name, mapping(node.get(name), "mappings." + name));
    }
    return out;
  }

  private static FieldMapping mapping(JsonNode node, String at) {
    Json.requireObject(node, at);
    FieldMapping.Builder b = FieldMapping.builder();
    if (node.has("identities")) {
      ArrayNode ids = Json.requireArray(node.get("identities"), at + ".identities");
      for (int i = 0; i < ids.size(); i++) {
        String f = at + ".identities[" + i + "]";
        JsonNode id = ids.get(i);
        Json.requireObject(id, f);
        String pointer = Json.requiredString(id, "pointer", f + ".pointer");
        String namespace = Json.requiredString(id, "namespace", f + ".namespace");
        JsonNode primary = id.get("primary");
        boolean isPrimary = primary != null && primary.isBoolean() && primary.booleanValue();
        check(
            f,
            () ->
                isPrimary ? b.primaryIdentity(pointer, namespace) : b.identity(pointer, namespace));
      }
    }
    if (node.has("attributes")) {
      ArrayNode attrs = Json.requireArray(node.get("attributes"), at + ".attributes");
      for (int i = 0; i < attrs.size(); i++) {
        String f = at + ".attributes[" + i + "]";
        JsonNode a = attrs.get(i);
        Json.requireObject(a, f);
        String pointer = Json.requiredString(a, "pointer", f + ".pointer");
        String path = Json.requiredString(a, "path", f + ".path");
        String type = Json.optionalString(a, "type", f + ".type");
        ValueType valueType =
            type == null
                ? ValueType.AS_IS
                : GraphCodec.constant(ValueType.class, type, f + ".type");
        check(f, () -> b.attribute(pointer, path, valueType));
      }
    }
    for (String field : List.of("customTimestamp", "timestamp", "eventId", "eventType")) {
      String pointer = Json.optionalString(node, field, at + "." + field);
      if (pointer != null) {
        check(
            at + "." + field,
            () ->
                switch (field) {
                  case "customTimestamp" -> b.customTimestamp(pointer);
                  case "timestamp" -> b.timestamp(pointer);
                  case "eventId" -> b.eventId(pointer);
                  default -> b.eventType(pointer);
                });
      }
    }
    return check(at, b::build);
  }

  private static int intValue(JsonNode parent, String name) {
    long value = Json.requiredLong(parent, name, name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new InvalidJsonException(
          InputProblem.NUMBER_OUT_OF_RANGE, name + " must fit an int, but was " + value);
    }
    return (int) value;
  }

  /** Runs a core setter, turning its argument or state check into an error naming the field. */
  private static <T> T check(String field, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + ": " + XdmReader.detail(e.getMessage()));
    }
  }

  private static void check(String field, Runnable step) {
    check(
        field,
        () -> {
          step.run();
          return null;
        });
  }
}
