package com.agenthub.migrate.importing;

import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.LegacyRecord;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batches of an import, in two phases: tables first (rows need them), then everything else.
 * Batch sizes follow what one API call takes: 500 rows per UpsertRows, 500 events per TrackEvents,
 * 100 texts per EmbedTexts; agents, FAQs and payment intents (each with its transactions) go
 * {@code perCallBatch} to a batch and up to 100 per CreateAgents / CreateFaqs / ImportPaymentIntents
 * call (fewer when their JSON is large); documents are one call each, batched by {@code perCallBatch}.
 */
public record ImportPlan(List<Batch> tables, List<Batch> rest) {

  static final int ROWS_PER_CALL = 500;
  static final int EVENTS_PER_CALL = 500;
  static final int TEXTS_PER_CALL = 100;

  public static ImportPlan of(ValidatedSnapshot snapshot, int perCallBatch) {
    List<Batch> tables = chunk(Dictionary.TABLES, "", snapshot.valid(Dictionary.TABLES), perCallBatch);
    List<Batch> rest = new ArrayList<>();
    Map<String, List<LegacyRecord>> rowsByTable = new LinkedHashMap<>();
    for (LegacyRecord row : snapshot.valid(Dictionary.DATABASE)) {
      rowsByTable.computeIfAbsent(row.data().get("table").getAsString(), t -> new ArrayList<>()).add(row);
    }
    rowsByTable.forEach((table, rows) -> rest.addAll(chunk(Dictionary.DATABASE, table + ":", rows, ROWS_PER_CALL)));
    rest.addAll(chunk(Dictionary.AGENTS, "", snapshot.valid(Dictionary.AGENTS), perCallBatch));
    rest.addAll(chunk(Dictionary.FAQS_STORE, "", snapshot.valid(Dictionary.FAQS_STORE), perCallBatch));
    rest.addAll(chunk(Dictionary.EMBEDDINGS_CACHE, "", snapshot.valid(Dictionary.EMBEDDINGS_CACHE), TEXTS_PER_CALL));
    rest.addAll(chunk(Dictionary.ANALYTICS_DATA, "", snapshot.valid(Dictionary.ANALYTICS_DATA), EVENTS_PER_CALL));
    rest.addAll(chunk(Dictionary.KNOWLEDGE_BASE, "", snapshot.valid(Dictionary.KNOWLEDGE_BASE), perCallBatch));
    rest.addAll(chunk(Dictionary.DOCUMENTS_STORE, "", snapshot.valid(Dictionary.DOCUMENTS_STORE), perCallBatch));
    // Transactions have no batches of their own: each goes with its intent, in one ImportPaymentIntent call.
    rest.addAll(chunk(Dictionary.PAYMENT_INTENTS, "", snapshot.valid(Dictionary.PAYMENT_INTENTS), perCallBatch));
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

  public List<Batch> all() {
    List<Batch> all = new ArrayList<>(tables);
    all.addAll(rest);
    return all;
  }
}
