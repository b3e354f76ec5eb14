package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A table a caller asks to create: its name, columns and optional primary key column (else ids are generated). */
public record NewTable(String name, List<NewColumn> columns, Optional<String> primaryKey) {

  public NewTable {
    TableLimits.requireName("name", name);
    columns = List.copyOf(columns);
    if (columns.isEmpty() || columns.size() > TableLimits.MAX_COLUMNS) {
      throw ApiError.invalid("columns", "a table has 1.." + TableLimits.MAX_COLUMNS + " columns");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      if (!names.add(columns.get(i).name())) {
        throw ApiError.invalid("columns[" + i + "].name", "column '" + columns.get(i).name() + "' is declared twice");
      }
    }
    if (columns.stream().filter(NewColumn::indexed).count() > TableLimits.MAX_INDEXED_COLUMNS) {
      throw ApiError.invalid("columns", "at most " + TableLimits.MAX_INDEXED_COLUMNS + " columns can be indexed");
    }
    if (primaryKey.isPresent()) {
      NewColumn key = columns.stream().filter(c -> c.name().equals(primaryKey.get())).findFirst()
          .orElseThrow(() -> ApiError.invalid("primary_key", "'primary_key' must name one of the columns"));
      if (key.type() != ColumnType.STRING && key.type() != ColumnType.INTEGER) {
        throw ApiError.invalid("primary_key", "a primary key is a string or integer column");
      }
      if (key.defaultValue().isPresent()) {
        throw ApiError.invalid("primary_key", "a primary key column cannot have a default");
      }
    }
  }
}
