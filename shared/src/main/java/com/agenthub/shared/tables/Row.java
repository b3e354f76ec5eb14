package com.agenthub.shared.tables;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A row as clients see it: its table, its id, its values by column name (in the table's column order), its version. */
public record Row(TableSchema table, String id, Map<String, Object> values, long schemaVersion, Instant createdAt, Instant updatedAt,
    Version version) {

  public Row {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
