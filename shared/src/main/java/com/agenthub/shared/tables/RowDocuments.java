package com.agenthub.shared.tables;

import com.agenthub.shared.changes.Change;
import com.agenthub.shared.changes.Outbox;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.ids.Sha256;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.StoredDocument;
import com.agenthub.shared.port.Write;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.TableRowChangeRow;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row's stored form: {@code values} by column key, the schema version it was written under
 * ({@code v}), and the generic index slots {@code i0}..{@code i3}, each holding the value of the
 * indexed column mapped to it (null when none) — every row carries every slot, so no row drops
 * out of an ordered query.
 */
final class RowDocuments {

  static final List<String> SLOTS = List.of("i0", "i1", "i2", "i3");

  private RowDocuments() {}

  static String slotField(Column column) {
    return SLOTS.get(column.slot().orElseThrow());
  }

  /**
   * A client's row checked against the schema: stored values by column key. Complete (defaults
   * applied, required ones present) unless {@code partial}. Errors name {@code prefix + column}.
   */
  static Map<String, Object> validate(TableSchema table, JsonObject row, boolean partial, String prefix) {
    try {
      return validate(table, row, partial);
    } catch (ApiError e) {
      throw e.under(prefix);
    }
  }

  private static Map<String, Object> validate(TableSchema table, JsonObject row, boolean partial) {
    for (String name : row.keySet()) {
      if (table.column(name).isEmpty()) {
        throw ApiError.invalid(name, "unknown column '" + name + "'; table '" + table.name() + "' has "
            + table.columns().stream().map(Column::name).toList());
      }
    }
    int bytes = Json.GSON.toJson(row).getBytes(StandardCharsets.UTF_8).length;
    if (bytes > TableLimits.MAX_ROW_BYTES) {
      throw ApiError.invalid("", "the row is " + bytes + " bytes as JSON; the limit is " + TableLimits.MAX_ROW_BYTES);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      JsonElement given = row.get(column.name());
      if (given == null && partial) {
        continue;
      }
      Object value;
      if (given == null) {
        value = column.defaultValue().orElse(null);
      } else if (given.isJsonNull()) {
        value = null;
      } else {
        value = column.type().fromJson(given, column.name());
      }
      if (value == null && column.required()) {
        throw ApiError.invalid(column.name(), "'" + column.name() + "' is required");
      }
      if (value instanceof String s && column.indexed() && column.type() == ColumnType.STRING
          && s.getBytes(StandardCharsets.UTF_8).length > TableLimits.MAX_INDEXED_STRING_BYTES) {
        throw ApiError.invalid(column.name(), "'" + column.name() + "' is indexed: its values are limited to "
            + TableLimits.MAX_INDEXED_STRING_BYTES + " bytes");
      }
      values.put(column.key(), value);
    }
    return values;
  }

  /** The document of a row with these complete values. */
  static Map<String, Object> data(TableSchema table, Map<String, Object> values, Instant createdAt, Instant updatedAt) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("v", table.schemaVersion());
    data.put("values", new LinkedHashMap<>(values));
    for (String slot : SLOTS) {
      data.put(slot, null);
    }
    for (Column column : table.indexedColumns()) {
      data.put(slotField(column), values.get(column.key()));
    }
    data.put("created_at", createdAt);
    data.put("updated_at", updatedAt);
    return data;
  }

  /** A stored row's values by column key for the current schema: columns it predates read their default. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> values(TableSchema table, Map<String, Object> data) {
    Map<String, Object> stored = (Map<String, Object>) data.getOrDefault("values", Map.of());
    Map<String, Object> values = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      values.put(column.key(), stored.containsKey(column.key()) ? stored.get(column.key()) : column.defaultValue().orElse(null));
    }
    return values;
  }

  static Row row(TableSchema table, StoredDocument doc) {
    Map<String, Object> byKey = values(table, doc.data());
    Map<String, Object> byName = new LinkedHashMap<>();
    for (Column column : table.columns()) {
      byName.put(column.name(), byKey.get(column.key()));
    }
    return new Row(table, RowIds.toWire(table, doc.id()), byName, doc.longValue("v"), doc.instant("created_at"),
        doc.instant("updated_at"), doc.version());
  }

  /** Values by key as JSON keyed by column name. */
  static JsonObject json(TableSchema table, Map<String, Object> values) {
    JsonObject json = new JsonObject();
    for (Column column : table.columns()) {
      json.add(column.name(), column.type().toJson(values.get(column.key())));
    }
    return json;
  }

  /** The guard document id that claims {@code value} of a unique column. */
  static String guardId(Column column, Object value) {
    return column.key() + "_" + Sha256.hex(Json.GSON.toJson(column.type().toJson(value))).substring(0, 40);
  }

  static Write changeRecord(String changeType, TableSchema table, String documentId, Map<String, Object> values, Instant at) {
    TableRowChangeRow row = new TableRowChangeRow(Ids.newId(), changeType, at, table.organizationId(), table.tableId(),
        table.name(), RowIds.toWire(table, documentId), new JsonText(Json.GSON.toJson(json(table, values))), table.schemaVersion());
    return Outbox.record(Change.of(row), at);
  }
}
