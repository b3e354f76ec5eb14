package com.agenthub.shared.adapter.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.AgentCounterChangeRow;
import com.agenthub.shared.warehouse.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many writers and readers at once against bigquery-local: inserts side by side, each query alone (the adapter's lock). */
class BigQueryConcurrencyTest {

  @Test
  void concurrentInsertsAndQueriesAllSucceed() throws Exception {
    BigQueryWarehouse warehouse = Emulators.warehouse();
    String org = "org-" + UUID.randomUUID();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int writer = 0; writer < 6; writer++) {
        done.add(pool.submit(() -> {
          for (int request = 0; request < 5; request++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
              String id = UUID.randomUUID().toString();
              rows.add(new Row(id, Rows.values(new AgentCounterChangeRow(id, "incremented", Instant.now(), org, "a1", "calls", 1))));
            }
            assertEquals(List.of(), warehouse.insert("agent_counter_changes", rows));
            warehouse.query("SELECT COUNT(*) AS n FROM {agent_counter_changes} WHERE organization_id = @org",
                Map.of("org", QueryParameter.string(org)));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    Map<String, Object> total = warehouse.query("SELECT total FROM {agent_counter_totals} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(org))).get(0);
    assertEquals(120L, total.get("total"));
  }
}
