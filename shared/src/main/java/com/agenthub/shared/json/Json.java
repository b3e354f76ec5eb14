package com.agenthub.shared.json;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between JSON trees and the plain values documents hold (String, Long, Double,
 * Boolean, Instant, Map, List, null). Numbers keep their meaning or are refused: an integer that
 * does not fit in 64 bits, or a number beyond double's range, is an error, never silently rounded.
 */
public final class Json {

  public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private Json() {}

  /** A JSON value as a plain value; {@code field} names where it came from, for errors. */
  public static Object toPlain(JsonElement element, String field) {
    if (element == null || element.isJsonNull()) {
      return null;
    }
    if (element.isJsonObject()) {
      return toPlainMap(element.getAsJsonObject(), field);
    }
    if (element.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      int i = 0;
      for (JsonElement item : element.getAsJsonArray()) {
        list.add(toPlain(item, field + "[" + i++ + "]"));
      }
      return list;
    }
    JsonPrimitive primitive = element.getAsJsonPrimitive();
    if (primitive.isBoolean()) {
      return primitive.getAsBoolean();
    }
    if (primitive.isString()) {
      return primitive.getAsString();
    }
    return number(primitive, field);
  }

  public static Map<String, Object> toPlainMap(JsonObject object, String field) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
      map.put(entry.getKey(), toPlain(entry.getValue(), field.isEmpty() ? entry.getKey() : field + "." + entry.getKey()));
    }
    return map;
  }

  private static Object number(JsonPrimitive primitive, String field) {
    BigDecimal value;
    try {
      value = new BigDecimal(primitive.getAsString());
    } catch (NumberFormatException e) {
      throw ApiError.invalid(field, "not a number: " + primitive.getAsString());
    }
    if (value.scale() <= 0 || value.stripTrailingZeros().scale() <= 0) {
      try {
        return value.longValueExact();
      } catch (ArithmeticException e) {
        throw ApiError.invalid(field, "integer out of the 64-bit range");
      }
    }
    double d = value.doubleValue();
    if (Double.isInfinite(d)) {
      throw ApiError.invalid(field, "number out of range");
    }
    return d;
  }

  /** A plain value as JSON; instants become RFC 3339 strings. */
  public static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof String s) {
      return new JsonPrimitive(s);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Instant i) {
      return new JsonPrimitive(i.toString());
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.add((String) k, toJson(v)));
      return object;
    }
    if (value instanceof List<?> list) {
      JsonArray array = new JsonArray();
      list.forEach(v -> array.add(toJson(v)));
      return array;
    }
    throw ApiError.of(ErrorKind.INTERNAL, "cannot render a " + value.getClass().getSimpleName() + " as JSON");
  }

  /** The same JSON with every object's keys in sorted order: equal documents get equal text, whatever their key order. */
  public static JsonElement canonical(JsonElement element) {
    if (element.isJsonObject()) {
      JsonObject sorted = new JsonObject();
      new java.util.TreeMap<>(element.getAsJsonObject().asMap()).forEach((key, value) -> sorted.add(key, canonical(value)));
      return sorted;
    }
    if (element.isJsonArray()) {
      JsonArray array = new JsonArray();
      element.getAsJsonArray().forEach(item -> array.add(canonical(item)));
      return array;
    }
    return element;
  }
}
