package com.agenthub.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which days the warehouse is asked to read raw, as the aggregate's watermark becomes known. */
class DailyMetricsSourceTest {

  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
  private final DailyMetricsSource source = new DailyMetricsSource(warehouse,
      Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
  private final MetricsQuery november = MetricsQuery.parse("2026-11-10", "2026-11-26", Optional.empty());

  @Test
  void theWatermarkAnAnswerCarriesBoundsTheRawDaysOfTheNextQuery() {
    answer("2026-11-26", List.of(day("2026-11-20", 4)));
    assertEquals(List.of(new DailyMetric("2026-11-20", "chat.message", 4, 1, 1)), source.read("org1", november));
    assertEquals(timestamp("2026-11-23"), rawStart(0), "unknown at first: today and three days before");

    source.read("org1", november);
    assertEquals(2, warehouse.queries().size());
    assertEquals(timestamp("2026-11-26"), rawStart(1), "then only the days from the watermark on");
  }

  @Test
  void anAggregateOlderThanGuessedIsAskedAgainFromItsWatermark() {
    answer("2026-11-01", List.of(day("2026-11-24", 7)));
    source.read("org1", november);
    assertEquals(2, warehouse.queries().size(), "the days between the watermark and the guess were in neither part");
    assertEquals(timestamp("2026-11-10"), rawStart(1));
  }

  @Test
  void aRangeThatStartsAfterTheGuessNeedsNoSecondQuery() {
    answer("2026-11-01", List.of());
    source.read("org1", MetricsQuery.parse("2026-11-25", "2026-11-26", Optional.empty()));
    assertEquals(1, warehouse.queries().size());
    assertEquals(timestamp("2026-11-25"), rawStart(0));
  }

  private void answer(String watermark, List<Map<String, Object>> days) {
    Map<String, Object> sentinel = new HashMap<>();
    sentinel.put("day", null);
    sentinel.put("covered_until", watermark);
    warehouse.answerQueries(q -> {
      List<Map<String, Object>> rows = new java.util.ArrayList<>(days);
      rows.add(0, sentinel);
      return rows;
    });
  }

  private static Map<String, Object> day(String day, long events) {
    return Map.of("day", day, "event_type", "chat.message", "events", events, "users", 1L, "sessions", 1L);
  }

  private QueryParameter rawStart(int query) {
    return warehouse.queries().get(query).parameters().get("raw_start");
  }

  private static QueryParameter timestamp(String day) {
    return QueryParameter.timestamp(Instant.parse(day + "T00:00:00Z"));
  }
}
