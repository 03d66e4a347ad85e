package dev.rtprofile.store;

import dev.rtprofile.identity.Identity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The position after one search result: its sort value, profile id and (without stitching, where
 * one graph can yield several profiles) primary identity, so that the next page starts after it
 * even when data changed in between. A tagged binary form that keeps every value exactly (any
 * string, including NUL and lone surrogates; lists and maps), in URL-safe Base64.
 */
record SearchCursor(@Nullable Object sortValue, String profileId, @Nullable Identity primary) {

  static String encode(@Nullable Object sortValue, String profileId, @Nullable Identity primary) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeValue(out, sortValue);
      writeString(out, profileId);
      out.writeBoolean(primary != null);
      if (primary != null) {
        writeString(out, primary.namespace());
        writeString(out, primary.value());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
  }

  static SearchCursor decode(String cursor) {
    try (DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
      Object value = readValue(in, 0);
      String profileId = readString(in);
      Identity primary = in.readBoolean() ? Identity.of(readString(in), readString(in)) : null;
      if (in.read() != -1) {
        throw new IllegalArgumentException("trailing bytes");
      }
      return new SearchCursor(value, profileId, primary);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cursor must come from SearchPage.nextCursor(), but was " + cursor, e);
    }
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available() / 2) {
      throw new IllegalArgumentException("bad string length");
    }
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = in.readChar();
    }
    return new String(chars);
  }

  private static void writeValue(DataOutputStream out, @Nullable Object value) throws IOException {
    if (value == null) {
      out.writeByte(9);
      return;
    }
    int kind = AttributeValues.kind(value);
    out.writeByte(kind);
    switch (kind) {
      case 0 -> out.writeBoolean((Boolean) value);
      case 1 -> writeString(out, new BigDecimal(value.toString()).toString());
      case 2 -> writeString(out, (String) value);
      case 3 -> {
        out.writeLong(((Instant) value).getEpochSecond());
        out.writeInt(((Instant) value).getNano());
      }
      case 4 -> {
        List<?> list = (List<?>) value;
        out.writeInt(list.size());
        for (Object item : list) {
          writeValue(out, item);
        }
      }
      default -> {
        Map<String, Object> sorted = new TreeMap<>();
        ((Map<?, ?>) value).forEach((k, v) -> sorted.put(k.toString(), v));
        out.writeInt(sorted.size());
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
          writeString(out, e.getKey());
          writeValue(out, e.getValue());
        }
      }
    }
  }

  private static @Nullable Object readValue(DataInputStream in, int depth) throws IOException {
    if (depth > 64) {
      throw new IllegalArgumentException("too deep");
    }
    int kind = in.readByte();
    switch (kind) {
      case 9:
        return null;
      case 0:
        return in.readBoolean();
      case 1:
        return new BigDecimal(readString(in));
      case 2:
        return readString(in);
      case 3:
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
      case 4:
        {
          int size = in.readInt();
          if (size < 0 || size > in.available()) {
            throw new IllegalArgumentException("bad list size");
          }
          List<Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(readValue(in, depth + 1));
          }
          return Collections.unmodifiableList(list);
        }
      case 5:
        {
          int size = in.readInt();
          if (size < 0 || size > in.available()) {
            throw new IllegalArgumentException("bad map size");
          }
          Map<String, Object> map = new LinkedHashMap<>();
          for (int i = 0; i < size; i++) {
            map.put(readString(in), readValue(in, depth + 1));
          }
          return Collections.unmodifiableMap(map);
        }
      default:
        throw new IllegalArgumentException("unknown kind " + kind);
    }
  }
}
