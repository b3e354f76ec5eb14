package com.agenthub.functions.local;

import com.agenthub.shared.adapter.bigquery.ScheduledQueryRunner;
import com.agenthub.shared.port.WarehouseException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The local stand-in for BigQuery's scheduled queries: runs every declared one (the SQL files
 * Terraform schedules) against bigquery-local at start and then every {@link #EVERY}, so the
 * local GetMetrics reads the aggregate as production does. Production runs them nightly; more
 * often here, so that a developer sees yesterday's events move into the aggregate within minutes.
 */
final class LocalScheduledQueries implements AutoCloseable {

  static final Duration EVERY = Duration.ofMinutes(5);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "local-scheduled-queries");
    thread.setDaemon(true);
    return thread;
  });

  private LocalScheduledQueries() {}

  static LocalScheduledQueries start(ScheduledQueryRunner runner) {
    LocalScheduledQueries scheduled = new LocalScheduledQueries();
    scheduled.timer.scheduleWithFixedDelay(() -> runOnce(runner), 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    return scheduled;
  }

  /** A failed run is logged and retried at the next tick, as the Data Transfer Service would. */
  private static void runOnce(ScheduledQueryRunner runner) {
    try {
      runner.runAll();
    } catch (WarehouseException e) {
      System.err.println("local-stack: a scheduled query failed (retried in " + EVERY.toMinutes() + " min): " + e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
