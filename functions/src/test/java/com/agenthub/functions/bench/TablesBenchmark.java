package com.agenthub.functions.bench;

import com.agenthub.shared.adapter.firestore.FirestoreDocumentStore;
import com.agenthub.shared.adapter.memory.InMemoryEventPublisher;
import com.agenthub.shared.changes.OutboxRelay;
import com.agenthub.shared.changes.RelayingDocumentStore;
import com.agenthub.shared.port.DocumentStore;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.local.Emulator;
import com.agenthub.shared.local.RunningEmulator;
import com.agenthub.shared.tables.ColumnType;
import com.agenthub.shared.tables.NewColumn;
import com.agenthub.shared.tables.NewTable;
import com.agenthub.shared.tables.RowFilter;
import com.agenthub.shared.tables.RowOrder;
import com.agenthub.shared.tables.RowQuery;
import com.agenthub.shared.tables.RowService;
import com.agenthub.shared.tables.TableSchema;
import com.agenthub.shared.tables.Tables;
import com.google.cloud.Timestamp;
import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.FieldPath;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.firestore.WriteBatch;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Tenant tables against their floors, on one Firestore emulator of its own (6 GiB heap: 100k rows
 * and their outbox records): InsertRows (the use case as production runs it: validation,
 * unique-free rows, one commit with the batch's outbox records stored together, then the relay's
 * publish — to an in-memory publisher here, this emulator has no Pub/Sub — and its delete) in
 * rows/s at batch 1, 50 and 500 next to a raw WriteBatch of the same row documents; QueryRows p50/p99 for an equality and a range query over 10k and 100k rows next
 * to the raw Firestore query doing the same. One client, sequential; nothing is asserted.
 * Run: {@code tools/bench tables}; -Dbench.tableSizes=10000,100000, -Dbench.tableQueries=300 (per query kind and
 * size), -Dbench.tableInserts=false to skip the insert part (JAVA_TOOL_OPTIONS carries them through tools/bench).
 */
public final class TablesBenchmark {

  private static final int INSERT_SLICES = 4;

  private final PrintStream report;
  private final int queries;
  private final Random random = new Random(7);

  public TablesBenchmark(PrintStream report, int queries) {
    this.report = report;
    this.queries = queries;
  }

  public static void main(String[] args) throws Exception {
    new TablesBenchmark(System.out, Integer.getInteger("bench.tableQueries", 300)).run();
  }

  public void run() throws Exception {
    try (RunningEmulator emulator = RunningEmulator.start(Emulator.FIRESTORE, System.getProperty("bench.tableHeap", "6g"))) {
      Firestore db = FirestoreOptions.newBuilder().setProjectId("agenthub-bench").setEmulatorHost(emulator.hostPort()).build()
          .getService();
      FirestoreDocumentStore firestore = new FirestoreDocumentStore(db);
      DocumentStore store = new RelayingDocumentStore(firestore,
          new OutboxRelay(firestore, new InMemoryEventPublisher(), Clock.systemUTC()));
      Tables tables = new Tables(store, Clock.systemUTC());
      RowService rows = new RowService(store, tables, Clock.systemUTC());
      String org = "bench-" + Ids.newId();
      report.printf("%nTables (load %s)%n", Benchmarks.loadAverage());
      report.println("InsertRows, one client: rows/s (use case, its outbox records and their relay included) vs raw WriteBatch "
          + "of the same row documents");
      int[][] sizes = {{1, 300}, {50, 5000}, {500, 20000}};
      for (int[] size : Boolean.parseBoolean(System.getProperty("bench.tableInserts", "true")) ? sizes : new int[0][]) {
        String name = "ins" + size[0];
        TableSchema table = tables.create(org, table(name));
        String floorRows = rawRows(org);
        String outboxRows = rawRows(org);
        // Interleaved slices, so a change in the machine's load (2 cores shared) hits all three alike.
        long oursNanos = 0;
        long floorNanos = 0;
        long outboxNanos = 0;
        for (int slice = 0; slice < INSERT_SLICES; slice++) {
          int rowsInSlice = size[1] / INSERT_SLICES;
          oursNanos += insertNanos(rows, org, name, size[0], rowsInSlice);
          floorNanos += rawInsertNanos(db, floorRows, size[0], rowsInSlice, false);
          outboxNanos += rawInsertNanos(db, outboxRows, size[0], rowsInSlice, true);
        }
        double ours = size[1] / (oursNanos / 1e9);
        double floor = size[1] / (floorNanos / 1e9);
        double withOutbox = size[1] / (outboxNanos / 1e9);
        report.printf("  batch %3d: %8.0f rows/s vs floor %8.0f rows/s (%.0f%%%s); raw rows + the batch's outbox document "
            + "(JSON text) and its delete: %8.0f rows/s (%.0f%%)%n", size[0], ours, floor, 100 * ours / floor,
            size[0] == 500 ? (ours >= 0.5 * floor ? "; goal >= 50%: MET" : "; goal >= 50%: MISSED") : "",
            withOutbox, 100 * withOutbox / floor);
      }
      report.println("QueryRows, page of 50: p50/p99 ms (use case) vs the raw Firestore query");
      for (String size : System.getProperty("bench.tableSizes", "10000,100000").split(",")) {
        if (size.isBlank()) {
          continue;
        }
        int total = Integer.parseInt(size.trim());
        String name = "q" + total;
        TableSchema table = tables.create(org, table(name));
        for (int loaded = 0; loaded < total; loaded += 500) {
          rows.insert(org, name, batch(500));
        }
        CollectionReference collection = db.collection("organizations/" + org + "/table_data/" + table.tableId() + "/table_rows");
        long[] ours = new long[queries];
        long[] floor = new long[queries];
        for (String kind : List.of("equality", "range")) {
          for (int q = 0; q < queries; q++) {
            String category = "c" + random.nextInt(100);
            long from = random.nextLong(1_000_000);
            RowQuery query = kind.equals("equality")
                ? new RowQuery(List.of(new RowFilter("cat", RowFilter.Op.EQ, new JsonPrimitive(category))), Optional.empty(),
                    List.of(), 50, Optional.empty(), false)
                : new RowQuery(List.of(new RowFilter("n", RowFilter.Op.GTE, new JsonPrimitive(from))),
                    Optional.of(new RowOrder("n", false)), List.of(), 50, Optional.empty(), false);
            long started = System.nanoTime();
            rows.query(org, name, query);
            ours[q] = System.nanoTime() - started;
            com.google.cloud.firestore.Query raw = kind.equals("equality")
                ? collection.whereEqualTo("i0", category).orderBy(FieldPath.documentId()).limit(51)
                : collection.whereGreaterThanOrEqualTo("i1", from).orderBy("i1").orderBy(FieldPath.documentId()).limit(51);
            started = System.nanoTime();
            raw.get().get();
            floor[q] = System.nanoTime() - started;
          }
          Stats o = Stats.of(ours, queries, 0, 0);
          Stats f = Stats.of(floor, queries, 0, 0);
          report.printf("  %,7d rows, %-8s: p50 %6.2f / p99 %6.2f ms vs floor p50 %6.2f / p99 %6.2f ms (goal p50 <= %.2f)%n",
              total, kind, o.p50Ms(), o.p99Ms(), f.p50Ms(), f.p99Ms(), 1.3 * f.p50Ms() + 2);
        }
      }
    }
  }

