package com.agenthub.functions.wiring;

import com.agenthub.shared.port.Warehouse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Connects to the warehouse on first use: most functions never touch BigQuery, and their cold
 * start should not pay for its client.
 */
final class LazyWarehouse implements Warehouse {

  private final Lazy<Warehouse> warehouse;

  LazyWarehouse(Supplier<Warehouse> connect) {
    this.warehouse = new Lazy<>(connect);
  }

  @Override
  public List<RowError> insert(String table, List<Row> rows) {
    return warehouse.get().insert(table, rows);
  }

  @Override
  public List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
    return warehouse.get().query(sql, parameters);
  }

  @Override
  public long execute(String sql, Map<String, QueryParameter> parameters) {
    return warehouse.get().execute(sql, parameters);
  }
}
