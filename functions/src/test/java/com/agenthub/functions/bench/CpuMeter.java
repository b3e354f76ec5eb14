package com.agenthub.functions.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time spent by this JVM (the functions under test, their clients and the load generator) and
 * by the processes it started (the emulators), so a row can say what one request costs in CPU —
 * a figure the machine's load does not move the way it moves latency.
 */
final class CpuMeter {

  /** CPU nanoseconds so far: this JVM's, and its descendants' together. */
  record Reading(long jvmNanos, long childrenNanos) {

    Reading minus(Reading earlier) {
      return new Reading(jvmNanos - earlier.jvmNanos, childrenNanos - earlier.childrenNanos);
    }

    Reading plus(Reading other) {
      return new Reading(jvmNanos + other.jvmNanos, childrenNanos + other.childrenNanos);
    }
  }

  static final Reading ZERO = new Reading(0, 0);

  private CpuMeter() {}

  static Reading now() {
    return new Reading(jvmNanos(), ProcessHandle.current().descendants().mapToLong(CpuMeter::nanos).sum());
  }

  /** CPU time so far of this JVM and of each process it started (emulators, bigquery-local). */
  static Map<String, Long> byProcess() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    cpu.put("bench JVM", jvmNanos());
    ProcessHandle.current().descendants().forEach(p -> cpu.merge(processName(p), nanos(p), Long::sum));
    return cpu;
  }

  private static long jvmNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long nanos(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  static String processName(ProcessHandle process) {
    String line = process.info().commandLine().orElse("?");
    return line.contains("firestore") ? "Firestore emulator" : line.contains("pubsub") ? "Pub/Sub emulator"
        : line.contains("bigquery-local") ? "bigquery-local" : "other";
  }

  /**
   * CPU time so far of each JIT compiler thread ("C1/C2 CompilerThread") of this JVM and of the JVMs
   * it started, by process name and thread id, from /proc (Linux; empty elsewhere).
   */
  static Map<String, Long> compilerThreads() {
    Map<String, Long> jit = new LinkedHashMap<>();
    Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).forEach(p -> {
      String name = p.pid() == ProcessHandle.current().pid() ? "bench JVM" : processName(p);
      try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(p.pid()), "task"))) {
        tasks.forEach(task -> {
          try {
            if (Files.readString(task.resolve("comm")).matches("C\\d CompilerThre.*\\s*")) {
              String stat = Files.readString(task.resolve("stat"));
              String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (1/100 s)
              jit.put(name + "/" + task.getFileName(), ticks * 10_000_000L);
            }
          } catch (IOException | RuntimeException e) {
            // the thread ended while being read
          }
        });
      } catch (IOException | RuntimeException e) {
        // no /proc here, or the process ended
      }
    });
    return jit;
  }

  /**
   * The JIT compiler threads' CPU between two readings, by process. The JVM stops idle compiler
   * threads and starts new ones: one that ended in between is not counted (so it is a lower bound).
   */
  static Map<String, Long> compilerCpuBetween(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> byProcess = new LinkedHashMap<>();
    after.forEach((thread, nanos) -> byProcess.merge(thread.substring(0, thread.lastIndexOf('/')),
        nanos - before.getOrDefault(thread, 0L), Long::sum));
    return byProcess;
  }
}
