package com.agenthub.functions.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An operation next to its floors, measured in the same run: groups of rows (the operation first,
 * then the raw-client floor, optionally the same RPCs the function makes), each run in a closed
 * loop and printed with the first row's p50 as a ratio of the others' and the platform's goal
 * (p50 ≤ 1.3 × floor + 2 ms). The rows of a group run in interleaved slices (operation, floor,
 * operation, floor, …), so the JIT still compiling the shared client code and a change in the
 * machine's load (2 cores shared with the emulators) hit every row alike, not the row that runs first.
 */
final class FloorTable {

  /** Slices per row: each runs a quarter of the requests and of the time. */
  static final int SLICES = 4;

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
    out.printf("%-" + labelWidth + "s %5s %6s %5s %8s %8s %8s %8s %17s%n", "operation", "conc", "n", "err", "p50 ms", "p99 ms", "max ms",
        rateUnit, "cpu ms/req jvm+emu");
    for (List<Row> group : groups) {
      List<List<LoadRunner.Sample>> samples = new ArrayList<>();
      CpuMeter.Reading[] cpu = new CpuMeter.Reading[group.size()];
      java.util.Arrays.fill(cpu, CpuMeter.ZERO);
      group.forEach(row -> samples.add(new ArrayList<>()));
      for (int slice = 0; slice < SLICES; slice++) {
        for (int r = 0; r < group.size(); r++) {
          Row row = group.get(r);
          CpuMeter.Reading before = CpuMeter.now();
          samples.get(r).add(LoadRunner.run(row.concurrency(), maxRequests / SLICES, maxTime.dividedBy(SLICES), row.factory()));
          cpu[r] = cpu[r].plus(CpuMeter.now().minus(before));
        }
      }
      List<Stats> stats = new ArrayList<>();
      for (int r = 0; r < group.size(); r++) {
        Row row = group.get(r);
        Stats s = LoadRunner.Sample.merge(samples.get(r));
        stats.add(s);
        out.printf("%-" + labelWidth + "s %5d %6d %5d %8.2f %8.2f %8.1f %8.0f %8.2f+%-8.2f%n", row.label(), row.concurrency(), s.count(),
            s.errors(), s.p50Ms(), s.p99Ms(), s.maxMs(), s.perSecond(), cpu[r].jvmNanos() / 1e6 / s.count(),
            cpu[r].childrenNanos() / 1e6 / s.count());
      }
      double budget = 1.3 * stats.get(1).p50Ms() + 2.0;
      out.printf("  -> p50 %.2fx floor%s; goal p50 <= 1.3 x floor + 2 ms = %.2f ms: %s%n",
          stats.get(0).p50Ms() / stats.get(1).p50Ms(),
          stats.size() > 2 ? String.format(" (%.2fx same-RPCs floor)", stats.get(0).p50Ms() / stats.get(2).p50Ms()) : "",
          budget, stats.get(0).p50Ms() <= budget ? "MET" : "MISSED");
    }
  }
}
