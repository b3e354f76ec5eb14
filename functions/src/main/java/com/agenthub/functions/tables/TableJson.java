package com.agenthub.functions.tables;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ETags;
import com.agenthub.shared.http.JsonFields;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.tables.Column;
import com.agenthub.shared.tables.ColumnType;
import com.agenthub.shared.tables.NewColumn;
import com.agenthub.shared.tables.NewTable;
import com.agenthub.shared.tables.Row;
import com.agenthub.shared.tables.RowFilter;
import com.agenthub.shared.tables.RowOrder;
import com.agenthub.shared.tables.RowPage;
import com.agenthub.shared.tables.RowQuery;
import com.agenthub.shared.tables.TableAlteration;
import com.agenthub.shared.tables.TableLimits;
import com.agenthub.shared.tables.TableSchema;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How tables, rows and queries look on the wire. Row metadata is prefixed with '_' (column names cannot be). */
final class TableJson {

  private TableJson() {}

  static NewTable newTable(JsonFields body) {
    body.rejectUnknown(Set.of("name", "columns", "primary_key"));
    JsonObject json = body.asJson();
    return new NewTable(body.requiredString("name"), columns(array(json, "columns", true), "columns"),
        body.optionalString("primary_key"));
  }

  static TableAlteration alteration(JsonFields body) {
    body.rejectUnknown(Set.of("add_columns", "drop_columns", "rename_columns"));
    JsonObject json = body.asJson();
    List<String> drops = new ArrayList<>();
    JsonArray dropArray = array(json, "drop_columns", false);
    for (int i = 0; i < dropArray.size(); i++) {
      drops.add(string(dropArray.get(i), "drop_columns[" + i + "]"));
    }
    Map<String, String> renames = new LinkedHashMap<>();
    JsonElement rename = json.get("rename_columns");
    if (rename != null && !rename.isJsonNull()) {
      if (!rename.isJsonObject()) {
        throw ApiError.invalid("rename_columns", "'rename_columns' must be an object of old name to new name");
      }
      rename.getAsJsonObject().entrySet().forEach(e -> renames.put(e.getKey(), string(e.getValue(), "rename_columns." + e.getKey())));
    }
    return new TableAlteration(renames, drops, columns(array(json, "add_columns", false), "add_columns"));
  }

