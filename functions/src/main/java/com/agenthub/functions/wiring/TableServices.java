package com.agenthub.functions.wiring;

import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.port.Version;
import com.agenthub.shared.tables.RowService;
import com.agenthub.shared.tables.TableSchema;
import com.agenthub.shared.tables.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The Database Operations service's use cases (tenant tables and their rows): its own wiring, composed into {@link Services}. */
public record TableServices(Tables tables, RowService rows) {

  /** How long one DeleteTable request deletes rows before it answers 202 and leaves the rest to later calls. */
  static final Duration DELETE_BUDGET = Duration.ofSeconds(20);

  /** Over the relaying store, so every table and row change reaches the warehouse. */
  static TableServices over(DocumentStore store, Clock clock) {
    Tables tables = new Tables(store, clock);
    return new TableServices(tables, new RowService(store, tables, clock));
  }

  /** Deletes the table, spending up to {@link #DELETE_BUDGET} on its rows; the table with its progress if rows remain. */
  public Optional<TableSchema> deleteTable(String organizationId, String name, Optional<Version> ifMatch) {
    return tables.delete(organizationId, name, ifMatch, DELETE_BUDGET);
  }
}
