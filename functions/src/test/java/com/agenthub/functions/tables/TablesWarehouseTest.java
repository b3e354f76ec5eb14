package com.agenthub.functions.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the outbox into BigQuery (bigquery-local): every row change as a table_row_changes row
 * (exact integers in its JSON), the schema changes in tables, and the latest-state view leaving
 * out deleted rows and showing each row's last state.
 */
class TablesWarehouseTest {

  @Test
  void rowAndSchemaChangesReachTheWarehouseAndTheLatestViewShowsCurrentRows() {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Tables warehouse");
    ApiClient org = tenant.client();
    assertEquals(201, org.post("CreateTable", """
        {"name": "ledger", "primary_key": "k", "columns": [{"name": "k", "type": "string"},
          {"name": "amount", "type": "integer", "indexed": true}]}""").status());
    assertEquals(201, org.post("InsertRows", """
        {"table": "ledger", "rows": [{"k": "a", "amount": 9007199254740993}, {"k": "b", "amount": 1}, {"k": "c", "amount": 2}]}""")
        .status());
    assertEquals(200, org.patch("UpdateRow?table=ledger&id=b", "{\"amount\": 10}", Map.of()).status());
    assertEquals(204, org.delete("DeleteRow?table=ledger&id=c", Map.of()).status());
    assertEquals(200, org.patch("AlterTable?table=ledger", "{\"rename_columns\": {\"amount\": \"cents\"}}", Map.of()).status());

    assertEquals(5, WarehouseProbe.awaitCount("table_row_changes", "organization_id", tenant.organizationId(), 5,
        Duration.ofSeconds(60)), "3 created, 1 updated, 1 deleted");
    assertEquals(2, WarehouseProbe.awaitCount("tables", "organization_id", tenant.organizationId(), 2, Duration.ofSeconds(60)));
    Map<String, QueryParameter> org1 = Map.of("org", QueryParameter.string(tenant.organizationId()));
    List<Map<String, Object>> latest = WarehouseProbe.query("SELECT row_id, TO_JSON_STRING(row) AS row, schema_version "
        + "FROM {table_rows_latest} WHERE organization_id = @org ORDER BY row_id", org1);
    assertEquals(List.of("a", "b"), latest.stream().map(r -> r.get("row_id")).toList());
    assertEquals(JsonParser.parseString("{\"k\": \"b\", \"amount\": 10}"), JsonParser.parseString((String) latest.get(1).get("row")));
    String exact = (String) WarehouseProbe.query("SELECT JSON_VALUE(row, '$.amount') AS amount FROM {table_row_changes} "
        + "WHERE organization_id = @org AND row_id = 'a'", org1).get(0).get("amount");
    assertEquals("9007199254740993", exact);
    Map<String, Object> schema = WarehouseProbe.query("SELECT schema_version, table_name, is_deleted FROM {tables_latest} "
        + "WHERE organization_id = @org", org1).get(0);
    assertEquals(2L, schema.get("schema_version"));
    assertEquals(false, schema.get("is_deleted"));
  }
}
