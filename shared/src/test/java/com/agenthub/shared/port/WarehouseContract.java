package com.agenthub.shared.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.port.Warehouse.RowError;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.Rows;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Warehouse must do with inserts. Runs against the in-memory fake and against
 * bigquery-local, so the fake cannot drift from the real thing.
 */
public abstract class WarehouseContract {

  protected abstract Warehouse warehouse();

  /**
   * Rows of analytics_events stored for one organization, as a query returns them: TIMESTAMP as
   * Instant, JSON as its text, NULL as null.
   */
  protected abstract List<Map<String, Object>> storedEvents(String organizationId);

  private String organization;

  @BeforeEach
  void isolateEachTestInItsOwnOrganization() {
    organization = "org-" + UUID.randomUUID();
  }

  private AnalyticsEventRow event(String id, Instant at) {
    return new AnalyticsEventRow(id, organization, "conversation.started", new JsonText("{\"turns\":3,\"tags\":[\"a\"]}"),
        Optional.of("user-1"), Optional.empty(), at, at.plusMillis(5));
  }

  private static Row row(AnalyticsEventRow event) {
    return new Row("insert-" + UUID.randomUUID(), Rows.values(event));
  }

  private static Row withValue(Row row, String column, Object value) {
    Map<String, Object> values = new LinkedHashMap<>(row.values());
    values.put(column, value);
    return new Row(row.insertId(), values);
  }

  @Test
  void anInsertedRowReadsBackWithEveryValue() {
    // Milliseconds: bigquery-local returns TIMESTAMPs cut to ms (its stored value keeps µs; see BigQueryQueryTest).
    Instant at = Instant.parse("2026-11-26T10:15:30.123Z");
    assertEquals(List.of(), warehouse().insert("analytics_events", List.of(row(event("e1", at)))));

    List<Map<String, Object>> stored = storedEvents(organization);
    assertEquals(1, stored.size());
    Map<String, Object> read = new LinkedHashMap<>(stored.get(0));
    assertEquals(JsonParser.parseString("{\"turns\":3,\"tags\":[\"a\"]}"), JsonParser.parseString((String) read.remove("event_data")));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("id", "e1");
    expected.put("organization_id", organization);
    expected.put("event_type", "conversation.started");
    expected.put("user_id", "user-1");
    expected.put("session_id", null);
    expected.put("created_at", at);
    expected.put("received_at", at.plusMillis(5));
    assertEquals(expected, read);
  }

  @Test
  void aRetriedRowWithTheSameInsertIdIsStoredOnce() {
    Instant at = Instant.parse("2026-11-26T10:00:00Z");
    Row first = row(event("e1", at));
    warehouse().insert("analytics_events", List.of(first));
    assertEquals(List.of(), warehouse().insert("analytics_events", List.of(first, row(event("e2", at)))));

    List<Object> ids = storedEvents(organization).stream().map(r -> r.get("id")).sorted().toList();
    assertEquals(List.of("e1", "e2"), ids);
  }

  @Test
  void badRowsAreReportedByIndexWhileTheirNeighboursAreStored() {
    Instant at = Instant.parse("2026-11-26T11:00:00Z");
    List<Row> rows = List.of(
        row(event("good-0", at)),
        withValue(row(event("missing-required", at)), "event_type", null),
        row(event("good-2", at)),
        withValue(row(event("unknown-column", at)), "no_such_column", "x"),
        withValue(row(event("wrong-type", at)), "created_at", "not a timestamp"),
        row(event("good-5", at)));

    List<RowError> errors = warehouse().insert("analytics_events", rows);

    assertEquals(List.of(1, 3, 4), errors.stream().map(RowError::index).toList());
    errors.forEach(e -> assertFalse(e.reason().isBlank(), e.toString()));
    List<Object> ids = storedEvents(organization).stream().map(r -> r.get("id")).sorted().toList();
    assertEquals(List.of("good-0", "good-2", "good-5"), ids);
  }

  /** bigquery-local inserts a request's rows 100 to a statement: a bad row must still cost only itself, in any statement. */
  @Test
  void aBadRowAmongHundredsIsReportedAloneAndEveryOtherRowStored() {
    Instant at = Instant.parse("2026-11-26T12:00:00Z");
    List<Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < 250; i++) {
      Row row = row(event("e" + i, at));
      rows.add(i == 7 || i == 180 ? withValue(row, "event_type", null) : row);
    }

    List<RowError> errors = warehouse().insert("analytics_events", rows);

    assertEquals(List.of(7, 180), errors.stream().map(RowError::index).toList());
    List<Map<String, Object>> stored = storedEvents(organization);
    assertEquals(248, stored.size());
    assertEquals(248, stored.stream().map(r -> r.get("id")).distinct().count());
    assertFalse(stored.stream().anyMatch(r -> r.get("id").equals("e7") || r.get("id").equals("e180")));
  }

  @Test
  void anUnknownTableIsRejected() {
    WarehouseException e = assertThrows(WarehouseException.class,
        () -> warehouse().insert("no_such_table", List.of(row(event("e1", Instant.parse("2026-11-26T10:00:00Z"))))));
    assertEquals(WarehouseException.Reason.REJECTED, e.reason(), e.getMessage());
    assertFalse(e.isTransient());
  }

  @Test
  void anEmptyInsertStoresNothingAndReportsNothing() {
    assertTrue(warehouse().insert("analytics_events", List.of()).isEmpty());
    assertTrue(storedEvents(organization).isEmpty());
  }
}
