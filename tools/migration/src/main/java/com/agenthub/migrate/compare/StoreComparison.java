package com.agenthub.migrate.compare;

import com.agenthub.migrate.api.PublicApi;
import com.agenthub.migrate.snapshot.Dictionary;
import com.agenthub.migrate.snapshot.ValidatedSnapshot;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A snapshot against the store, every dictionary. Listed dictionaries are read whole (extras
 * show); counters and the embeddings cache per snapshot key; {@code analytics_data}, which the API
 * shows only counted (GetMetrics), as events per day and type ({@link EventCounts}).
 */
public final class StoreComparison {

  /** How often GetMetrics is asked again while event counts differ (--settle). */
  static final Duration SETTLE_PAUSE = Duration.ofSeconds(3);
  /**
   * Read whole, so extras show. knowledge_base is not: it shares the documents collection with
   * documents_store, whose share holds every document no article names (the extras).
   */
  private static final Set<Dictionary> LISTED_WHOLE = Set.of(Dictionary.TABLES, Dictionary.DATABASE, Dictionary.AGENTS, Dictionary.FAQS_STORE,
      Dictionary.DOCUMENTS_STORE, Dictionary.PAYMENT_INTENTS, Dictionary.TRANSACTIONS);

  private StoreComparison() {}

  /**
   * {@code settle}: how long differing event counts are asked for again before they count as
   * mismatches: an answer GetMetrics cached before the import stays for its TTL, and events a dual
   * write tracks (TrackEvents is asynchronous) take the pipeline's seconds.
   */
  public static List<Comparison> run(ValidatedSnapshot snapshot, PublicApi api, int concurrency, IgnoreRules ignore,
      Duration settle) {
    StoreReader reader = new StoreReader(api, concurrency);
    List<Comparison> comparisons = new ArrayList<>();
    for (Dictionary d : Dictionary.values()) {
      if (d == Dictionary.ANALYTICS_DATA) {
        if (!snapshot.valid(d).isEmpty()) {
          comparisons.add(settledEvents(snapshot, reader, ignore, settle));
        }
      } else if (!snapshot.snapshot().records(d).isEmpty() || LISTED_WHOLE.contains(d) && d != Dictionary.DATABASE) {
        comparisons.add(Comparison.of(d, snapshot, reader.read(d, snapshot), LISTED_WHOLE.contains(d), ignore));
      }
    }
    return comparisons;
  }

  private static Comparison settledEvents(ValidatedSnapshot snapshot, StoreReader reader, IgnoreRules ignore, Duration settle) {
    Map<String, Comparison.Expected> expected = EventCounts.expected(snapshot);
    Supplier<Comparison> compare = () -> Comparison.of(Dictionary.ANALYTICS_DATA, expected,
        reader.read(Dictionary.ANALYTICS_DATA, snapshot), true, ignore);
    Instant deadline = Instant.now().plus(settle);
    Comparison events = compare.get();
    if (!events.allMatch() && Instant.now().isBefore(deadline)) {
      System.err.println("analytics_data: " + events.mismatched() + " day/type counts differ; asking GetMetrics again for up to "
          + settle.toSeconds() + " s (--settle): its cache, and the pipeline of events tracked since, may lag");
    }
    while (!events.allMatch() && Instant.now().isBefore(deadline)) {
      sleep(SETTLE_PAUSE);
      events = compare.get();
    }
    return events;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for GetMetrics", e);
    }
  }

  public static JsonObject report(ValidatedSnapshot snapshot, List<Comparison> comparisons) {
    JsonObject json = new JsonObject();
    json.addProperty("snapshot", snapshot.snapshot().directory().toString());
    json.addProperty("snapshot_fingerprint", snapshot.snapshot().fingerprint());
    JsonArray list = new JsonArray();
    comparisons.forEach(c -> list.add(c.toJson()));
    json.add("dictionaries", list);
    json.addProperty("snapshot_rejections", snapshot.rejections().size());
    return json;
  }
}
