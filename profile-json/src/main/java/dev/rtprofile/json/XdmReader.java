package dev.rtprofile.json;

import dev.rtprofile.store.Event;
import dev.rtprofile.store.Record;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads one XDM record or experience event from the bytes of one JSON object with Jackson's
 * streaming parser, without building a tree. Every problem is an {@link InvalidJsonException}
 * naming an {@link InputProblem}; nothing else escapes for any input. Immutable and thread-safe.
 */
final class XdmReader {
  static final String IDENTITY_MAP = "identityMap";
  static final String CUSTOM_TIMESTAMP = "extSourceSystemAudit.lastUpdatedDate";
  static final String EVENT_ID = "_id";
  static final String EVENT_TIMESTAMP = "timestamp";
  static final String EVENT_TYPE = "eventType";
  private static final int MAX_DETAIL = 160;

  /** Stands for a JSON null inside an object in an array while the object is read. */
  private static final Object NULL = new Object();

  private final JsonFactory factory;
  private final @Nullable Clock ingestionTime;

  XdmReader(JsonFactory factory, @Nullable Clock ingestionTime) {
    this.factory = factory;
    this.ingestionTime = ingestionTime;
  }

  /** Reads a record of {@code dataset} from well-formed UTF-8 bytes. */
  Record record(String dataset, byte[] bytes, int offset, int length) {
    return record(dataset, read(bytes, offset, length, false, new FieldNames()));
  }

  /**
   * Reads the object a record is made of; {@link #record(String, Document)} makes it. Split so that
   * read-ahead parses on one thread and builds records on the storing one.
   */
  Document recordDocument(byte[] bytes, int offset, int length, FieldNames names) {
    return read(bytes, offset, length, false, names);
  }

  /** Reads the object an event is made of; {@link #event(String, Document)} makes it. */
  Document eventDocument(byte[] bytes, int offset, int length, FieldNames names) {
    return read(bytes, offset, length, true, names);
  }

