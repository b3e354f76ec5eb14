package com.agenthub.shared.metrics;

import com.agenthub.shared.cache.SingleFlight;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.ids.Timestamps;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.DocumentPath;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.port.Write;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organization's daily event metrics, computed in the warehouse and cached in Firestore (the
 * old {@code metrics_cache}) per organization and query for {@code ttl}, so a dashboard that
 * refreshes every few seconds does not rescan BigQuery each time.
 */
public final class Metrics {

  private final DocumentStore store;
  private final Clock clock;
  private final Duration ttl;
  private final DailyMetricsSource source;
  private final SingleFlight<String, MetricsReport> inFlight = new SingleFlight<>();

  public Metrics(DocumentStore store, Warehouse warehouse, Clock clock, Duration ttl) {
    this.store = store;
    this.clock = clock;
    this.ttl = ttl;
    this.source = new DailyMetricsSource(warehouse, clock);
  }

  /**
   * Identical requests that arrive together share one read of the cache and, on a miss, one
   * warehouse query: a dashboard opened by 50 people at once is one BigQuery scan, not 50. One that
   * arrives after it finished reads the entry it wrote.
   */
  public MetricsReport daily(String organizationId, MetricsQuery query) {
    return inFlight.run(organizationId + "\n" + query.canonical(), () -> cachedOrComputed(organizationId, query));
  }

  private MetricsReport cachedOrComputed(String organizationId, MetricsQuery query) {
    DocumentPath cacheEntry = DocumentPath.of("organizations", organizationId, "metrics_cache",
        Sha256.hex(query.canonical()));
    Instant now = Timestamps.now(clock);
    Optional<StoredDocument> cached = store.get(cacheEntry);
    if (cached.isPresent() && now.isBefore(cached.get().instant("expires_at"))) {
      Instant computedAt = cached.get().instant("computed_at");
      return new MetricsReport(query, fromJson(cached.get().string("days")), true, computedAt,
          Duration.between(computedAt, now), ttl);
    }
    List<DailyMetric> days = compute(organizationId, query);
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("query", query.canonical());
    entry.put("days", Json.GSON.toJson(toJson(days)));
    entry.put("computed_at", now);
    entry.put("expires_at", now.plus(ttl));
    store.commit(List.of(Write.set(cacheEntry, entry)));
    return new MetricsReport(query, days, false, now, Duration.ZERO, ttl);
  }

  private List<DailyMetric> compute(String organizationId, MetricsQuery query) {
    return source.read(organizationId, query);
  }

  private static JsonArray toJson(List<DailyMetric> days) {
    JsonArray array = new JsonArray();
    for (DailyMetric day : days) {
      array.add(Json.GSON.toJsonTree(day));
    }
    return array;
  }

  private static List<DailyMetric> fromJson(String json) {
    List<DailyMetric> days = new ArrayList<>();
    for (JsonElement element : JsonParser.parseString(json).getAsJsonArray()) {
      days.add(Json.GSON.fromJson(element, DailyMetric.class));
    }
    return days;
  }
}
