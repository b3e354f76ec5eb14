package com.agenthub.migrate.compare;

import com.agenthub.migrate.api.Answer;
import com.agenthub.migrate.api.ApiRefusedException;
import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads the store's side of each dictionary back through the public API, as projections keyed by
 * product id: the organization's whole collection where the API can list it (so extra documents
 * show), the snapshot's own keys where it can only get one by one (counters, embeddings), and
 * analytics_data as GetMetrics' daily counts.
 */
public final class StoreReader {

  private final PublicApi api;
  private final int concurrency;

  public StoreReader(PublicApi api, int concurrency) {
    this.api = api;
    this.concurrency = concurrency;
  }

  public Map<String, JsonObject> read(Dictionary dictionary, ValidatedSnapshot snapshot) {
    return switch (dictionary) {
      case AGENTS -> list("ListAgents", "agents", Map.of(), a -> a.get("id").getAsString(), Projections::agent);
      case FAQS_STORE -> list("ListFaqs", "faqs", Map.of(), f -> f.get("id").getAsString(), Projections::faq);
      case TABLES -> list("ListTables", "tables", Map.of(), t -> t.get("name").getAsString(), Projections::table);
      case COUNTERS -> counters(snapshot);
      case DATABASE -> rows(snapshot);
      case EMBEDDINGS_CACHE -> embeddings(snapshot);
      case KNOWLEDGE_BASE, DOCUMENTS_STORE -> documents(dictionary, snapshot);
      case PAYMENT_INTENTS -> list("ListPaymentIntents", "payment_intents", Map.of(), i -> i.get("id").getAsString(), Projections::paymentIntent);
      case TRANSACTIONS -> transactions();
      case ANALYTICS_DATA -> eventCounts(snapshot);
    };
  }

  /**
   * Both document dictionaries live in one collection: knowledge_base's share is the documents its
   * records name; documents_store's is all the rest, so a document of neither shows as its extra.
   * Content comes from GetDocument, one call per document (ListDocuments carries none).
   */
  private Map<String, JsonObject> documents(Dictionary dictionary, ValidatedSnapshot snapshot) {
    Set<String> articles = new HashSet<>();
    snapshot.valid(Dictionary.KNOWLEDGE_BASE).forEach(r -> articles.add(snapshot.mappedId(r)));
    Map<String, JsonObject> listed = list("ListDocuments", "documents", Map.of(), d -> d.get("id").getAsString(), d -> d);
    List<String> ids = listed.keySet().stream().filter(id -> articles.contains(id) == (dictionary == Dictionary.KNOWLEDGE_BASE)).toList();
    Map<String, JsonObject> found = new ConcurrentHashMap<>();
    parallel(ids, id -> {
      Answer answer = api.get("GetDocument", Map.of("document_id", id));
      if (answer.ok()) {
        found.put(id, Projections.document(answer.object()));
      } else if (answer.status() != 404) {
        expectOk(answer, "GetDocument");
      }
    });
    Map<String, JsonObject> ordered = new LinkedHashMap<>();
    ids.stream().filter(found::containsKey).forEach(id -> ordered.put(id, found.get(id)));
    return ordered;
  }

  /** Events per day and type as GetMetrics counts them, in the windows the snapshot's events span (see {@link EventCounts}). */
  private Map<String, JsonObject> eventCounts(ValidatedSnapshot snapshot) {
    Map<String, JsonObject> found = new TreeMap<>();
    for (LocalDate[] window : EventCounts.windows(snapshot)) {
      EventCounts.addAnswer(expectOk(api.get("GetMetrics", Map.of("start_date", window[0].toString(),
          "end_date", window[1].toString())), "GetMetrics"), found);
    }
    return found;
  }

  /** The organization's whole ledger, entries grouped by their transaction: one projection per ledger transaction. */
  private Map<String, JsonObject> transactions() {
    Map<String, List<JsonObject>> entries = new LinkedHashMap<>();
    list("ListLedgerEntries", "ledger_entries", Map.of(), e -> e.get("id").getAsString(), e -> e)
        .values().forEach(e -> entries.computeIfAbsent(e.get("transaction_id").getAsString(), k -> new ArrayList<>()).add(e));
    Map<String, JsonObject> found = new LinkedHashMap<>();
    entries.forEach((id, legs) -> found.put(id, Projections.transaction(legs)));
    return found;
  }

