package com.agenthub.shared.tables;

import java.util.Optional;

/**
 * One column of a table. {@code key} is its stable storage key ({@code c1}, {@code c2}, …): rows
 * store values under it, so renaming a column touches only the schema, and a dropped column's
 * values never come back under a new column of the same name. {@code slot} is the generic indexed
 * field ({@code i0}..{@code i3}) an indexed column's values are copied to; {@code addedIn} is the
 * schema version that added it, so rows written before read its default.
 */
public record Column(
    String key,
    String name,
    ColumnType type,
    boolean required,
    Optional<Object> defaultValue,
    boolean unique,
    Optional<Integer> slot,
    long addedIn) {

  public boolean indexed() {
    return slot.isPresent();
  }

  public Column renamed(String newName) {
    return new Column(key, newName, type, required, defaultValue, unique, slot, addedIn);
  }
}
