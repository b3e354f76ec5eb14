package com.agenthub.migrate.compare;

import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A snapshot against the store, every dictionary that can be read back record by record. Listed
 * dictionaries are read whole (extras show); counters and the embeddings cache per snapshot key.
 * {@code analytics_data} cannot be read back per event through the API (events are only visible
 * aggregated, in GetMetrics): it is reported as not compared.
 */
public final class StoreComparison {

  public static final Set<Dictionary> COMPARED = Set.of(Dictionary.TABLES, Dictionary.DATABASE, Dictionary.AGENTS,
      Dictionary.COUNTERS, Dictionary.FAQS_STORE, Dictionary.EMBEDDINGS_CACHE, Dictionary.KNOWLEDGE_BASE, Dictionary.DOCUMENTS_STORE,
      Dictionary.PAYMENT_INTENTS, Dictionary.TRANSACTIONS);
  /**
   * Read whole, so extras show. knowledge_base is not: it shares the documents collection with
   * documents_store, whose share holds every document no article names (the extras).
   */
  private static final Set<Dictionary> LISTED_WHOLE = Set.of(Dictionary.TABLES, Dictionary.DATABASE, Dictionary.AGENTS, Dictionary.FAQS_STORE,
      Dictionary.DOCUMENTS_STORE, Dictionary.PAYMENT_INTENTS, Dictionary.TRANSACTIONS);

  private StoreComparison() {}

  public static List<Comparison> run(ValidatedSnapshot snapshot, PublicApi api, int concurrency, IgnoreRules ignore) {
    StoreReader reader = new StoreReader(api, concurrency);
    List<Comparison> comparisons = new ArrayList<>();
    for (Dictionary d : Dictionary.values()) {
      if (COMPARED.contains(d) && (!snapshot.snapshot().records(d).isEmpty() || LISTED_WHOLE.contains(d) && d != Dictionary.DATABASE)) {
        comparisons.add(Comparison.of(d, snapshot, reader.read(d, snapshot), LISTED_WHOLE.contains(d), ignore));
      }
    }
    return comparisons;
  }

  public static JsonObject report(ValidatedSnapshot snapshot, List<Comparison> comparisons) {
    JsonObject json = new JsonObject();
    json.addProperty("snapshot", snapshot.snapshot().directory().toString());
    json.addProperty("snapshot_fingerprint", snapshot.snapshot().fingerprint());
    JsonArray list = new JsonArray();
    comparisons.forEach(c -> list.add(c.toJson()));
    json.add("dictionaries", list);
    JsonArray notCompared = new JsonArray();
    for (Dictionary d : Dictionary.values()) {
      if (!COMPARED.contains(d) && !snapshot.snapshot().records(d).isEmpty()) {
        JsonObject o = new JsonObject();
        o.addProperty("dictionary", d.legacyName());
        o.addProperty("records", snapshot.snapshot().records(d).size());
        o.addProperty("why", "the API shows events only aggregated (GetMetrics): not comparable record by record");
        notCompared.add(o);
      }
    }
    json.add("not_compared", notCompared);
    json.addProperty("snapshot_rejections", snapshot.rejections().size());
    return json;
  }
}
