package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The types a column can have, and how a value of each crosses the wire and sits in Firestore:
 * integers exact to 64 bits (Firestore's own integer), numbers as doubles, timestamps in UTC at
 * Firestore's microsecond precision, json as its text (any JSON, arrays in arrays included).
 */
public enum ColumnType {
  STRING("string", true),
  INTEGER("integer", true),
  NUMBER("number", true),
  BOOLEAN("boolean", true),
  TIMESTAMP("timestamp", true),
  JSON("json", false),
  STRING_ARRAY("string_array", false);

  /** Firestore's timestamp range: years 1 to 9999. */
  public static final Instant MIN_TIMESTAMP = Instant.parse("0001-01-01T00:00:00Z");
  public static final Instant MAX_TIMESTAMP = Instant.parse("9999-12-31T23:59:59.999999Z");

  private final String wire;
  private final boolean indexable;

  ColumnType(String wire, boolean indexable) {
    this.wire = wire;
    this.indexable = indexable;
  }

  public String wire() {
    return wire;
  }

  /** Whether a column of this type can be indexed, hence filtered and ordered on. */
  public boolean indexable() {
    return indexable;
  }

  public static ColumnType parse(String field, String text) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(text)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of "
            + Arrays.stream(values()).map(ColumnType::wire).toList()));
  }

  /** A non-null JSON value as this type's stored value; else a 400 naming {@code field}. */
  public Object fromJson(JsonElement value, String field) {
    switch (this) {
      case STRING -> {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
          return value.getAsString();
        }
      }
      case INTEGER -> {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
          try {
            return new BigDecimal(value.getAsString()).longValueExact();
          } catch (ArithmeticException | NumberFormatException e) {
            throw ApiError.invalid(field, "'" + field + "' must be an integer within the 64-bit range");
          }
        }
      }
      case NUMBER -> {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
          double d = new BigDecimal(value.getAsString()).doubleValue();
          if (Double.isInfinite(d)) {
            throw ApiError.invalid(field, "'" + field + "' is out of the range of a number (a 64-bit double)");
          }
          return d == 0.0 ? 0.0 : d;
        }
      }
      case BOOLEAN -> {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
          return value.getAsBoolean();
        }
      }
      case TIMESTAMP -> {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
          try {
            Instant instant = Timestamps.truncate(OffsetDateTime.parse(value.getAsString()).toInstant());
            if (instant.isBefore(MIN_TIMESTAMP) || instant.isAfter(MAX_TIMESTAMP)) {
              throw ApiError.invalid(field, "'" + field + "' must be within years 0001 to 9999");
            }
            return instant;
          } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, "'" + field + "' must be an RFC 3339 timestamp with an offset, e.g. 2026-11-28T09:30:00Z");
          }
        }
      }
      case JSON -> {
        return Json.GSON.toJson(Json.canonical(value));
      }
      case STRING_ARRAY -> {
        if (value.isJsonArray()) {
          List<Object> strings = new ArrayList<>();
          for (JsonElement item : value.getAsJsonArray()) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
              throw ApiError.invalid(field, "'" + field + "' must be an array of strings");
            }
            strings.add(item.getAsString());
          }
          return strings;
        }
      }
      default -> throw new IllegalStateException(name());
    }
    throw ApiError.invalid(field, "'" + field + "' must be " + article() + " " + wire + describe());
  }

  private String article() {
    return this == INTEGER ? "an" : "a";
  }

  private String describe() {
    return switch (this) {
      case TIMESTAMP -> " (an RFC 3339 string, e.g. 2026-11-28T09:30:00Z)";
      case STRING_ARRAY -> " (an array of strings)";
      default -> "";
    };
  }

  /** A stored value (or null) as JSON. */
  public JsonElement toJson(Object stored) {
    if (stored == null) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    return switch (this) {
      case JSON -> JsonParser.parseString((String) stored);
      case TIMESTAMP -> new JsonPrimitive(((Instant) stored).toString());
      case STRING_ARRAY -> {
        JsonArray array = new JsonArray();
        ((List<?>) stored).forEach(item -> array.add((String) item));
        yield array;
      }
      case NUMBER -> new JsonPrimitive(((Number) stored).doubleValue());
      case INTEGER -> new JsonPrimitive(((Number) stored).longValue());
      default -> Json.toJson(stored);
    };
  }
}
