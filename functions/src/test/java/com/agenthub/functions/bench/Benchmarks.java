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
 * Prints the figures of the benchmarks (nothing is asserted): {@code cold}, {@code warm},
 * {@code connections}, {@code pipeline}, or {@code all} (the default). Run by {@code tools/bench}.
 * {@code pipeline} needs the whole local stack and the functions' per-JVM {@code Services}: next to
 * the others it runs in a JVM of its own, after they finished.
 *
 * <p>Tuning, by system property: bench.dir (logs; default target/bench), bench.coldReps (5),
 * bench.warmRequests (2000), bench.warmSeconds (10), bench.connections (1000), bench.rounds (10), bench.warmupRounds (2),
 * bench.pipelineEvents (events per batch size 1,50,500: 200,2000,5000), bench.pipelineClients (8,4,2),
 * bench.pipelineRounds (1; each round ~75 s here, alternating e2e/floor order), bench.pipelineProxy (true: count the pipeline's insertAll requests through a proxy).
 */
public final class Benchmarks {

  private static final Set<String> NAMES = Set.of("all", "cold", "warm", "connections", "pipeline");

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
      System.err.println("usage: Benchmarks [all|cold|warm|connections|pipeline]...");
      System.exit(2);
    }
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
    Files.createDirectories(dir);
    // The figures go to the real stdout; the functions' one-JSON-line-per-request log (stdout, as in
    // Cloud Functions) goes to a file, still paying for its formatting and writing.
    PrintStream report = System.out;
    String log = chosen.equals(List.of("pipeline")) ? "bench-pipeline-jvm-stdout.log" : "bench-jvm-stdout.log";
    System.setOut(new PrintStream(new FileOutputStream(dir.resolve(log).toFile()), false));

    boolean all = chosen.contains("all");
    boolean pipeline = all || chosen.contains("pipeline");
    boolean others = all || chosen.contains("cold") || chosen.contains("warm") || chosen.contains("connections");
    Runtime rt = Runtime.getRuntime();
    report.printf("AgentHub benchmarks %s: java %s, %d CPUs, max heap %d MiB; logs in %s%n", Instant.now(),
        System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20, dir);
    long started = System.nanoTime();
    int status = 0;
    try {
      if (others) {
        runOthers(chosen, all, dir, report);
      }
      if (pipeline && others) {
        report.flush();
        status = pipelineInOwnJvm(dir);
      } else if (pipeline) {
        new PipelineBenchmark(report, pipelineSizes(), Integer.getInteger("bench.pipelineRounds", 1),
            Boolean.parseBoolean(System.getProperty("bench.pipelineProxy", "true"))).run();
      }
    } catch (Exception | Error e) {
      report.flush();
      e.printStackTrace();
      status = 1;
    } finally {
      report.printf("%ntotal %.0f s%n", (System.nanoTime() - started) / 1e9);
      report.flush();
    }
    System.exit(status); // client libraries may leave non-daemon threads behind
  }

  private static void runOthers(List<String> chosen, boolean all, Path dir, PrintStream report) throws Exception {
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
    }
  }

  /** The batch sizes 1, 50 and 500 with their event counts and concurrent clients. */
  static List<PipelineBenchmark.Size> pipelineSizes() {
    int[] batches = {1, 50, 500};
    int[] events = ints(System.getProperty("bench.pipelineEvents", "200,2000,5000"));
    int[] clients = ints(System.getProperty("bench.pipelineClients", "8,4,2"));
    List<PipelineBenchmark.Size> sizes = new java.util.ArrayList<>();
    for (int i = 0; i < batches.length; i++) {
      sizes.add(new PipelineBenchmark.Size(batches[i], events[i], clients[i]));
    }
    return sizes;
  }

  private static int[] ints(String commaSeparated) {
    return java.util.Arrays.stream(commaSeparated.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }

  /**
   * The pipeline in a child JVM (same classpath, same bench.* properties), its output on our real
   * stdout: the other benchmarks' dev server has already fixed this JVM's Services to their emulator.
   */
  private static int pipelineInOwnJvm(Path dir) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path")));
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench."))
        .filter(name -> !name.equals("bench.dir"))
        .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
    command.add("-Dbench.dir=" + dir);
    command.add(Benchmarks.class.getName());
    command.add("pipeline");
    Process child = new ProcessBuilder(command).inheritIO().start();
    try {
      return child.waitFor();
    } finally {
      child.destroy();
    }
  }
}
