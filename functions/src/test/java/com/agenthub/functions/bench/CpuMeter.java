package com.agenthub.functions.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

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
    long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    long children = ProcessHandle.current().descendants()
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
    return new Reading(jvm, children);
  }
}
