package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.Endpoint;
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
import java.util.Set;

/** The API call that imports each kind of record: which function, and its request body. */
final class Requests {

  private Requests() {}

  static String function(Dictionary dictionary) {
    return switch (dictionary) {
      case TABLES -> "CreateTable";
      case DATABASE -> "InsertRows";
      case AGENTS, COUNTERS -> "CreateAgents";
      case FAQS_STORE -> "CreateFaqs";
      case EMBEDDINGS_CACHE -> "EmbedTexts";
      // Not TrackEvents: it streams, and an event it streams into a day the daily aggregate already
      // holds counts in GetMetrics only from the next nightly refresh; ImportEventHistory recomputes
      // the days it writes, so imported events count at once, whatever their age.
      case ANALYTICS_DATA -> "ImportEventHistory";
      case KNOWLEDGE_BASE, DOCUMENTS_STORE -> "CreateDocument";
      case PAYMENT_INTENTS, TRANSACTIONS -> "ImportPaymentIntents";
    };
  }

  /** The call that imports one record alone: what a batch refused whole falls back to. */
  static String oneRecordFunction(Dictionary dictionary) {
    return switch (dictionary) {
      case AGENTS -> "CreateAgent";
      case PAYMENT_INTENTS -> "ImportPaymentIntent";
      case FAQS_STORE -> "CreateFaq";
      default -> function(dictionary);
    };
  }

  /** Rows that exist already (a re-run, a dual write) are upserted on the primary key instead of inserted. */
  static final String UPSERT_ROWS = "UpsertRows";
  /** A table that exists already is compared with the snapshot's. */
  static final String GET_TABLE = "GetTable";

  /** Every call an import of the dictionary may make: its call, the one-record fallback, and what a re-run needs. */
  static Set<Endpoint> endpoints(Dictionary dictionary) {
    Set<Endpoint> endpoints = new LinkedHashSet<>(List.of(Endpoint.post(function(dictionary)), Endpoint.post(oneRecordFunction(dictionary))));
    switch (dictionary) {
      case TABLES -> endpoints.add(Endpoint.get(GET_TABLE));
      case DATABASE -> endpoints.add(Endpoint.post(UPSERT_ROWS));
      default -> { }
    }
    return endpoints;
  }

  /** CreateAgents', CreateFaqs' and ImportPaymentIntents' maximum (MAX_BATCH on the server; openapi.yaml's maxItems). */
  static final int PER_BATCH_CALL = 100;

  /** The body of a batch call: its items under the list name the function takes ({@code agents}, {@code faqs}, {@code intents}). */
  static JsonObject batch(Dictionary dictionary, List<JsonObject> items) {
    JsonArray list = new JsonArray();
    items.forEach(list::add);
    JsonObject body = new JsonObject();
    body.add(batchList(dictionary), list);
    return body;
  }

  static String batchList(Dictionary dictionary) {
    return switch (dictionary) {
      case AGENTS -> "agents";
      case FAQS_STORE -> "faqs";
      case PAYMENT_INTENTS -> "intents";
      default -> throw new IllegalArgumentException(dictionary + " has no batch call");
    };
  }

  /** An agent under its kept legacy id, starting with its legacy counters (counted once, with the create). */
  static JsonObject agent(LegacyRecord agent, Map<String, JsonObject> countersByAgent) {
    JsonObject body = new JsonObject();
    body.addProperty("id", LegacyIds.clientId(Dictionary.AGENTS, agent.legacyId()));
    copy(agent.data(), body, "name", "industry", "configuration", "status");
    JsonObject counters = countersByAgent.get(agent.legacyId());
    if (counters != null) {
      body.add("counters", counters.getAsJsonObject("values"));
    }
    return body;
  }

  static JsonObject table(LegacyRecord table) {
    JsonObject body = new JsonObject();
    body.addProperty("name", table.legacyId());
    copy(table.data(), body, "columns", "primary_key");
    return body;
  }

