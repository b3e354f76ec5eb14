package com.agenthub.shared.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.port.Warehouse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent identical misses within one instance make one warehouse query, not one each. */
class MetricsStampedeTest {

  /** Counts the queries it answers; each takes a while, as a BigQuery scan does, so the misses overlap. */
  private static final class CountingWarehouse implements Warehouse {
    final AtomicInteger queries = new AtomicInteger();

    @Override
    public List<RowError> insert(String table, List<Row> rows) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, QueryParameter> parameters) {
      queries.incrementAndGet();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(Map.of("day", "2026-11-25", "event_type", "chat.started", "events", 7L, "users", 3L, "sessions", 2L));
    }

    @Override
    public long execute(String sql, Map<String, QueryParameter> parameters) {
      throw new UnsupportedOperationException();
    }
  }

  private final CountingWarehouse warehouse = new CountingWarehouse();
  private final Metrics metrics = new Metrics(new InMemoryDocumentStore(), warehouse, Clock.systemUTC(), Duration.ofSeconds(60));

  @Test
  void fiftyConcurrentIdenticalMissesRunExactlyOneWarehouseQuery() throws Exception {
    MetricsQuery query = MetricsQuery.parse("2026-11-20", "2026-11-26", Optional.empty());
    List<MetricsReport> reports = all(50, () -> metrics.daily("org-1", query));

    assertEquals(1, warehouse.queries.get());
    for (MetricsReport report : reports) {
      assertEquals(List.of(new DailyMetric("2026-11-25", "chat.started", 7, 3, 2)), report.days());
    }
  }

  @Test
  void differentQueriesAndOrganizationsDoNotShareAFlight() throws Exception {
    MetricsQuery week = MetricsQuery.parse("2026-11-20", "2026-11-26", Optional.empty());
    MetricsQuery day = MetricsQuery.parse("2026-11-26", "2026-11-26", Optional.empty());
    AtomicInteger next = new AtomicInteger();
    all(30, () -> switch (next.getAndIncrement() % 3) {
      case 0 -> metrics.daily("org-1", week);
      case 1 -> metrics.daily("org-2", week);
      default -> metrics.daily("org-1", day);
    });

    assertEquals(3, warehouse.queries.get());
  }

  /** Runs {@code n} calls at once (released together) and returns their results. */
  private static List<MetricsReport> all(int n, java.util.concurrent.Callable<MetricsReport> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MetricsReport>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          return call.call();
        }));
      }
      ready.await(10, TimeUnit.SECONDS);
      go.countDown();
      List<MetricsReport> reports = new ArrayList<>();
      for (Future<MetricsReport> future : futures) {
        reports.add(future.get(30, TimeUnit.SECONDS));
      }
      return reports;
    } finally {
      pool.shutdownNow();
    }
  }
}
