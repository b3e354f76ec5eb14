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
 * {@code connections}, {@code pipeline}, {@code conversations}, or {@code all} (the default). Run by
 * {@code tools/bench}. {@code pipeline} and {@code conversations} need the emulators and the
 * functions' per-JVM {@code Services} to themselves: next to others each runs in a JVM of its own.
 *
 * <p>Tuning, by system property: bench.dir (logs; default target/bench), bench.coldReps (5),
 * bench.warmRequests (2000), bench.warmSeconds (10), bench.connections (1000), bench.rounds (10), bench.warmupRounds (2),
 * bench.pipelineEvents (events per batch size 1,50,500: 200,2000,5000), bench.pipelineClients (8,4,2),
 * bench.pipelineRounds (1; each round ~75 s here, alternating e2e/floor order), bench.pipelineProxy (true: count the pipeline's insertAll requests through a proxy),
 * bench.conversationRequests (3000 per row), bench.conversationSeconds (15 per row).
 */
public final class Benchmarks {

  private static final Set<String> NAMES = Set.of("all", "cold", "warm", "connections", "pipeline", "conversations",
      "payments", "tables", "migrate", "knowledge", "embeddings");

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
      System.err.println("usage: Benchmarks [all|cold|warm|connections|pipeline|conversations|payments|tables|migrate|knowledge|embeddings]...");
      System.exit(2);
    }
    Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
    Files.createDirectories(dir);
    // The figures go to the real stdout; the functions' one-JSON-line-per-request log (stdout, as in
    // Cloud Functions) goes to a file, still paying for its formatting and writing.
    PrintStream report = System.out;
    String log = chosen.size() == 1 && OWN_JVM.contains(chosen.get(0))
        ? "bench-" + chosen.get(0) + "-jvm-stdout.log" : "bench-jvm-stdout.log";
    System.setOut(new PrintStream(new FileOutputStream(dir.resolve(log).toFile()), false));

    boolean all = chosen.contains("all");
    // migrate (~10 min) and knowledge (~15 min: it indexes SciFact) run only when named.
    List<String> ownJvm = OWN_JVM.stream()
        .filter(name -> (all && !name.equals("migrate") && !name.equals("knowledge")) || chosen.contains(name)).toList();
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
      if (!others && ownJvm.size() == 1) {
        runInThisJvm(ownJvm.get(0), report);
      } else {
        for (String name : ownJvm) {
          report.flush();
          status = Math.max(status, inOwnJvm(name, dir));
        }
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

  /** Benchmarks that need the whole local stack and this JVM's Services to themselves: each runs in a JVM of its own. */
  private static final List<String> OWN_JVM = List.of("pipeline", "conversations", "payments", "tables", "migrate", "knowledge",
      "embeddings");

  private static void runInThisJvm(String name, PrintStream report) throws Exception {
    if (name.equals("pipeline")) {
      new PipelineBenchmark(report, pipelineSizes(), Integer.getInteger("bench.pipelineRounds", 1),
          Boolean.parseBoolean(System.getProperty("bench.pipelineProxy", "true"))).run();
    } else if (name.equals("payments")) {
      new PaymentBenchmark(report, Integer.getInteger("bench.paymentRequests", 1500),
          Duration.ofSeconds(Integer.getInteger("bench.paymentSeconds", 12))).run();
    } else if (name.equals("migrate")) {
      com.agenthub.functions.testing.LocalStackFixture.configure();
      new MigrationBenchmark(report).run();
    } else if (name.equals("knowledge")) {
      new KnowledgeBenchmark(report, Integer.getInteger("bench.knowledgeLatencyQueries", 100)).run();
    } else if (name.equals("embeddings")) {
      new EmbedderBenchmark(report).run();
    } else if (name.equals("tables")) {
      new TablesBenchmark(report, Integer.getInteger("bench.tableQueries", 300)).run();
    } else {
      new ConversationBenchmark(report, Integer.getInteger("bench.conversationRequests", 3000),
          Duration.ofSeconds(Integer.getInteger("bench.conversationSeconds", 15))).run();
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
   * One benchmark in a child JVM (same classpath, same bench.* properties), its output on our real
   * stdout: another benchmark's dev server may already have fixed this JVM's Services to its emulator.
   */
  private static int inOwnJvm(String name, Path dir) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path")));
    System.getProperties().stringPropertyNames().stream().filter(property -> property.startsWith("bench."))
        .filter(property -> !property.equals("bench.dir"))
        .forEach(property -> command.add("-D" + property + "=" + System.getProperty(property)));
    command.add("-Dbench.dir=" + dir);
    command.add(Benchmarks.class.getName());
    command.add(name);
    Process child = new ProcessBuilder(command).inheritIO().start();
    try {
      return child.waitFor();
    } finally {
      child.destroy();
    }
  }
}
