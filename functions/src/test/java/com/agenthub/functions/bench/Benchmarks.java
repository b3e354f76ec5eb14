package com.agenthub.functions.bench;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Prints the figures of the three benchmarks (nothing is asserted): {@code cold}, {@code warm},
 * {@code connections}, or {@code all} (the default). Run by {@code tools/bench}.
 *
 * <p>Tuning, by system property: bench.dir (logs; default target/bench), bench.coldReps (5),
 * bench.warmRequests (2000), bench.warmSeconds (10), bench.connections (1000), bench.rounds (10), bench.warmupRounds (2).
 */
public final class Benchmarks {

  private static final Set<String> NAMES = Set.of("all", "cold", "warm", "connections");

  private Benchmarks() {}

  /** The machine's 1/5/15-minute load: other work on these cores moves every figure. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2] + " (" + Runtime.getRuntime().availableProcessors() + " CPUs)";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  public static void main(String[] args) throws Exception {
    List<String> chosen = args.length == 0 ? List.of("all") : List.of(args);
    if (!NAMES.containsAll(chosen)) {
      System.err.println("usage: Benchmarks [all|cold|warm|connections]...");
      System.exit(2);
    }
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
    Files.createDirectories(dir);
    // The figures go to the real stdout; the functions' one-JSON-line-per-request log (stdout, as in
    // Cloud Functions) goes to a file, still paying for its formatting and writing.
    PrintStream report = System.out;
    System.setOut(new PrintStream(new FileOutputStream(dir.resolve("bench-jvm-stdout.log").toFile()), false));

    boolean all = chosen.contains("all");
    Runtime rt = Runtime.getRuntime();
    report.printf("AgentHub benchmarks %s: java %s, %d CPUs, max heap %d MiB; logs in %s%n", Instant.now(),
        System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, dir);
    long started = System.nanoTime();
    try (BenchEnvironment env = BenchEnvironment.start(dir)) {
      report.printf("Firestore emulator %s; org %s, agent %s; load average %s%n", env.emulatorHostPort(),
          env.organizationId(), env.agentId(), loadAverage());
      if (all || chosen.contains("cold")) {
        new ColdStartBenchmark(env, report, Integer.getInteger("bench.coldReps", 5)).run();
      }
      if (all || chosen.contains("warm")) {
        new WarmPathBenchmark(env, report, new int[] {1, 16, 256}, Integer.getInteger("bench.warmRequests", 2000),
            Duration.ofSeconds(Integer.getInteger("bench.warmSeconds", 10))).run();
      }
      if (all || chosen.contains("connections")) {
        new ConnectionsBenchmark(env, report, Integer.getInteger("bench.connections", 1000),
            Integer.getInteger("bench.rounds", 10), Integer.getInteger("bench.warmupRounds", 2)).run();
      }
    } catch (Exception | Error e) {
      report.flush();
      e.printStackTrace();
      System.exit(1); // client libraries may leave non-daemon threads behind
    } finally {
      report.printf("%ntotal %.0f s%n", (System.nanoTime() - started) / 1e9);
      report.flush();
    }
    System.exit(0);
  }
}
