package com.agenthub.migrate.compare;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form a record's checksum is taken over (README, "Canonical form"): JSON without
 * whitespace; object members sorted by name (by UTF-16 code units, as Java and JavaScript sort
 * strings); members whose value is null left out (absent and null mean the same to the product);
 * an integral number written as a plain integer (10.0 and 1e1 are 10), any other as the shortest
 * plain decimal of its value (0.50 is 0.5); strings escaped as JSON requires and nothing more (no
 * HTML escaping, unicode kept as is); arrays in their order. The checksum is the lowercase hex
 * SHA-256 of its UTF-8 bytes.
 */
public final class Canonical {

  private Canonical() {}

  public static String json(JsonElement value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  public static String checksum(JsonElement value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json(value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(JsonElement value, StringBuilder out) {
    if (value == null || value.isJsonNull()) {
      out.append("null");
    } else if (value.isJsonObject()) {
      Map<String, JsonElement> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
        if (!e.getValue().isJsonNull()) {
          sorted.put(e.getKey(), e.getValue());
        }
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonElement> e : sorted.entrySet()) {
        out.append(first ? "" : ",");
        first = false;
        string(e.getKey(), out);
        out.append(':');
        write(e.getValue(), out);
      }
      out.append('}');
    } else if (value.isJsonArray()) {
      out.append('[');
      for (int i = 0; i < value.getAsJsonArray().size(); i++) {
        out.append(i == 0 ? "" : ",");
        write(value.getAsJsonArray().get(i), out);
      }
      out.append(']');
    } else {
      JsonPrimitive p = value.getAsJsonPrimitive();
      if (p.isNumber()) {
        out.append(number(p.getAsBigDecimal()));
      } else if (p.isBoolean()) {
        out.append(p.getAsBoolean());
      } else {
        string(p.getAsString(), out);
      }
    }
  }

  static String number(BigDecimal n) {
    BigDecimal stripped = n.stripTrailingZeros();
    return stripped.signum() == 0 ? "0" : stripped.toPlainString();
  }

  private static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The canonical value itself, as a tree (nulls dropped, numbers normalized): what diffs compare. */
  public static JsonElement normalized(JsonElement value) {
    return com.google.gson.JsonParser.parseString(json(value));
  }
}