  private static NewTable table(String name) {
    return new NewTable(name, List.of(
        new NewColumn("cat", ColumnType.STRING, true, Optional.empty(), false, true),
        new NewColumn("n", ColumnType.INTEGER, true, Optional.empty(), false, true),
        new NewColumn("payload", ColumnType.STRING, false, Optional.empty(), false, false)), Optional.empty());
  }

  private List<JsonObject> batch(int size) {
    List<JsonObject> rows = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      JsonObject row = new JsonObject();
      row.addProperty("cat", "c" + random.nextInt(100));
      row.addProperty("n", random.nextLong(1_000_000));
      row.addProperty("payload", "lead from the spring campaign, follow up next week");
      rows.add(row);
    }
    return rows;
  }

  private long insertNanos(RowService rows, String org, String table, int batchSize, int total) {
    long started = System.nanoTime();
    for (int done = 0; done < total; done += batchSize) {
      rows.insert(org, table, batch(batchSize));
    }
    return System.nanoTime() - started;
  }

  /**
   * Where the floor writes its rows: a table's row collection of the same organization, so its
   * documents have the same path shape as the use case's (the emulator indexes every path segment).
   */
  private static String rawRows(String org) {
    return "organizations/" + org + "/table_data/" + Ids.newId() + "/table_rows";
  }

  /**
   * The same row documents (values, slots, timestamps) in one WriteBatch per batch; with
   * {@code outbox}, plus one outbox document carrying every row's change as JSON text, as the use case stores it,
   * deleted after the commit as the relay does.
   */
  private long rawInsertNanos(Firestore db, String collection, int batchSize, int total, boolean outbox) throws Exception {
    long started = System.nanoTime();
    for (int done = 0; done < total; done += batchSize) {
      WriteBatch batch = db.batch();
      com.google.gson.JsonArray changes = new com.google.gson.JsonArray();
      for (JsonObject row : batch(batchSize)) {
        Map<String, Object> values = new HashMap<>();
        values.put("c1", row.get("cat").getAsString());
        values.put("c2", row.get("n").getAsLong());
        values.put("c3", row.get("payload").getAsString());
        Map<String, Object> doc = new HashMap<>();
        doc.put("v", 1L);
        doc.put("values", values);
        doc.put("i0", values.get("c1"));
        doc.put("i1", values.get("c2"));
        doc.put("i2", null);
        doc.put("i3", null);
        doc.put("created_at", Timestamp.now());
        doc.put("updated_at", Timestamp.now());
        batch.create(db.collection(collection).document(Ids.newId()), doc);
        // A change as the use case records it: the row's JSON inside a table_row_changes row.
        JsonObject change = new JsonObject();
        change.addProperty("change_id", Ids.newId());
        change.addProperty("table", "table_row_changes");
        JsonObject warehouseRow = new JsonObject();
        warehouseRow.addProperty("organization_id", "bench-org-0123456789");
        warehouseRow.addProperty("table_id", collection);
        warehouseRow.addProperty("row_id", Ids.newId());
        warehouseRow.addProperty("change_type", "inserted");
        warehouseRow.addProperty("row", row.toString());
        warehouseRow.addProperty("schema_version", 1);
        warehouseRow.addProperty("changed_at", java.time.Instant.now().toString());
        change.add("row", warehouseRow);
        changes.add(change);
      }
      com.google.cloud.firestore.DocumentReference record = db.collection("outbox").document(Ids.newId());
      if (outbox) {
        batch.create(record, Map.of("change_id", Ids.newId(),
            "change_count", (long) batchSize, "changes", changes.toString(), "created_at", Timestamp.now()));
      }
      batch.commit().get();
      if (outbox) {
        record.delete().get(); // the relay's delete, once published
      }
    }
    return System.nanoTime() - started;
  }
}
