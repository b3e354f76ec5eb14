package com.agenthub.migrate.compare;

import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * What is compared of each record: the fields the legacy record carries, in the shape and with
 * the defaults and normalization the product applies (trimmed texts, default status, category and
 * tags), taken from a snapshot record on one side and from the API's answer on the other. Server
 * fields (ids, timestamps, etags) are not part of it: they never existed in the legacy store.
 */
public final class Projections {

  private Projections() {}

  public static JsonObject fromSnapshot(LegacyRecord record) {
    JsonObject d = record.data();
    JsonObject p = new JsonObject();
    switch (record.dictionary()) {
      case AGENTS -> {
        p.add("name", stripped(d.get("name")));
        p.add("industry", stripped(d.get("industry")));
        p.add("configuration", orEmptyObject(d.get("configuration")));
        p.add("status", or(d.get("status"), "active"));
      }
      case COUNTERS -> {
        JsonObject values = new JsonObject();
        for (Map.Entry<String, JsonElement> e : d.getAsJsonObject("values").entrySet()) {
          if (e.getValue().getAsBigDecimal().signum() != 0) {
            values.add(e.getKey(), e.getValue());
          }
        }
        p.add("values", values);
      }
      case TABLES -> {
        p.add("columns", columns(d.getAsJsonArray("columns"), d.get("primary_key").getAsString()));
        p.add("primary_key", d.get("primary_key"));
      }
      case DATABASE -> throw new IllegalArgumentException("a row's projection needs its table: fromSnapshotRow");
      case FAQS_STORE -> {
        p.add("question", stripped(d.get("question")));
        p.add("answer", stripped(d.get("answer")));
        p.add("category", or(d.get("category"), "general"));
        p.add("tags", distinct(d.get("tags")));
      }
      case EMBEDDINGS_CACHE -> p.add("text", d.get("text"));
      default -> p.add("record", d);
    }
    return Canonical.normalized(p).getAsJsonObject();
  }

  /** A database row's projection: its primary key value is its id, compared as such, not as a field. */
  public static JsonObject fromSnapshotRow(LegacyRecord row, ValidatedSnapshot snapshot) {
    JsonObject values = row.data().getAsJsonObject("row").deepCopy();
    values.remove(snapshot.table(row.data().get("table").getAsString()).get("primary_key").getAsString());
    JsonObject p = new JsonObject();
    p.add("row", values);
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject agent(JsonObject api) {
    JsonObject p = new JsonObject();
    p.add("name", api.get("name"));
    p.add("industry", api.get("industry"));
    p.add("configuration", orEmptyObject(api.get("configuration")));
    p.add("status", api.get("status"));
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject counters(JsonObject api) {
    JsonObject p = new JsonObject();
    p.add("values", orEmptyObject(api.get("counters")));
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject table(JsonObject api) {
    JsonObject p = new JsonObject();
    String pk = api.get("primary_key").isJsonNull() ? "" : api.get("primary_key").getAsString();
    p.add("columns", columns(api.getAsJsonArray("columns"), pk));
    p.add("primary_key", api.get("primary_key"));
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject row(JsonObject api, String primaryKey) {
    JsonObject values = new JsonObject();
    api.entrySet().stream().filter(e -> !e.getKey().startsWith("_") && !e.getKey().equals(primaryKey))
        .forEach(e -> values.add(e.getKey(), e.getValue()));
    JsonObject p = new JsonObject();
    p.add("row", values);
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject faq(JsonObject api) {
    JsonObject p = new JsonObject();
    p.add("question", api.get("question"));
    p.add("answer", api.get("answer"));
    p.add("category", api.get("category"));
    p.add("tags", api.get("tags"));
    return Canonical.normalized(p).getAsJsonObject();
  }

  /** Columns as compared: flags default to false, and the primary key's own flags are the product's business. */
  private static JsonArray columns(JsonArray columns, String primaryKey) {
    JsonArray out = new JsonArray();
    for (JsonElement c : columns) {
      JsonObject column = c.getAsJsonObject();
      JsonObject n = new JsonObject();
      n.add("name", column.get("name"));
      n.add("type", column.get("type"));
      boolean key = column.get("name").getAsString().equals(primaryKey);
      for (String flag : new String[] {"required", "unique", "indexed"}) {
        n.addProperty(flag, !key && column.has(flag) && !column.get(flag).isJsonNull() && column.get(flag).getAsBoolean());
      }
      n.add("default", column.has("default") ? column.get("default") : JsonNull.INSTANCE);
      out.add(n);
    }
    return out;
  }

  private static JsonElement stripped(JsonElement value) {
    return value == null || value.isJsonNull() ? JsonNull.INSTANCE : new JsonPrimitive(value.getAsString().strip());
  }

  private static JsonElement or(JsonElement value, String fallback) {
    return value == null || value.isJsonNull() ? new JsonPrimitive(fallback) : value;
  }

  private static JsonElement orEmptyObject(JsonElement value) {
    return value == null || value.isJsonNull() ? new JsonObject() : value;
  }

  private static JsonArray distinct(JsonElement tags) {
    JsonArray out = new JsonArray();
    if (tags != null && tags.isJsonArray()) {
      new LinkedHashSet<>(tags.getAsJsonArray().asList()).forEach(out::add);
    }
    return out;
  }
}
