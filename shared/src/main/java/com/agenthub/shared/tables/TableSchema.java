package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table as stored: its columns (in declared order), an optional primary key column, the schema
 * version (raised by every alteration; each row records the version it was written under), and
 * its status ({@code active}, or {@code deleting} while its rows are removed in the background).
 */
public record TableSchema(
    String organizationId,
    String name,
    String tableId,
    List<Column> columns,
    Optional<String> primaryKey,
    long schemaVersion,
    long nextColumn,
    int nextSlot,
    String status,
    long rowsDeleted,
    Instant createdAt,
    Instant updatedAt,
    Version version) {

  public static final String ACTIVE = "active";
  public static final String DELETING = "deleting";

  public TableSchema {
    columns = List.copyOf(columns);
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The column a request names, or a 400 at {@code field} listing the table's columns. */
  public Column require(String field, String name) {
    return column(name).orElseThrow(() -> ApiError.invalid(field,
        "table '" + this.name + "' has no column '" + name + "'; its columns: " + columns.stream().map(Column::name).toList()));
  }

  public Optional<Column> primaryKeyColumn() {
    return primaryKey.flatMap(key -> columns.stream().filter(c -> c.key().equals(key)).findFirst());
  }

  public List<Column> uniqueColumns() {
    return columns.stream().filter(c -> c.unique() && !primaryKey.equals(Optional.of(c.key()))).toList();
  }

  public List<Column> indexedColumns() {
    return columns.stream().filter(Column::indexed).toList();
  }
}
