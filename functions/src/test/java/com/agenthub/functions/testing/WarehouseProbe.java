package com.agenthub.functions.testing;

import com.agenthub.shared.adapter.bigquery.ScheduledQueryRunner;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.WarehouseException;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Reads what reached the local BigQuery, waiting for the asynchronous pipeline where needed. */
public final class WarehouseProbe {

  private WarehouseProbe() {}

  public static List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
    return Emulators.warehouse().query(sql, parameters);
  }

  /** Rows of {@code table} with {@code column = value}. */
  public static long count(String table, String column, String value) {
    return (Long) query("SELECT COUNT(*) AS n FROM {" + table + "} WHERE " + column + " = @value",
        Map.of("value", QueryParameter.string(value))).get(0).get("n");
  }

  /** Waits until {@link #count} reaches {@code expected} (or the timeout passes), and returns the last count. */
  public static long awaitCount(String table, String column, String value, long expected, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    long seen = count(table, column, value);
    while (seen < expected && Instant.now().isBefore(deadline)) {
      sleep(200);
      seen = count(table, column, value);
    }
    return seen;
  }

  /**
   * Runs the nightly refresh (the SQL file Terraform schedules) on the local stack's bigquery-local
   * now; bigquery-local refuses concurrent writers, so one that met another test's insert is run again.
   */
  public static void refreshAggregates() {
    ScheduledQueryRunner runner = new ScheduledQueryRunner(Emulators.bigQuery(), Emulators.PROJECT_ID, WarehouseDeclaration.load());
    for (int attempt = 1; ; attempt++) {
      try {
        runner.runAll();
        return;
      } catch (WarehouseException e) {
        if (attempt == 3) {
          throw e;
        }
        sleep(500);
      }
    }
  }

  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
