package com.agenthub.shared.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryWarehouse;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.errors.ErrorKind;
import com.agenthub.shared.port.WarehouseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What ImportEventHistory refuses, and what it asks the warehouse (the SQL itself runs in PreAggregatedMetricsTest). */
class EventHistoryTest {

  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private final InMemoryWarehouse warehouse = new InMemoryWarehouse();
  private final EventHistory history = new EventHistory(warehouse, Clock.fixed(NOW, ZoneOffset.UTC));

  private static NewEvent event(Optional<String> eventId, Optional<Instant> at) {
    return new NewEvent("a.b", Map.of(), Optional.of("u1"), Optional.empty(), at, eventId);
  }

  @Test
  void eachRefusedEventIsNamedAndOnlyTheOthersAreWritten() {
    Instant yearAgo = NOW.minusSeconds(365L * 24 * 3600);
    List<EventOutcome> outcomes = history.record("orgA", List.of(
        event(Optional.of("e1"), Optional.of(yearAgo)),
        event(Optional.empty(), Optional.of(yearAgo)),
        event(Optional.of("e3"), Optional.empty()),
        event(Optional.of("e4"), Optional.of(NOW.plusSeconds(2 * 3600))),
        event(Optional.of("e5"), Optional.of(Instant.EPOCH)),
        event(Optional.of("e1"), Optional.of(yearAgo.plusSeconds(1))),
        event(Optional.of("e7"), Optional.of(NOW.minusSeconds(60))))).outcomes();

    assertTrue(outcomes.get(0).id().isPresent());
    assertEquals(List.of("event_id", "timestamp", "timestamp", "timestamp", "event_id"),
        outcomes.subList(1, 6).stream().map(o -> o.error().orElseThrow().field().orElseThrow()).toList());
    assertTrue(outcomes.get(6).id().isPresent(), "a recent event may take this path too");
    var insert = warehouse.queries().get(0);
    assertTrue(insert.sql().startsWith("INSERT INTO {analytics_events}"), insert.sql());
    assertEquals(2, insert.parameters().keySet().stream().filter(name -> name.startsWith("id_")).count(),
        "only the two accepted events are sent");
    assertEquals(3, warehouse.queries().size(), "insert, recompute the touched days, drop what they supersede");
  }

  @Test
  void nothingIsAskedWhenEveryEventIsRefused() {
    List<EventOutcome> outcomes = history.record("orgA", List.of(event(Optional.empty(), Optional.empty()))).outcomes();
    assertTrue(outcomes.get(0).error().isPresent());
    assertEquals(List.of(), warehouse.queries());
  }

  @Test
  void anOutageSaysTheCallMayBeRepeated() {
    warehouse.answerQueries(query -> {
      throw new WarehouseException(WarehouseException.Reason.UNAVAILABLE, "backendError");
    });
    ApiError error = assertThrows(ApiError.class,
        () -> history.record("orgA", List.of(event(Optional.of("e1"), Optional.of(NOW.minusSeconds(86_400L * 90))))));
    assertEquals(ErrorKind.UNAVAILABLE, error.kind());
    assertTrue(error.getMessage().contains("retry the same call"), error.getMessage());
  }
}