  /** Makes a record of {@code dataset} from what {@link #recordDocument} read. */
  Record record(String dataset, Document doc) {
    Record.Builder b = Record.builder(dataset);
    try {
      addIdentities(doc.identities, b::primary, b::identity);
    } catch (IllegalStateException e) {
      throw new InvalidJsonException(
          InputProblem.INVALID_IDENTITY, "identityMap must mark at most one identity primary");
    }
    if (doc.customTimestamp != null) {
      b.customTimestamp(doc.customTimestamp);
    }
    if (ingestionTime != null) {
      b.timestamp(ingestionTime.millis());
    }
    try {
      for (int i = 0; i < doc.size; i++) {
        b.attribute(doc.paths[i], doc.values[i]);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(InputProblem.INVALID_ATTRIBUTE, detail(e.getMessage()));
    }
    return b.build();
  }

  /** Reads an event of {@code dataset} from well-formed UTF-8 bytes. */
  Event event(String dataset, byte[] bytes, int offset, int length) {
    return event(dataset, read(bytes, offset, length, true, new FieldNames()));
  }

  /** Makes an event of {@code dataset} from what {@link #eventDocument} read. */
  Event event(String dataset, Document doc) {
    if (doc.id == null || doc.id.isBlank()) {
      throw new InvalidJsonException(
          InputProblem.MISSING_ID,
          doc.id == null ? "_id must be present in an event" : "_id must not be blank");
    }
    if (doc.timestamp == null) {
      throw new InvalidJsonException(
          InputProblem.MISSING_TIMESTAMP, "timestamp must be present in an event");
    }
    Event.Builder b = Event.builder(dataset, doc.id).timestamp(doc.timestamp);
    if (doc.eventType != null) {
      b.eventType(doc.eventType);
    }
    addIdentities(doc.identities, b::primary, b::identity);
    try {
      for (int i = 0; i < doc.size; i++) {
        b.attribute(doc.paths[i], doc.values[i]);
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidJsonException(InputProblem.INVALID_ATTRIBUTE, detail(e.getMessage()));
    }
    return b.build();
  }

  private interface IdentitySink {
    void add(String namespace, String value);
  }

  private static void addIdentities(
      List<ParsedIdentity> identities, IdentitySink primary, IdentitySink other) {
    for (ParsedIdentity id : identities) {
      if (id.namespace.isBlank()) {
        throw new InvalidJsonException(
            InputProblem.INVALID_IDENTITY, "identityMap namespace codes must not be blank");
      }
      (id.primary ? primary : other).add(id.namespace, id.value);
    }
  }

  private record ParsedIdentity(String namespace, String value, boolean primary) {}

  /** What one object held, before it becomes a record or an event: leaf paths in read order. */
  static final class Document {
    String[] paths = new String[32];
    Object[] values = new Object[32];
    int size;
    final List<ParsedIdentity> identities = new ArrayList<>(4);
    @Nullable Long customTimestamp;
    @Nullable String id;
    @Nullable Long timestamp;
    @Nullable String eventType;

    void add(String path, Object value) {
      if (size == paths.length) {
        paths = Arrays.copyOf(paths, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      paths[size] = path;
      values[size++] = value;
    }
  }

  private Document read(byte[] bytes, int offset, int length, boolean event, FieldNames names) {
    screen(bytes, offset, length);
    names.nextDocument();
    Document doc = new Document();
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON, "the input holds no JSON value");
      }
      if (first != JsonToken.START_OBJECT) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE, "the input must be a JSON object, but was " + kind(first));
      }
      FieldNames.Node root = names.root();
      FieldNames.Node node = null;
      String name;
      while ((name = p.nextName()) != null) {
        JsonToken token = p.nextToken();
        node = names.enter(root, node, name);
        if (name.equals(IDENTITY_MAP)) {
          readIdentityMap(p, token, doc);
        } else if (event && name.equals(EVENT_ID)) {
          doc.id = string(p, token, EVENT_ID);
        } else if (event && name.equals(EVENT_TIMESTAMP)) {
          String text = string(p, token, EVENT_TIMESTAMP);
          doc.timestamp = text == null ? null : Timestamps.parse(text, EVENT_TIMESTAMP);
        } else if (event && name.equals(EVENT_TYPE)) {
          doc.eventType = string(p, token, EVENT_TYPE);
        } else {
          readField(p, token, node, names, doc);
        }
      }
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON,
            "the input must hold one JSON object, but " + kind(trailing) + " follows it");
      }
    } catch (StreamConstraintsException e) {
      throw new InvalidJsonException(InputProblem.LIMIT_EXCEEDED, detail(e.getOriginalMessage()));
    } catch (UnexpectedEndOfInputException e) {
      throw new InvalidJsonException(
          InputProblem.MALFORMED_JSON, "truncated: " + detail(e.getOriginalMessage()));
    } catch (JacksonException e) {
      throw new InvalidJsonException(InputProblem.MALFORMED_JSON, detail(e.getOriginalMessage()));
    }
    return doc;
  }

  /**
   * Rejects bytes that are not UTF-8, and NUL bytes, which are never valid JSON outside strings and
   * would make Jackson guess a UTF-16 or UTF-32 encoding.
   */
  static void screen(byte[] bytes, int offset, int length) {
    // One pass over plain ASCII without NUL, the usual line; the rest is checked from the first
    // byte that is neither.
    int from = Bytes.firstNonAsciiOrNul(bytes, offset, offset + length);
    if (from < 0) {
      return;
    }
    int bad = Utf8.invalidAt(bytes, from, offset + length - from);
    if (bad >= 0) {
      throw new InvalidJsonException(
          InputProblem.INVALID_UTF8, "the input is not valid UTF-8 at byte " + (bad - offset + 1));
    }
    int nul = Bytes.indexOf(bytes, from, offset + length, (byte) 0);
    if (nul >= 0) {
      throw new InvalidJsonException(
          InputProblem.MALFORMED_JSON, "the input holds a NUL byte at byte " + (nul - offset + 1));
    }
  }

  /** Reads the value of a reserved string field; null (or JSON null) if absent. */
  private static @Nullable String string(JsonParser p, JsonToken token, String field) {
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    if (token != JsonToken.VALUE_STRING) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, field + " must be a string, but was " + kind(token));
    }
    return p.getString();
  }

  private static void readIdentityMap(JsonParser p, JsonToken token, Document doc) {
    if (token == JsonToken.VALUE_NULL) {
      return;
    }
    if (token != JsonToken.START_OBJECT) {
      throw new InvalidJsonException(
          InputProblem.WRONG_TYPE, "identityMap must be an object, but was " + kind(token));
    }
    List<String> seen = new ArrayList<>(4);
    String namespace;
    while ((namespace = p.nextName()) != null) {
      if (seen.contains(namespace)) {
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON,
            "Duplicate field '" + Timestamps.abbreviate(namespace) + "' in identityMap");
      }
      seen.add(namespace);
      JsonToken list = p.nextToken();
      if (list != JsonToken.START_ARRAY) {
        throw new InvalidJsonException(
            InputProblem.WRONG_TYPE,
            "identityMap." + namespace + " must be an array, but was " + kind(list));
      }
      int index = 0;
      JsonToken item;
      while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
        if (item != JsonToken.START_OBJECT) {
          throw new InvalidJsonException(
              InputProblem.WRONG_TYPE,
              at(namespace, index) + " must be an object, but was " + kind(item));
        }
        doc.identities.add(readIdentity(p, namespace, index));
        index++;
      }
    }
  }

  /** Where an identity is, for messages: {@code identityMap.Email[0]}. */
  private static String at(String namespace, int index) {
    return "identityMap." + namespace + "[" + index + "]";
  }

  private static ParsedIdentity readIdentity(JsonParser p, String namespace, int index) {
    String value = null;
    boolean primary = false;
    int fields = 0;
    String field;
    while ((field = p.nextName()) != null) {
      JsonToken token = p.nextToken();
      int bit =
          switch (field) {
            case "id" -> 1;
            case "primary" -> 2;
            case "authenticatedState" -> 4;
            default -> 0;
          };
      if ((fields & bit) != 0) {
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON,
            "Duplicate field '" + field + "' in " + at(namespace, index));
      }
      fields |= bit;
      switch (field) {
        case "id" -> {
          if (token != JsonToken.VALUE_STRING) {
            throw new InvalidJsonException(
                InputProblem.WRONG_TYPE,
                at(namespace, index) + ".id must be a string, but was " + kind(token));
          }
          value = p.getString();
        }
        case "primary" -> {
          if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
            throw new InvalidJsonException(
                InputProblem.WRONG_TYPE,
                at(namespace, index) + ".primary must be a boolean, but was " + kind(token));
          }
          primary = token == JsonToken.VALUE_TRUE;
        }
        case "authenticatedState" -> {
          if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NULL) {
            throw new InvalidJsonException(
                InputProblem.WRONG_TYPE,
                at(namespace, index)
                    + ".authenticatedState must be a string, but was "
                    + kind(token));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (value == null) {
      throw new InvalidJsonException(
          InputProblem.INVALID_IDENTITY, at(namespace, index) + ".id must be present");
    }
    return new ParsedIdentity(namespace, value, primary);
  }

  /** Reads a top-level or nested field into flat attribute paths; objects become paths. */
  private static void readField(
      JsonParser p, JsonToken token, FieldNames.Node node, FieldNames names, Document doc) {
    switch (token) {
      case START_OBJECT -> {
        FieldNames.Node child = null;
        String name;
        while ((name = p.nextName()) != null) {
          JsonToken inner = p.nextToken();
          child = names.enter(node, child, name);
          readField(p, inner, child, names, doc);
        }
      }
      case VALUE_NULL -> {
        // XDM null: the field is absent.
      }
      default -> {
        String path = node.path;
        Object value = value(p, token, path);
        if (path.equals(CUSTOM_TIMESTAMP)) {
          if (!(value instanceof String text)) {
            throw new InvalidJsonException(
                InputProblem.WRONG_TYPE,
                CUSTOM_TIMESTAMP + " must be a string, but was " + kind(token));
          }
          doc.customTimestamp = Timestamps.parse(text, CUSTOM_TIMESTAMP);
        }
        doc.add(path, value);
      }
    }
  }

  /** Reads a leaf value: a scalar, or an array (with objects inside kept as maps). */
  private static Object value(JsonParser p, JsonToken token, String path) {
    switch (token) {
      case VALUE_STRING:
        return p.getString();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      case VALUE_NUMBER_FLOAT:
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw new InvalidJsonException(
              InputProblem.NUMBER_OUT_OF_RANGE,
              "the number at " + path + " is beyond the range of a double");
        }
        return d;
      case START_ARRAY:
        List<Object> list = new ArrayList<>();
        JsonToken item;
        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
          if (item == JsonToken.VALUE_NULL) {
            throw new InvalidJsonException(
                InputProblem.INVALID_ATTRIBUTE, "the array at " + path + " must not hold null");
          }
          list.add(value(p, item, path));
        }
        return Collections.unmodifiableList(list);
      case START_OBJECT:
        Map<String, Object> map = new LinkedHashMap<>();
        boolean nulls = false;
        String name;
        while ((name = p.nextName()) != null) {
          JsonToken inner = p.nextToken();
          Object field = inner == JsonToken.VALUE_NULL ? NULL : value(p, inner, path + "." + name);
          nulls |= field == NULL;
          if (map.put(name, field) != null) {
            throw new InvalidJsonException(
                InputProblem.MALFORMED_JSON,
                "Duplicate field '" + Timestamps.abbreviate(name) + "' in an object at " + path);
          }
        }
        if (nulls) {
          map.values().removeIf(v -> v == NULL);
        }
        return Collections.unmodifiableMap(map);
      default:
        throw new InvalidJsonException(
            InputProblem.MALFORMED_JSON, "unexpected " + kind(token) + " at " + path);
    }
  }

  static String kind(@Nullable JsonToken token) {
    if (token == null) {
      return "the end of input";
    }
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  /** Shortens a message to one line of bounded length. */
  static String detail(@Nullable String message) {
    if (message == null) {
      return "no detail";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "…";
  }
}
