package com.agenthub.migrate.importing;

import com.agenthub.migrate.api.Endpoint;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The batches of an import, in two phases: tables first (rows need them), then everything else.
 * Batch sizes follow what one API call takes: 500 rows per UpsertRows, 500 events per ImportEventHistory,
 * 100 texts per EmbedTexts; agents, FAQs and payment intents (each with its transactions) go
 * {@code perCallBatch} to a batch and up to 100 per CreateAgents / CreateFaqs / ImportPaymentIntents
 * call (fewer when their JSON is large); documents are one call each, {@link #DOCUMENTS_PER_BATCH} to
 * a batch (or {@code perCallBatch}, when smaller). The dictionaries' batches take turns in the list.
 */
public record ImportPlan(List<Batch> tables, List<Batch> rest) {

  static final int ROWS_PER_CALL = 500;
  static final int EVENTS_PER_CALL = 500;
  static final int TEXTS_PER_CALL = 100;
  /** Documents are one CreateDocument call each: this many to a checkpointed batch, so that several batches go at once. */
  static final int DOCUMENTS_PER_BATCH = 10;

  public static ImportPlan of(ValidatedSnapshot snapshot, int perCallBatch) {
    // Batches cut by a size the user chooses name it in their ids (agents:by50:3): a checkpoint of
    // batches cut otherwise (another --batch-size, an earlier version) names none of these, so its
    // batches are done again (harmless: every call is idempotent) instead of skipped for what they were not.
    String cut = "by" + perCallBatch + ":";
    List<Batch> tables = chunk(Dictionary.TABLES, cut, snapshot.valid(Dictionary.TABLES), perCallBatch);
    Map<String, List<LegacyRecord>> rowsByTable = new LinkedHashMap<>();
    for (LegacyRecord row : snapshot.valid(Dictionary.DATABASE)) {
      rowsByTable.computeIfAbsent(row.data().get("table").getAsString(), t -> new ArrayList<>()).add(row);
    }
    // The pool takes batches in this order: the dictionaries take turns, so that at any moment it holds
    // a mix — model-bound (texts, FAQ questions), store-bound (rows, events) and one-call-per-record
    // (documents) — instead of one kind queued behind all of another: all the model's batches at once
    // (measured at 100k: texts first, rows only after 27 s) contend for the same two CPUs while the
    // store idles; documents queued last (measured at 10k) end the import last.
    int documents = Math.min(perCallBatch, DOCUMENTS_PER_BATCH);
    List<Batch> rows = new ArrayList<>();
    rowsByTable.forEach((table, records) -> rows.addAll(chunk(Dictionary.DATABASE, table + ":", records, ROWS_PER_CALL)));
    List<List<Batch>> lanes = List.of(
        chunk(Dictionary.EMBEDDINGS_CACHE, "", snapshot.valid(Dictionary.EMBEDDINGS_CACHE), TEXTS_PER_CALL),
        chunk(Dictionary.FAQS_STORE, cut, snapshot.valid(Dictionary.FAQS_STORE), perCallBatch),
        chunk(Dictionary.KNOWLEDGE_BASE, "by" + documents + ":", snapshot.valid(Dictionary.KNOWLEDGE_BASE), documents),
        chunk(Dictionary.DOCUMENTS_STORE, "by" + documents + ":", snapshot.valid(Dictionary.DOCUMENTS_STORE), documents),
        // Transactions have no batches of their own: each goes with its intent, in one ImportPaymentIntents call.
        chunk(Dictionary.PAYMENT_INTENTS, cut, snapshot.valid(Dictionary.PAYMENT_INTENTS), perCallBatch),
        rows,
        chunk(Dictionary.ANALYTICS_DATA, "", snapshot.valid(Dictionary.ANALYTICS_DATA), EVENTS_PER_CALL),
        // Agents run in a lane of their own (Importer), beside all of these.
        chunk(Dictionary.AGENTS, cut, snapshot.valid(Dictionary.AGENTS), perCallBatch));
    List<Batch> rest = new ArrayList<>();
    for (int turn = 0; rest.size() < lanes.stream().mapToInt(List::size).sum(); turn++) {
      for (List<Batch> lane : lanes) {
        if (turn < lane.size()) {
          rest.add(lane.get(turn));
        }
      }
    }
    return new ImportPlan(tables, rest);
  }

  private static List<Batch> chunk(Dictionary dictionary, String prefix, List<LegacyRecord> records, int size) {
    List<Batch> batches = new ArrayList<>();
    for (int from = 0, n = 0; from < records.size(); from += size, n++) {
      batches.add(new Batch(dictionary.legacyName() + ":" + prefix + n, dictionary,
          List.copyOf(records.subList(from, Math.min(records.size(), from + size)))));
    }
    return batches;
  }

  public int batchCount() {
    return tables.size() + rest.size();
  }

  /** The API calls the plan makes at least (no retries): what --dry-run prints. */
  public Map<String, Integer> calls() {
    Map<String, Integer> calls = new LinkedHashMap<>();
    for (Batch batch : all()) {
      String function = Requests.function(batch.dictionary());
      int n = switch (batch.dictionary()) {
        case DATABASE, EMBEDDINGS_CACHE, ANALYTICS_DATA -> 1;
        case AGENTS, FAQS_STORE, PAYMENT_INTENTS -> (batch.records().size() + Requests.PER_BATCH_CALL - 1) / Requests.PER_BATCH_CALL;
        default -> batch.records().size();
      };
      calls.merge(function, n, Integer::sum);
    }
    return calls;
  }

  /** Every function the plan may call (fallbacks and a re-run's calls included): what the key is checked against first. */
  public Set<Endpoint> endpoints() {
    Set<Endpoint> endpoints = new LinkedHashSet<>();
    all().forEach(batch -> endpoints.addAll(Requests.endpoints(batch.dictionary())));
    return endpoints;
  }

  public List<Batch> all() {
    List<Batch> all = new ArrayList<>(tables);
    all.addAll(rest);
    return all;
  }
}
