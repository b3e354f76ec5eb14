package com.agenthub.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T10:00:00Z"));
  private final Metrics metrics = new Metrics(new InMemoryDocumentStore(), warehouse, clock, Duration.ofSeconds(60));

  @Test
  void theSqlSentIsTheFixedTextAndEveryValueTravelsAsAParameter() {
    warehouse.answerQueries(q -> List.of(Map.of("day", "2026-11-25", "event_type", "a.b", "events", 3L, "users", 2L, "sessions", 1L)));
    String org = "org'); DELETE FROM x; --";
    MetricsReport report = metrics.daily(org, MetricsQuery.parse("2026-11-20", "2026-11-26", Optional.of("page.view")));

    assertEquals(1, warehouse.queries().size());
    var sent = warehouse.queries().get(0);
    assertEquals(DailyMetricsSource.SQL, sent.sql());
    assertFalse(sent.sql().contains("page.view") || sent.sql().contains("2026") || sent.sql().contains("DELETE"));
    assertEquals(QueryParameter.string(org), sent.parameters().get("organization_id"));
    assertEquals(QueryParameter.string("page.view"), sent.parameters().get("event_type"));
    assertEquals(QueryParameter.date(java.time.LocalDate.parse("2026-11-20")), sent.parameters().get("start_date"));
    assertEquals(QueryParameter.date(java.time.LocalDate.parse("2026-11-26")), sent.parameters().get("end_date"));
    // The watermark is not known yet: today and the RAW_DAYS before it are read raw.
    assertEquals(QueryParameter.timestamp(Instant.parse("2026-11-23T00:00:00Z")), sent.parameters().get("raw_start"));
    assertEquals(QueryParameter.timestamp(Instant.parse("2026-11-27T00:00:00Z")), sent.parameters().get("range_end"));
    assertEquals(List.of(new DailyMetric("2026-11-25", "a.b", 3, 2, 1)), report.days());
  }

  @Test
  void aRepeatWithinTheTtlIsServedFromTheCacheWithItsAgeAndThenRecomputed() {
    warehouse.answerQueries(q -> List.of());
    MetricsQuery query = MetricsQuery.parse("2026-11-20", "2026-11-26", Optional.empty());
    assertFalse(metrics.daily("org1", query).fromCache());

    clock.advance(Duration.ofSeconds(20));
    MetricsReport cached = metrics.daily("org1", query);
    assertTrue(cached.fromCache());
    assertEquals(Duration.ofSeconds(20), cached.age());
    assertFalse(metrics.daily("org2", query).fromCache(), "the cache is per organization");
    assertEquals(2, warehouse.queries().size());

    clock.advance(Duration.ofSeconds(41));
    assertFalse(metrics.daily("org1", query).fromCache());
    assertEquals(3, warehouse.queries().size());
  }
}
