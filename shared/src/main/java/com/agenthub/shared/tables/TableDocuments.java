package com.agenthub.shared.tables;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.TableChangeRow;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A table's stored form and its change record: one mapping for every use case. */
final class TableDocuments {

  private TableDocuments() {}

  static Map<String, Object> data(TableSchema table) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", table.name());
    data.put("organization_id", table.organizationId());
    data.put("table_id", table.tableId());
    List<Object> columns = new ArrayList<>();
    for (Column column : table.columns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("key", column.key());
      c.put("name", column.name());
      c.put("type", column.type().wire());
      c.put("required", column.required());
      c.put("unique", column.unique());
      c.put("default_json", column.defaultValue().map(v -> Json.GSON.toJson(column.type().toJson(v))).orElse(null));
      c.put("slot", column.slot().map(Integer::longValue).orElse(null));
      c.put("added_in", column.addedIn());
      columns.add(c);
    }
    data.put("columns", columns);
    data.put("primary_key", table.primaryKey().orElse(null));
    data.put("schema_version", table.schemaVersion());
    data.put("next_column", table.nextColumn());
    data.put("next_slot", (long) table.nextSlot());
    data.put("status", table.status());
    data.put("rows_deleted", table.rowsDeleted());
    data.put("created_at", table.createdAt());
    data.put("updated_at", table.updatedAt());
    return data;
  }

  @SuppressWarnings("unchecked")
  static TableSchema table(StoredDocument doc) {
    List<Column> columns = new ArrayList<>();
    for (Object item : (List<Object>) doc.data().get("columns")) {
      Map<String, Object> c = (Map<String, Object>) item;
      ColumnType type = ColumnType.parse("type", (String) c.get("type"));
      String defaultJson = (String) c.get("default_json");
      columns.add(new Column((String) c.get("key"), (String) c.get("name"), type, (Boolean) c.get("required"),
          Optional.ofNullable(defaultJson).map(text -> type.fromJson(JsonParser.parseString(text), "default")),
          (Boolean) c.get("unique"), Optional.ofNullable((Number) c.get("slot")).map(Number::intValue),
          ((Number) c.get("added_in")).longValue()));
    }
    return new TableSchema(doc.string("organization_id"), doc.string("name"), doc.string("table_id"), columns,
        Optional.ofNullable(doc.string("primary_key")), doc.longValue("schema_version"), doc.longValue("next_column"),
        (int) doc.longValue("next_slot"),
        doc.string("status"), doc.longValue("rows_deleted"), doc.instant("created_at"), doc.instant("updated_at"), doc.version());
  }

  /** The columns as clients see them (also the warehouse's record of the schema). */
  static JsonArray columnsJson(TableSchema table) {
    JsonArray columns = new JsonArray();
    for (Column column : table.columns()) {
      JsonObject c = new JsonObject();
      c.addProperty("name", column.name());
      c.addProperty("type", column.type().wire());
      c.addProperty("required", column.required());
      c.addProperty("unique", column.unique() || table.primaryKey().equals(Optional.of(column.key())));
      c.addProperty("indexed", column.indexed());
      c.add("default", column.defaultValue().map(v -> column.type().toJson(v)).orElse(com.google.gson.JsonNull.INSTANCE));
      columns.add(c);
    }
    return columns;
  }

  static Write changeRecord(String changeType, TableSchema table, Instant at) {
    TableChangeRow row = new TableChangeRow(Ids.newId(), changeType, at, table.organizationId(), table.tableId(), table.name(),
        table.schemaVersion(), new JsonText(Json.GSON.toJson(columnsJson(table))),
        table.primaryKeyColumn().map(Column::name), table.status());
    return Outbox.record(Change.of(row), at);
  }
}
