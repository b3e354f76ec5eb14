package com.agenthub.shared.adapter.bigquery;

import com.agenthub.shared.local.BigQueryLocal;
import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.InsertAllRequest;
import com.google.cloud.bigquery.TableId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Measures insertAll against a fresh bigquery-local with the Java client, at 1, 50 and 500 rows a
 * request: through the adapter (skipInvalidRows=true, which bigquery-local runs row by row) and
 * through the bare client with skipInvalidRows=false (one transaction a request).
 * Arguments: the batch sizes (default 1 50 500); -Drows=N rows per size (default 5,000).
 * Run (the exec plugin is not in the offline repository):
 *   mvn -o -B -q -pl shared test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 *   cd shared && java -cp target/test-classes:target/classes:$(cat target/test.classpath) \
 *     com.agenthub.shared.adapter.bigquery.InsertThroughput
 */
public final class InsertThroughput {

  private static final String PROJECT = "agenthub-bench";
  private static final int ROWS_PER_SIZE = Integer.getInteger("rows", 5_000);

  public static void main(String[] args) {
    try (BigQueryLocal local = BigQueryLocal.start()) {
      BigQuery client = BigQueryClients.create(PROJECT, Optional.of(local.hostUrl()));
      WarehouseDeclaration declaration = WarehouseDeclaration.load();
      new WarehouseSetup(client, PROJECT, declaration).run();
      BigQueryWarehouse warehouse = new BigQueryWarehouse(client, PROJECT, declaration, true, BigQueryWarehouse.QUERY_TIMEOUT);
      System.out.printf("bigquery-local pid %d, %s; %d rows per size, one writer%n", local.pid(), local.hostUrl(), ROWS_PER_SIZE);
      int[] sizes = args.length == 0 ? new int[] {1, 50, 500} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
      for (int size : sizes) {
        measure("adapter (skipInvalidRows=true) ", size, batch -> {
          if (!warehouse.insert("analytics_events", batch).isEmpty()) {
            throw new IllegalStateException("rows refused");
          }
        });
        measure("client  (skipInvalidRows=false)", size, batch -> {
          InsertAllRequest.Builder request = InsertAllRequest.newBuilder(TableId.of(PROJECT, declaration.dataset(), "analytics_events"));
          batch.forEach(row -> request.addRow(row.insertId(), BigQueryValues.content(row.values())));
          if (client.insertAll(request.build()).hasErrors()) {
            throw new IllegalStateException("rows refused");
          }
        });
      }
    }
  }

  private interface Inserter {
    void insert(List<Row> batch);
  }

  private static void measure(String label, int size, Inserter inserter) {
    inserter.insert(batch(size)); // warm-up: connection, JIT, prepared statement
    int requests = Math.max(1, Math.min(ROWS_PER_SIZE / size, 1_000));
    List<List<Row>> batches = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      batches.add(batch(size));
    }
    long cpuBefore = jvmCpuNanos();
    long start = System.nanoTime();
    for (List<Row> batch : batches) {
      inserter.insert(batch);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    double seconds = took.toNanos() / 1e9;
    double jvmCpuPerRow = (jvmCpuNanos() - cpuBefore) / 1e3 / (requests * size);
    System.out.printf("%s %4d rows/request: %6d requests, %8.0f rows/s, %8.1f ms/request, %6.1f µs of this JVM's CPU per row%n",
        label, size, requests, requests * size / seconds, took.toNanos() / 1e6 / requests, jvmCpuPerRow);
  }

  /** The client's own cost (JSON, HTTP, the request body's encoding), bigquery-local's apart. */
  private static long jvmCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static List<Row> batch(int size) {
    Instant now = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = UUID.randomUUID().toString();
      AnalyticsEventRow event = new AnalyticsEventRow(id, "org-bench", "conversation.started",
          new JsonText("{\"turns\":3,\"channel\":\"web\"}"), Optional.of("user-" + (i % 100)), Optional.empty(), now, now);
      rows.add(new Row(id, Rows.values(event)));
    }
    return rows;
  }
}
