package com.agenthub.functions.bench;

import java.util.Arrays;

/** Latency figures from raw samples in nanoseconds: nearest-rank percentiles, printed in ms. */
public record Stats(int count, int errors, double p50Ms, double p99Ms, double maxMs, double perSecond) {

  public static Stats of(long[] nanos, int count, int errors, long wallNanos) {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    return new Stats(count, errors, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)),
        count == 0 ? Double.NaN : ms(sorted[count - 1]),
        wallNanos <= 0 ? Double.NaN : (count - errors) / (wallNanos / 1e9));
  }

  /** Nearest rank: the smallest sample with at least {@code p} of all samples at or below it. */
  public static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return percentile(sorted, 0.5);
  }

  public static double ms(long nanos) {
    return nanos < 0 ? Double.NaN : nanos / 1e6;
  }
}
