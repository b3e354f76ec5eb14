package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import java.util.List;
import java.util.Map;

/** What AlterTable changes, applied in this order: renames, drops, additions. */
public record TableAlteration(Map<String, String> renameColumns, List<String> dropColumns, List<NewColumn> addColumns) {

  public TableAlteration {
    renameColumns = Map.copyOf(renameColumns);
    dropColumns = List.copyOf(dropColumns);
    addColumns = List.copyOf(addColumns);
    if (renameColumns.isEmpty() && dropColumns.isEmpty() && addColumns.isEmpty()) {
      throw ApiError.invalid("add_columns", "nothing to alter: give add_columns, drop_columns or rename_columns");
    }
    renameColumns.values().forEach(name -> TableLimits.requireName("rename_columns", name));
  }
}
