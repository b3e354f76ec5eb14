package com.agenthub.functions.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation next to its floors, measured in the same run: groups of rows (the operation first,
 * then the raw-client floor, optionally the same RPCs the function makes), each run in a closed
 * loop and printed with the first row's p50 as a ratio of the others' and the platform's goal
 * (p50 ≤ 1.3 × floor + 2 ms).
 */
final class FloorTable {

  record Row(String label, int concurrency, LoadRunner.ClientFactory factory) {}

  private FloorTable() {}

  static void run(PrintStream out, List<List<Row>> groups, int labelWidth, String rateUnit, int warmupRequests, int maxRequests,
      Duration maxTime) throws Exception {
    for (List<Row> group : groups) {
      for (Row row : group) {
        LoadRunner.run(row.concurrency(), warmupRequests, Duration.ofSeconds(3), row.factory()); // JIT warm-up
      }
    }
    out.printf("load average before: %s%n", Benchmarks.loadAverage());
    out.printf("%-" + labelWidth + "s %5s %6s %5s %8s %8s %8s %8s%n", "operation", "conc", "n", "err", "p50 ms", "p99 ms", "max ms",
        rateUnit);
    for (List<Row> group : groups) {
      List<Stats> stats = new ArrayList<>();
      for (Row row : group) {
        Stats s = LoadRunner.Sample.merge(List.of(LoadRunner.run(row.concurrency(), maxRequests, maxTime, row.factory())));
        stats.add(s);
        out.printf("%-" + labelWidth + "s %5d %6d %5d %8.2f %8.2f %8.1f %8.0f%n", row.label(), row.concurrency(), s.count(),
            s.errors(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.perSecond());
      }
      double budget = 1.3 * stats.get(1).p50Ms() + 2.0;
      out.printf("  -> p50 %.2fx floor%s; goal p50 <= 1.3 x floor + 2 ms = %.2f ms: %s%n",
          stats.get(0).p50Ms() / stats.get(1).p50Ms(),
          stats.size() > 2 ? String.format(" (%.2fx same-RPCs floor)", stats.get(0).p50Ms() / stats.get(2).p50Ms()) : "",
          budget, stats.get(0).p50Ms() <= budget ? "MET" : "MISSED");
    }
  }
}