  private Map<String, JsonObject> list(String function, String items, Map<String, String> filters,
      Function<JsonObject, String> id, Function<JsonObject, JsonObject> projection) {
    Map<String, JsonObject> found = new LinkedHashMap<>();
    String token = null;
    do {
      Map<String, String> query = new HashMap<>(filters);
      query.put("page_size", "100");
      if (token != null) {
        query.put("page_token", token);
      }
      JsonObject page = expectOk(api.get(function, query), function);
      for (JsonElement item : page.getAsJsonArray(items)) {
        found.put(id.apply(item.getAsJsonObject()), projection.apply(item.getAsJsonObject()));
      }
      token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token").getAsString();
    } while (token != null);
    return found;
  }

  private Map<String, JsonObject> counters(ValidatedSnapshot snapshot) {
    Map<String, JsonObject> found = new ConcurrentHashMap<>();
    parallel(snapshot.valid(Dictionary.COUNTERS), record -> {
      String id = snapshot.mappedId(record);
      Answer answer = api.get("GetAgentCounters", Map.of("agent_id", id));
      if (answer.ok()) {
        found.put(id, Projections.counters(answer.object()));
      } else if (answer.status() != 404) {
        expectOk(answer, "GetAgentCounters");
      }
    });
    return found;
  }

  private Map<String, JsonObject> rows(ValidatedSnapshot snapshot) {
    Map<String, JsonObject> found = new LinkedHashMap<>();
    for (LegacyRecord table : snapshot.valid(Dictionary.TABLES)) {
      String name = table.legacyId();
      String pk = table.data().get("primary_key").getAsString();
      JsonElement token = null;
      do {
        JsonObject query = new JsonObject();
        query.addProperty("table", name);
        query.addProperty("page_size", 1000);
        if (token != null) {
          query.add("page_token", token);
        }
        Answer answer = api.post("QueryRows", query);
        if (answer.status() == 404) {
          break;
        }
        JsonObject page = expectOk(answer, "QueryRows");
        for (JsonElement row : page.getAsJsonArray("rows")) {
          JsonObject r = row.getAsJsonObject();
          found.put(name + "/" + r.get(pk).getAsString(), Projections.row(r, pk));
        }
        token = page.get("next_page_token").isJsonNull() ? null : page.get("next_page_token");
      } while (token != null);
    }
    return found;
  }

  /** EmbedTexts as a lookup ({@code cached_only}): what the cache holds, without embedding or writing what it misses. */
  private Map<String, JsonObject> embeddings(ValidatedSnapshot snapshot) {
    Map<String, JsonObject> found = new ConcurrentHashMap<>();
    List<LegacyRecord> entries = snapshot.valid(Dictionary.EMBEDDINGS_CACHE);
    List<List<LegacyRecord>> chunks = new ArrayList<>();
    for (int i = 0; i < entries.size(); i += 100) {
      chunks.add(entries.subList(i, Math.min(entries.size(), i + 100)));
    }
    parallel(chunks, chunk -> {
      JsonArray texts = new JsonArray();
      chunk.forEach(e -> texts.add(e.data().get("text")));
      JsonObject body = new JsonObject();
      body.add("texts", texts);
      body.addProperty("cached_only", true);
      JsonArray results = expectOk(api.post("EmbedTexts", body), "EmbedTexts").getAsJsonArray("embeddings");
      for (int i = 0; i < chunk.size(); i++) {
        if (results.get(i).getAsJsonObject().get("cache_hit").getAsBoolean()) {
          JsonObject p = new JsonObject();
          p.add("text", chunk.get(i).data().get("text"));
          found.put(snapshot.mappedId(chunk.get(i)), p);
        }
      }
    });
    return found;
  }

  private <T> void parallel(List<T> items, java.util.function.Consumer<T> work) {
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, concurrency));
    try {
      List<Future<?>> futures = new ArrayList<>();
      items.forEach(item -> futures.add(pool.submit(() -> work.accept(item))));
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static JsonObject expectOk(Answer answer, String function) {
    if (!answer.ok()) {
      throw new ApiRefusedException(function, answer);
    }
    return answer.object();
  }
}
