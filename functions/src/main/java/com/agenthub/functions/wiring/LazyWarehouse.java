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

  private final Supplier<Warehouse> connect;
  private volatile Warehouse warehouse;

  LazyWarehouse(Supplier<Warehouse> connect) {
    this.connect = connect;
  }

  @Override
  public List<RowError> insert(String table, List<Row> rows) {
    return warehouse().insert(table, rows);
  }

  @Override
  public List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
    return warehouse().query(sql, parameters);
  }

  private Warehouse warehouse() {
    Warehouse connected = warehouse;
    if (connected == null) {
      synchronized (this) {
        if (warehouse == null) {
          warehouse = connect.get();
        }
        connected = warehouse;
      }
    }
    return connected;
  }
}
