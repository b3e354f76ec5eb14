package com.agenthub.migrate.compare;

import com.agenthub.migrate.importing.DocumentTitles;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyIds;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.LinkedHashSet;
import java.util.List;
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
      case KNOWLEDGE_BASE, DOCUMENTS_STORE -> {
        p.addProperty("title", DocumentTitles.of(d));
        p.add("content", d.get("content"));
        boolean article = record.dictionary() == Dictionary.KNOWLEDGE_BASE;
        p.add("category", article ? or(d.get("category"), "general") : new JsonPrimitive("general"));
        p.add("tags", article ? distinct(d.get("tags")) : new JsonArray());
        p.add("metadata", orEmptyObject(d.get("metadata")));
      }
      case PAYMENT_INTENTS -> {
        for (String field : new String[] {"amount", "currency", "status", "description", "customer_ref", "processor_intent_id"}) {
          p.add(field, d.get(field));
        }
        p.add("amount_received", or(d.get("amount_received"), 0));
        p.add("amount_refunded", or(d.get("amount_refunded"), 0));
        p.add("metadata", orEmptyObject(d.get("metadata")));
        p.add("created_at", instant(d.get("created_at")));
      }
      case TRANSACTIONS -> {
        p.addProperty("payment_intent_id", LegacyIds.paymentIntentId(d.get("payment_intent_id").getAsString()));
        p.add("kind", d.get("kind"));
        p.add("amount", d.get("amount"));
        p.add("currency", d.get("currency"));
        p.add("created_at", instant(d.get("created_at")));
      }
      default -> throw new IllegalArgumentException(record.dictionary() + " has no record projection");
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

  /** A knowledge document as GetDocument answers it with its content (both legacy dictionaries become one). */
  public static JsonObject document(JsonObject api) {
    JsonObject p = new JsonObject();
    for (String field : new String[] {"title", "content", "category", "tags", "metadata"}) {
      p.add(field, api.get(field));
    }
    return Canonical.normalized(p).getAsJsonObject();
  }

  public static JsonObject paymentIntent(JsonObject api) {
    JsonObject p = new JsonObject();
    for (String field : new String[] {"amount", "currency", "status", "amount_received", "amount_refunded", "description",
        "customer_ref", "metadata"}) {
      p.add(field, api.get(field));
    }
    // An imported intent without a legacy processor id carries an empty one.
    JsonElement processorId = api.get("processor_intent_id");
    p.add("processor_intent_id", processorId == null || processorId.isJsonNull() || processorId.getAsString().isEmpty() ? JsonNull.INSTANCE : processorId);
    p.add("created_at", instant(api.get("created_at")));
    return Canonical.normalized(p).getAsJsonObject();
  }

  /**
   * One ledger transaction from its entries (ListLedgerEntries): the legacy kind it stands for
   * (README, Migration: "Payments"), its amount (every entry of an imported transaction moves the
   * same amount), currency, intent and time.
   */
  public static JsonObject transaction(List<JsonObject> entries) {
    JsonObject first = entries.get(0);
    JsonObject p = new JsonObject();
    p.add("payment_intent_id", first.get("payment_intent_id"));
    String kind = first.get("kind").getAsString();
    p.addProperty("kind", LEGACY_KINDS.getOrDefault(kind, kind));
    p.addProperty("amount", entries.stream().mapToLong(e -> e.get("amount").getAsLong()).max().orElse(0));
    p.add("currency", first.get("currency"));
    p.add("created_at", instant(first.get("created_at")));
    return Canonical.normalized(p).getAsJsonObject();
  }

  /** The ledger's kinds by the legacy kinds they import (LegacyHistory in the product says the other way). */
  private static final Map<String, String> LEGACY_KINDS = Map.of("authorization", "authorization", "authorization_canceled", "release",
      "capture", "capture", "payment_received", "payment", "refund", "refund", "refund_reversal", "refund_reversal");

  /** A time as one canonical string: 2026-10-01T09:00:00Z and 2026-10-01T09:00:00.000Z are one instant. */
  private static JsonElement instant(JsonElement value) {
    return value == null || value.isJsonNull() ? JsonNull.INSTANCE : new JsonPrimitive(java.time.Instant.parse(value.getAsString()).toString());
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

  private static JsonElement or(JsonElement value, long fallback) {
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
