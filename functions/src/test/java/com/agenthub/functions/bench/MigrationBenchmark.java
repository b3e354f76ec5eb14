package com.agenthub.functions.bench;

import com.agenthub.functions.migration.LegacySnapshots;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.migrate.Migrate;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.WriteBatch;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.agenthub.shared.testing.Emulators;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code tools/migrate import} end to end (the CLI's HTTP calls through the dev server, every
 * rule and outbox record included, the change pipeline running behind it) in records/s at 10k
 * and 100k records, next to the floor: a raw Firestore WriteBatch of 500 writing the same number
 * of documents with the same content (FAQs and cached embeddings with a 384-float vector, as the
 * product stores them) to the same emulator in the same run. Then each dictionary alone at 10k,
 * to name the bottleneck. The floor is measured before and after each import and the faster one
 * counts. The floor and the import each get three warm-up runs of 10k first (the JIT of this JVM
 * and of the emulators: a 10k import's second and third runs were still 10-20% faster than the run
 * before, and the CPU of the compiler threads during each import is printed). Each measurement starts on a
 * quiet machine: the change stream of the import before it (its rows on their way to
 * bigquery-local) is waited for, and the time it took after the counted import printed.
 * Nothing is asserted.
 * Tuning: -Dbench.migrateSizes=10000,100000 -Dbench.migrateConcurrency=8 -Dbench.migrateParts=true (each dictionary alone)
 * -Dbench.migrateWarmups=3 (warm-up runs of the floor and of a 10k import; 0: none)
 * -Dbench.migrateBatchSize=N (the CLI's --batch-size; its default when not set).
 */
public final class MigrationBenchmark {

  private static final int WARM_UP_RUNS = Integer.getInteger("bench.migrateWarmups", 3);

  private final PrintStream report;

  public MigrationBenchmark(PrintStream report) {
    this.report = report;
  }

  public void run() throws Exception {
    String baseUrl = LocalStackFixture.baseUrl();
    Firestore db = Emulators.firestore();
    String concurrency = System.getProperty("bench.migrateConcurrency", "8");
    Path work = Files.createTempDirectory("migrate-bench");
    report.printf("%nMigration import (tools/migrate, --concurrency %s) vs raw WriteBatch(500) of as many documents, same emulator%n", concurrency);
    warmUp(db, baseUrl, work, concurrency);
    for (String size : System.getProperty("bench.migrateSizes", "10000,100000").split(",")) {
      int total = Integer.parseInt(size.trim());
      Path snapshot = work.resolve("s" + total);
      LegacySnapshots.Contents contents = LegacySnapshots.write(snapshot, total, 5);
      // Each of the three starts on a quiet machine: an import's change stream (outbox -> Pub/Sub ->
      // bigquery-local) goes on ingesting its rows for a while after the last call returns, on the same
      // CPUs. Measured in its own window, not charged to the next measurement (floor or import).
      awaitQuiet("before the floor");
      double floorBefore = floorRate(db, snapshot, "bench-floor-before-" + total);
      awaitQuiet("before the import");
      double ours = importRate(baseUrl, snapshot, concurrency, "bench " + total);
      double caughtUp = awaitQuiet(null);
      report.printf("    the change stream caught up %.0f s after the import's last call (its rows in bigquery-local)%n", caughtUp);
      double floorAfter = floorRate(db, snapshot, "bench-floor-after-" + total);
      double floor = Math.max(floorBefore, floorAfter);
      report.printf("  %,7d records: %8.0f records/s vs floor %8.0f docs/s (%.1f%%; floor before %.0f, after %.0f)   [load %s]%n",
          contents.total(), ours, floor, 100 * ours / floor, floorBefore, floorAfter, Benchmarks.loadAverage());
    }
    if (!Boolean.parseBoolean(System.getProperty("bench.migrateParts", "true"))) {
      return;
    }
    report.println("  each dictionary alone (10k snapshot):");
    Path full = work.resolve("s10000");
    if (!Files.exists(full.resolve("manifest.json"))) {
      LegacySnapshots.write(full, 10_000, 5); // the parts come from the 10k snapshot, even when only 100k was measured
    }
    for (List<String> files : List.of(List.of("tables", "database"), List.of("agents", "counters"), List.of("faqs_store"),
        List.of("embeddings_cache"), List.of("analytics_data"), List.of("knowledge_base", "documents_store"),
        List.of("payment_intents", "transactions"))) {
      Path part = work.resolve("part-" + files.get(0));
      Files.createDirectories(part);
      Files.copy(full.resolve("manifest.json"), part.resolve("manifest.json"));
      for (String f : files) {
        Files.copy(full.resolve(f + ".ndjson"), part.resolve(f + ".ndjson"));
      }
      long records = files.stream().mapToLong(f -> lines(full.resolve(f + ".ndjson")).size()).sum();
      awaitQuiet(null);
      report.printf("    %-28s %,7d records:%n", String.join("+", files), records);
      double rate = importRate(baseUrl, part, concurrency, "bench part " + files.get(0));
      report.printf("      %8.0f records/s   [load %s]%n", rate, Benchmarks.loadAverage());
    }
  }

  /**
   * The JIT of this JVM and of the emulators, on a 10k snapshot whatever the sizes measured (the
   * emulator keeps every document: warm-ups of 100k would fill its heap). Printed, not counted: in a
   * fresh JVM the dev server, the CLI and the clients are compiled while the first imports run
   * (~half the JVM's CPU during a cold 10k import), and the first floor runs at half speed.
   */
  private void warmUp(Firestore db, String baseUrl, Path work, String concurrency) throws Exception {
    Path warmup = work.resolve("warmup");
    LegacySnapshots.write(warmup, 10_000, 5);
    for (int run = 1; run <= WARM_UP_RUNS; run++) {
      floorRate(db, warmup, "bench-floor-warmup-" + run);
      awaitQuiet(null);
      double rate = importRate(baseUrl, warmup, concurrency, "bench warm-up " + run);
      report.printf("  warm-up %d: floor and import of 10k records (not counted): import %.0f records/s   [load %s]%n", run, rate,
          Benchmarks.loadAverage());
    }
  }

  private double importRate(String baseUrl, Path snapshot, String concurrency, String orgName) throws Exception {
    var tenant = LocalStackFixture.newTenant(orgName);
    LocalStackFixture.admin().patch("UpdateOrganization?organization_id=" + tenant.organizationId(),
        "{\"subscription_plan\": \"enterprise\"}", Map.of());
    Map<String, Long> cpuBefore = CpuMeter.byProcess();
    Map<String, Long> jitBefore = CpuMeter.compilerThreads();
    long started = System.nanoTime();
    // Its own work directory: a second import of the same snapshot (the warm-ups) must not resume the first.
    Path workDir = snapshot.resolveSibling(snapshot.getFileName() + "-" + orgName.replace(' ', '-'));
    List<String> args = new ArrayList<>(List.of("import", snapshot.toString(), "--base-url", baseUrl, "--key", tenant.client().bearer(),
        "--no-progress", "--concurrency", concurrency, "--work-dir", workDir.toString()));
    Optional.ofNullable(System.getProperty("bench.migrateBatchSize")).ifPresent(size -> args.addAll(List.of("--batch-size", size)));
    int code = Migrate.run(args.toArray(String[]::new));
    double seconds = (System.nanoTime() - started) / 1e9;
    JsonObject summary = JsonParser.parseString(Files.readString(workDir.resolve("summary.json"))).getAsJsonObject();
    if (code != 0) {
      report.println("    (import exit code " + code + ": " + summary.get("failures") + ")");
    }
    Map<String, Long> cpuAfter = CpuMeter.byProcess();
    Map<String, Long> jit = CpuMeter.compilerCpuBetween(jitBefore, CpuMeter.compilerThreads());
    if (!orgName.startsWith("bench part") && !orgName.startsWith("bench warm-up")) {
      printTimeline(summary.getAsJsonObject("timeline"), seconds);
    }
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpuAfter.forEach((process, nanos) -> cpu.put(process, nanos - cpuBefore.getOrDefault(process, 0L)));
    report.printf("      CPU during the import (of %.1f s x %d CPUs): %s%n", seconds, Runtime.getRuntime().availableProcessors(), seconds(cpu));
    if (!jit.isEmpty()) {
      report.printf("      of which JIT compiler threads (at least): %s%n", seconds(jit));
    }
    return summary.get("records_this_run").getAsLong() / seconds;
  }

  /**
   * Waits until this JVM and the processes it started use less than a quarter of one CPU over a
   * second (the idle local stack: ~0.12), at most ten minutes; returns the seconds waited. Prints
   * the wait when {@code before} names what comes next.
   */
  private double awaitQuiet(String before) throws InterruptedException {
    long started = System.nanoTime();
    long deadline = started + java.time.Duration.ofMinutes(10).toNanos();
    long last = totalCpu();
    boolean quiet = false;
    while (!quiet && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      long now = totalCpu();
      quiet = now - last < 250_000_000L;
      last = now;
    }
    double waited = (System.nanoTime() - started) / 1e9;
    if (!quiet) {
      report.printf("    (the machine was still busy after %.0f s; measuring anyway: expect lower figures)%n", waited);
    } else if (before != null && waited > 1.5) {
      report.printf("    (waited %.0f s for a quiet machine %s)%n", waited, before);
    }
    return waited;
  }

  /** "bench JVM 6.1 s, Firestore emulator 2.8 s, ...": nanoseconds by process, in seconds. */
  private static String seconds(Map<String, Long> nanosByProcess) {
    return nanosByProcess.entrySet().stream().map(e -> String.format("%s %.1f s", e.getKey(), e.getValue() / 1e9))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static long totalCpu() {
    return CpuMeter.byProcess().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Where the import's time went: set-up before the first call, then each dictionary's lane (seconds since the command started). */
  private void printTimeline(JsonObject timeline, double seconds) {
    report.printf("    timeline (s since start, of %.1f): set-up %s%n", seconds, timeline.get("set_up_done_at"));
    timeline.getAsJsonObject("dictionaries").entrySet().forEach(e -> {
      JsonObject lane = e.getValue().getAsJsonObject();
      report.printf("      %-18s %6.1f .. %6.1f  (%d batches, %.1f batch-seconds)%n", e.getKey(), lane.get("first_batch_started").getAsDouble(),
          lane.get("last_batch_ended").getAsDouble(), lane.get("batches").getAsInt(), lane.get("batch_seconds").getAsDouble());
    });
    report.println("      ends last: " + timeline.get("ends_last"));
  }

  /** The same records as plain documents, 500 per WriteBatch, one client. */
  private static double floorRate(Firestore db, Path snapshot, String org) throws Exception {
    List<Map<String, Object>> docs = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    try (Stream<Path> files = Files.list(snapshot)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).sorted().toList()) {
        String kind = file.getFileName().toString().replace(".ndjson", "");
        int n = 0;
        for (String line : lines(file)) {
          Map<String, Object> doc = plain(JsonParser.parseString(line).getAsJsonObject());
          if (kind.equals("faqs_store") || kind.equals("embeddings_cache")) {
            List<Double> vector = new ArrayList<>();
            for (int d = 0; d < 384; d++) {
              vector.add(d / 384.0);
            }
            doc.put("vector", vector);
          }
          docs.add(doc);
          paths.add("organizations/" + org + "/" + kind + "/d" + n++);
        }
      }
    }
    long started = System.nanoTime();
    for (int from = 0; from < docs.size(); from += 500) {
      WriteBatch batch = db.batch();
      for (int i = from; i < Math.min(docs.size(), from + 500); i++) {
        batch.set(db.document(paths.get(i)), docs.get(i));
      }
      batch.commit().get();
    }
    return docs.size() / ((System.nanoTime() - started) / 1e9);
  }

  private static Map<String, Object> plain(JsonObject object) {
    Map<String, Object> map = new LinkedHashMap<>();
    object.entrySet().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
    return map;
  }

  private static Object plain(JsonElement value) {
    if (value.isJsonNull()) {
      return null;
    }
    if (value.isJsonObject()) {
      return plain(value.getAsJsonObject());
    }
    if (value.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      value.getAsJsonArray().forEach(v -> list.add(plain(v)));
      return list;
    }
    var p = value.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      var n = p.getAsBigDecimal();
      return n.stripTrailingZeros().scale() <= 0 ? (Object) n.longValue() : (Object) n.doubleValue();
    }
    return p.getAsString();
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
