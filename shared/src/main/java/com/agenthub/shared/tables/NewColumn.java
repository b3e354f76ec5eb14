package com.agenthub.shared.tables;

import com.agenthub.shared.errors.ApiError;
import java.util.Optional;

/** A column a caller declares (CreateTable, AlterTable's add_columns); checks itself on construction. */
public record NewColumn(String name, ColumnType type, boolean required, Optional<Object> defaultValue, boolean unique,
    boolean indexed) {

  public NewColumn {
    TableLimits.requireName("name", name);
    if (indexed && !type.indexable()) {
      throw ApiError.invalid("indexed", "a " + type.wire() + " column cannot be indexed");
    }
    if (unique && !type.indexable()) {
      throw ApiError.invalid("unique", "a " + type.wire() + " column cannot be unique");
    }
    if (unique && defaultValue.isPresent()) {
      throw ApiError.invalid("default", "a unique column cannot have a default: every row would take the same value");
    }
  }
}