  private static List<NewColumn> columns(JsonArray array, String field) {
    List<NewColumn> columns = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = field + "[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw ApiError.invalid(at, "'" + at + "' must be a column object");
      }
      try {
        JsonFields column = new JsonFields(array.get(i).getAsJsonObject());
        column.rejectUnknown(Set.of("name", "type", "required", "default", "unique", "indexed"));
        JsonObject c = column.asJson();
        ColumnType type = ColumnType.parse("type", column.requiredString("type"));
        JsonElement defaultValue = c.get("default");
        columns.add(new NewColumn(column.requiredString("name"), type, bool(c, "required"),
            defaultValue == null || defaultValue.isJsonNull() ? Optional.empty() : Optional.of(type.fromJson(defaultValue, "default")),
            bool(c, "unique"), bool(c, "indexed")));
      } catch (ApiError e) {
        throw e.under(at + ".");
      }
    }
    return columns;
  }

  static List<JsonObject> rows(JsonFields body, Set<String> allowed) {
    body.rejectUnknown(allowed);
    JsonArray array = array(body.asJson(), "rows", true);
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!array.get(i).isJsonObject()) {
        throw ApiError.invalid("rows[" + i + "]", "'rows[" + i + "]' must be an object of column values");
      }
      rows.add(array.get(i).getAsJsonObject());
    }
    return rows;
  }

  static List<RowFilter> filters(JsonObject body) {
    JsonArray array = array(body, "filters", false);
    List<RowFilter> filters = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "filters[" + i + "]";
      if (!array.get(i).isJsonObject()) {
        throw ApiError.invalid(at, "'" + at + "' must be {\"column\", \"op\", \"value\"}");
      }
      JsonFields filter = new JsonFields(array.get(i).getAsJsonObject());
      try {
        filter.rejectUnknown(Set.of("column", "op", "value"));
      } catch (ApiError e) {
        throw e.under(at + ".");
      }
      JsonObject f = filter.asJson();
      filters.add(new RowFilter(string(f.get("column"), at + ".column"), RowFilter.Op.parse(at + ".op", string(f.get("op"), at + ".op")),
          f.get("value")));
    }
    return filters;
  }

  static RowQuery query(JsonFields body) {
    body.rejectUnknown(Set.of("table", "filters", "order", "select", "page_size", "page_token", "count"));
    JsonObject json = body.asJson();
    Optional<RowOrder> order = Optional.empty();
    JsonElement o = json.get("order");
    if (o != null && !o.isJsonNull()) {
      if (!o.isJsonObject()) {
        throw ApiError.invalid("order", "'order' must be {\"column\": name, \"direction\": \"asc\" | \"desc\"}");
      }
      JsonFields orderFields = new JsonFields(o.getAsJsonObject());
      orderFields.rejectUnknown(Set.of("column", "direction"));
      String direction = orderFields.optionalString("direction").orElse("asc");
      if (!direction.equals("asc") && !direction.equals("desc")) {
        throw ApiError.invalid("order.direction", "'order.direction' must be asc or desc");
      }
      order = Optional.of(new RowOrder(string(o.getAsJsonObject().get("column"), "order.column"), direction.equals("desc")));
    }
    List<String> select = new ArrayList<>();
    JsonArray s = array(json, "select", false);
    for (int i = 0; i < s.size(); i++) {
      select.add(string(s.get(i), "select[" + i + "]"));
    }
    long size = body.optionalInteger("page_size").orElse((long) TableLimits.DEFAULT_PAGE_SIZE);
    if (size < 1 || size > TableLimits.MAX_PAGE_SIZE) {
      throw ApiError.invalid("page_size", "'page_size' must be within 1.." + TableLimits.MAX_PAGE_SIZE);
    }
    return new RowQuery(filters(json), order, select, (int) size, body.optionalString("page_token"), bool(json, "count"));
  }

  static JsonObject of(TableSchema table) {
    JsonObject json = new JsonObject();
    json.addProperty("name", table.name());
    json.add("columns", columns(table));
    json.add("primary_key", table.primaryKeyColumn().<JsonElement>map(c -> new JsonPrimitive(c.name())).orElse(JsonNull.INSTANCE));
    json.addProperty("schema_version", table.schemaVersion());
    json.addProperty("status", table.status());
    if (TableSchema.DELETING.equals(table.status())) {
      json.addProperty("rows_deleted", table.rowsDeleted());
    }
    json.addProperty("created_at", table.createdAt().toString());
    json.addProperty("updated_at", table.updatedAt().toString());
    json.addProperty("etag", ETags.of(table.version()));
    return json;
  }

  private static JsonArray columns(TableSchema table) {
    JsonArray columns = new JsonArray();
    for (Column column : table.columns()) {
      JsonObject c = new JsonObject();
      c.addProperty("name", column.name());
      c.addProperty("type", column.type().wire());
      c.addProperty("required", column.required());
      c.addProperty("unique", column.unique());
      c.addProperty("indexed", column.indexed());
      c.add("default", column.defaultValue().map(v -> column.type().toJson(v)).orElse(JsonNull.INSTANCE));
      columns.add(c);
    }
    return columns;
  }

  static JsonObject of(TableSchema table, Row row, List<String> select) {
    JsonObject json = new JsonObject();
    json.addProperty("_id", row.id());
    for (Column column : table.columns()) {
      if (select.isEmpty() || select.contains(column.name())) {
        json.add(column.name(), column.type().toJson(row.values().get(column.name())));
      }
    }
    json.addProperty("_created_at", row.createdAt().toString());
    json.addProperty("_updated_at", row.updatedAt().toString());
    json.addProperty("_etag", ETags.of(row.version()));
    return json;
  }

  static JsonObject page(RowPage page, List<String> select) {
    JsonArray rows = new JsonArray();
    page.rows().forEach(row -> rows.add(of(page.table(), row, select)));
    JsonObject json = new JsonObject();
    json.add("rows", rows);
    json.add("next_page_token", page.nextPageToken().<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE));
    page.count().ifPresent(count -> json.addProperty("count", count));
    return json;
  }

  /** The reply of a batch write: each row's id and ETag, in the order given (fetch rows with GetRow or QueryRows). */
  static JsonObject written(List<Row> rows) {
    JsonArray written = new JsonArray();
    for (Row row : rows) {
      JsonObject json = new JsonObject();
      json.addProperty("_id", row.id());
      json.addProperty("_etag", ETags.of(row.version()));
      written.add(json);
    }
    JsonObject json = new JsonObject();
    json.addProperty("count", rows.size());
    json.add("rows", written);
    return json;
  }

  private static JsonArray array(JsonObject json, String name, boolean required) {
    JsonElement value = json.get(name);
    if (value == null || value.isJsonNull()) {
      if (required) {
        throw ApiError.invalid(name, "'" + name + "' is required");
      }
      return new JsonArray();
    }
    if (!value.isJsonArray()) {
      throw ApiError.invalid(name, "'" + name + "' must be an array");
    }
    return value.getAsJsonArray();
  }

  private static String string(JsonElement value, String field) {
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw ApiError.invalid(field, "'" + field + "' must be a string");
    }
    return value.getAsString();
  }

  private static boolean bool(JsonObject json, String name) {
    JsonElement value = json.get(name);
    if (value == null || value.isJsonNull()) {
      return false;
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
      throw ApiError.invalid(name, "'" + name + "' must be true or false");
    }
    return value.getAsBoolean();
  }
}
