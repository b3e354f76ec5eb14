package com.agenthub.shared.port;

import java.util.List;
import java.util.Map;

/**
 * Where analytics rows are appended and metrics are computed (BigQuery in production). Tables are
 * the ones declared in {@code terraform/bigquery/tables.json}; failures surface as
 * {@link WarehouseException}.
 */
public interface Warehouse {

  /**
   * Appends rows to a table. A row whose {@code insertId} the warehouse saw recently is dropped as
   * a duplicate (best effort, about a minute). Rows it refuses come back with their reason; every
   * other row is stored.
   */
  List<RowError> insert(String table, List<Row> rows);

  /**
   * Runs standard SQL in which tables are written {@code {table_name}} and every value arrives
   * as a named parameter ({@code @name}): user input never becomes SQL text. Only tables and views
   * declared in tables.json may be named. Each result row maps column name to a plain value:
   * String (also DATE as yyyy-MM-dd and JSON as its text), Long, Double, Boolean, Instant for
   * TIMESTAMP, or null.
   */
  List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters);

  /**
   * Runs one DML statement (INSERT … SELECT, DELETE, …), written as {@link #query}'s SQL is, and
   * returns how many rows it inserted, changed or deleted.
   */
  long execute(String sql, Map<String, QueryParameter> parameters);

  /** One row to append; {@code values} holds plain values (see {@code Rows.values}). */
  record Row(String insertId, Map<String, Object> values) {
    public Row {
      values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
  }

  /** A row the warehouse refused, by its index in the insert. */
  record RowError(int index, String reason) {}

  /** A typed query parameter. */
  record QueryParameter(Type type, String value) {
    public enum Type { STRING, INT64, DATE, TIMESTAMP }

    public static QueryParameter string(String value) {
      return new QueryParameter(Type.STRING, value);
    }

    public static QueryParameter int64(long value) {
      return new QueryParameter(Type.INT64, Long.toString(value));
    }

    /** {@code value} as yyyy-MM-dd. */
    public static QueryParameter date(java.time.LocalDate value) {
      return new QueryParameter(Type.DATE, value.toString());
    }

    public static QueryParameter timestamp(java.time.Instant value) {
      return new QueryParameter(Type.TIMESTAMP, value.toString());
    }
  }
}
