package com.agenthub.shared.adapter.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.agenthub.shared.local.LocalPorts;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.port.WarehouseException.Reason;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.RejectedMessageRow;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What only the BigQuery adapter does: SQL, parameters, result types and error mapping, on bigquery-local. */
class BigQueryQueryTest {

  private final BigQueryWarehouse warehouse = Emulators.warehouse();

  private String rejected(Instant at) {
    String id = "msg-" + UUID.randomUUID();
    RejectedMessageRow row = new RejectedMessageRow(id, "test", "bad json", "e30=", new JsonText("{\"k\":\"v\"}"), at);
    assertEquals(List.of(), warehouse.insert("rejected_messages", List.of(new Row(id, Rows.values(row)))));
    return id;
  }

  @Test
  void parametersAndResultsArePlainJavaValuesOfEachType() {
    Instant at = Instant.parse("2026-11-26T10:15:30.123Z");
    Map<String, Object> row = warehouse.query(
        "SELECT @s AS s, @n AS n, @n + 1 AS next, @d AS d, @t AS t, 1.5 AS f, @n > 0 AS b,"
            + " CAST(NULL AS STRING) AS nothing, PARSE_JSON('{\"a\":1}') AS j",
        Map.of("s", QueryParameter.string("it's"), "n", QueryParameter.int64(41),
            "d", QueryParameter.date(LocalDate.of(2026, 11, 26)), "t", QueryParameter.timestamp(at))).get(0);

    assertEquals("it's", row.get("s"));
    assertEquals(41L, row.get("n"));
    assertEquals(42L, row.get("next"));
    assertEquals("2026-11-26", row.get("d"));
    assertEquals(at, row.get("t"));
    assertEquals(1.5, row.get("f"));
    assertEquals(Boolean.TRUE, row.get("b"));
    assertNull(row.get("nothing"));
    assertEquals("{\"a\":1}", row.get("j"));
  }

  @Test
  void tableTokensResolveToTheDeclaredDataset() {
    String id = rejected(Instant.parse("2026-11-26T10:00:00Z"));
    List<Map<String, Object>> rows = warehouse.query(
        "SELECT consumer, JSON_VALUE(attributes, '$.k') AS k FROM {rejected_messages} WHERE message_id = @id",
        Map.of("id", QueryParameter.string(id)));
    assertEquals(List.of(Map.of("consumer", "test", "k", "v")), rows);
  }

  @Test
  void undeclaredNamesAreRefusedBeforeAnySqlRuns() {
    WarehouseException e = assertThrows(WarehouseException.class,
        () -> warehouse.query("SELECT * FROM {secrets}", Map.of()));
    assertEquals(Reason.REJECTED, e.reason());
    assertEquals(true, e.getMessage().contains("secrets"), e.getMessage());
  }

  @Test
  void invalidSqlAndUnknownColumnsAreRejected() {
    assertEquals(Reason.REJECTED, assertThrows(WarehouseException.class,
        () -> warehouse.query("SELEC 1", Map.of())).reason());
    assertEquals(Reason.REJECTED, assertThrows(WarehouseException.class,
        () -> warehouse.query("SELECT no_such_column FROM {analytics_events}", Map.of())).reason());
  }

  @Test
  void timestampsAreStoredAndBoundAtMicroseconds() {
    Instant at = Instant.parse("2026-11-26T10:15:30.123456Z");
    String id = rejected(at);
    long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;

    // Compared as UNIX_MICROS: bigquery-local returns TIMESTAMP values cut to milliseconds.
    Map<String, Object> row = warehouse.query(
        "SELECT UNIX_MICROS(received_at) AS stored, UNIX_MICROS(@t) AS bound, received_at = @t AS same"
            + " FROM {rejected_messages} WHERE message_id = @id",
        Map.of("id", QueryParameter.string(id), "t", QueryParameter.timestamp(at))).get(0);
    assertEquals(micros, row.get("stored"));
    assertEquals(micros, row.get("bound"));
    assertEquals(Boolean.TRUE, row.get("same"));
  }

  @Test
  void anUnreachableWarehouseIsUnavailable() {
    BigQueryWarehouse nowhere = BigQueryWarehouse.connect(Emulators.PROJECT_ID,
        Optional.of("http://127.0.0.1:" + LocalPorts.free()));
    assertEquals(Reason.UNAVAILABLE, assertThrows(WarehouseException.class,
        () -> nowhere.query("SELECT 1", Map.of())).reason());
    assertEquals(Reason.UNAVAILABLE, assertThrows(WarehouseException.class,
        () -> nowhere.insert("rejected_messages", List.of(new Row("x", Map.of("message_id", "x"))))).reason());
  }

  @Test
  void aQueryOverItsTimeoutIsUnavailable() {
    BigQueryWarehouse impatient = new BigQueryWarehouse(Emulators.bigQuery(), Emulators.PROJECT_ID,
        WarehouseDeclaration.load(), true, Duration.ofMillis(1));
    assertEquals(Reason.UNAVAILABLE, assertThrows(WarehouseException.class,
        () -> impatient.query("SELECT COUNT(*) AS n FROM {analytics_events}", Map.of())).reason());
  }
}
