package com.agenthub.shared.http;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.Json;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Typed access to the fields of a JSON request body. Every error names the field. Call
 * {@link #rejectUnknown} with the fields an operation accepts, so a typo is an error, not a no-op.
 */
public final class JsonFields {

  private final JsonObject object;

  public JsonFields(JsonObject object) {
    this.object = object;
  }

  public JsonObject asJson() {
    return object.deepCopy();
  }

  public void rejectUnknown(Set<String> allowed) {
    for (String name : object.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiError.invalid(name, "unknown field '" + name + "'; accepted fields: " + new java.util.TreeSet<>(allowed));
      }
    }
  }

  public String requiredString(String name) {
    return optionalString(name).orElseThrow(() -> ApiError.invalid(name, "'" + name + "' is required"));
  }

  public Optional<String> optionalString(String name) {
    return optionalPrimitive(name, JsonPrimitive::isString, "a string").map(JsonPrimitive::getAsString);
  }

  public Optional<Boolean> optionalBoolean(String name) {
    return optionalPrimitive(name, JsonPrimitive::isBoolean, "true or false").map(JsonPrimitive::getAsBoolean);
  }

  /** The field when present (null counts as absent), refused naming it when it is not {@code what}. */
  private Optional<JsonPrimitive> optionalPrimitive(String name, Predicate<JsonPrimitive> is, String what) {
    JsonElement value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || !is.test(value.getAsJsonPrimitive())) {
      throw ApiError.invalid(name, "'" + name + "' must be " + what);
    }
    return Optional.of(value.getAsJsonPrimitive());
  }

  public Optional<Long> optionalInteger(String name) {
    JsonElement value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      throw ApiError.invalid(name, "'" + name + "' must be an integer");
    }
    Object number = Json.toPlain(value, name);
    if (!(number instanceof Long l)) {
      throw ApiError.invalid(name, "'" + name + "' must be an integer");
    }
    return Optional.of(l);
  }

  public Optional<Map<String, Object>> optionalObject(String name) {
    JsonElement value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isJsonObject()) {
      throw ApiError.invalid(name, "'" + name + "' must be a JSON object");
    }
    return Optional.of(Json.toPlainMap(value.getAsJsonObject(), name));
  }

  /** An array of strings (e.g. scopes). */
  public Optional<java.util.List<String>> optionalStrings(String name) {
    JsonElement value = present(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isJsonArray()) {
      throw ApiError.invalid(name, "'" + name + "' must be an array of strings");
    }
    java.util.List<String> strings = new java.util.ArrayList<>();
    for (JsonElement item : value.getAsJsonArray()) {
      if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
        throw ApiError.invalid(name, "'" + name + "' must be an array of strings");
      }
      strings.add(item.getAsString());
    }
    return Optional.of(strings);
  }

  /**
   * A required array of objects (the items of a batch), each read by {@code item}; an error names
   * the item, e.g. {@code agents[3]}, or its field, e.g. {@code agents[3].name}.
   */
  public <T> java.util.List<T> requiredObjects(String name, java.util.function.Function<JsonFields, T> item) {
    JsonElement value = present(name);
    if (value == null) {
      throw ApiError.invalid(name, "'" + name + "' is required");
    }
    if (!value.isJsonArray()) {
      throw ApiError.invalid(name, "'" + name + "' must be an array of objects");
    }
    java.util.List<T> items = new java.util.ArrayList<>();
    for (int i = 0; i < value.getAsJsonArray().size(); i++) {
      JsonElement element = value.getAsJsonArray().get(i);
      String at = name + "[" + i + "]";
      if (!element.isJsonObject()) {
        throw ApiError.invalid(at, "'" + at + "' must be an object");
      }
      try {
        items.add(item.apply(new JsonFields(element.getAsJsonObject())));
      } catch (ApiError e) {
        throw e.under(at + ".");
      }
    }
    return items;
  }

  /** A field given as JSON null counts as absent. */
  private JsonElement present(String name) {
    JsonElement value = object.get(name);
    return value == null || value.isJsonNull() ? null : value;
  }
}