  /**
   * Rows of one table, each under its primary key, which holds the row's (mapped) legacy id: for
   * InsertRows, or with {@code upsert} for UpsertRows on that key.
   */
  static JsonObject rows(String table, JsonObject schema, List<LegacyRecord> rows, boolean upsert) {
    String pk = schema.get("primary_key").getAsString();
    boolean integerKey = schema.getAsJsonArray("columns").asList().stream()
        .anyMatch(c -> c.getAsJsonObject().get("name").getAsString().equals(pk) && c.getAsJsonObject().get("type").getAsString().equals("integer"));
    JsonArray values = new JsonArray();
    for (LegacyRecord row : rows) {
      JsonObject value = row.data().getAsJsonObject("row").deepCopy();
      String key = ValidatedSnapshot.rowKey(row);
      value.add(pk, integerKey ? new JsonPrimitive(Long.parseLong(key)) : new JsonPrimitive(key));
      values.add(value);
    }
    JsonObject body = new JsonObject();
    body.addProperty("table", table);
    if (upsert) {
      body.addProperty("on", pk);
    }
    body.add("rows", values);
    return body;
  }

  static JsonObject faq(LegacyRecord faq) {
    JsonObject body = new JsonObject();
    body.addProperty("id", LegacyIds.clientId(Dictionary.FAQS_STORE, faq.legacyId()));
    copy(faq.data(), body, "question", "answer", "category", "tags");
    return body;
  }

  /**
   * A knowledge-base article or a RAG document under its kept legacy id. A documents_store record
   * without a title gets the one {@link DocumentTitles} derives; its legacy chunks and embeddings
   * are not sent (the product chunks and embeds the content itself).
   */
  static JsonObject document(LegacyRecord document) {
    JsonObject body = new JsonObject();
    body.addProperty("id", LegacyIds.clientId(document.dictionary(), document.legacyId()));
    body.addProperty("title", DocumentTitles.of(document.data()));
    copy(document.data(), body, "content", "metadata");
    if (document.dictionary() == Dictionary.KNOWLEDGE_BASE) {
      copy(document.data(), body, "category", "tags");
    }
    return body;
  }

  /** A payment intent with its legacy transactions, for ImportPaymentIntent (which derives the id from legacy_id). */
  static JsonObject paymentIntent(LegacyRecord intent, List<LegacyRecord> transactions) {
    JsonObject body = new JsonObject();
    body.addProperty("legacy_id", intent.legacyId());
    copy(intent.data(), body, "amount", "currency", "status", "amount_received", "amount_refunded", "description", "customer_ref",
        "metadata", "processor_intent_id", "created_at");
    JsonArray list = new JsonArray();
    for (LegacyRecord t : transactions) {
      JsonObject tx = new JsonObject();
      tx.addProperty("legacy_id", t.legacyId());
      copy(t.data(), tx, "kind", "amount", "currency", "created_at");
      list.add(tx);
    }
    body.add("transactions", list);
    return body;
  }

  static JsonObject texts(List<LegacyRecord> entries) {
    JsonArray texts = new JsonArray();
    entries.forEach(e -> texts.add(e.data().get("text")));
    JsonObject body = new JsonObject();
    body.add("texts", texts);
    return body;
  }

  /** Events under ids derived from their legacy ids, so a re-run sends the same event ids (counted once). */
  static JsonObject events(List<LegacyRecord> events) {
    JsonArray list = new JsonArray();
    for (LegacyRecord event : events) {
      JsonObject e = new JsonObject();
      e.addProperty("event_id", LegacyIds.eventId(event.legacyId()));
      copy(event.data(), e, "event_type", "event_data", "user_id", "session_id", "timestamp");
      list.add(e);
    }
    JsonObject body = new JsonObject();
    body.add("events", list);
    return body;
  }

  private static void copy(JsonObject from, JsonObject to, String... fields) {
    for (String field : fields) {
      JsonElement value = from.get(field);
      if (value != null && !(value instanceof JsonNull)) {
        to.add(field, value.deepCopy());
      }
    }
  }
}
