package com.agenthub.functions.bench;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.functions.wiring.Settings;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.ids.Ids;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.Rows;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The analytics pipeline end to end against its floor, on one local stack (LocalStackFixture in
 * this JVM: Firestore and Pub/Sub emulators, bigquery-local, the dev server delivering
 * analytics-events to IngestAnalyticsEvents):
 * <ul>
 *   <li>end to end: a new organization tracks E events through TrackEvents in calls of B events
 *       (a few concurrent clients), timed from the first call until a {@code COUNT(*)} in BigQuery
 *       sees all E rows;
 *   <li>floor: the same number of analytics_events rows, same shape, with insertIds, inserted by
 *       one thread through the same adapter ({@code BigQueryWarehouse.insert}) in requests of B rows.
 * </ul>
 * The pipeline's BigQuery client is reached through {@link InsertCountingProxy} (on unless
 * bench.pipelineProxy=false), which counts and times its insertAll requests to analytics_events:
 * rows per insert request, and how busy bigquery-local was with them. Rounds alternate the order
 * of end to end and floor. Nothing is asserted.
 */
final class PipelineBenchmark {

  /** One size: events per TrackEvents call (and rows per floor request), events in all, concurrent clients. */
  record Size(int batch, int events, int clients) {}

  /** One end-to-end run; {@code start} is the System.nanoTime() of its first call. */
  private record EndToEnd(long start, long nanos, long sendNanos, int calls, int failedCalls, long rows, int polls,
      InsertCountingProxy.Window inserts) {}

  private record Floor(long nanos, int requests) {}

  private static final String TABLE = AnalyticsEventMessages.TABLE;
  private static final String EVENT_TYPE = "conversation.started";
  private static final String EVENT_DATA = "{\"turns\":3,\"channel\":\"web\"}";
  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration SLOW_POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final PrintStream report;
  private final List<Size> sizes;
  private final int rounds;
  private final boolean useProxy;
  private InsertCountingProxy proxy;

  PipelineBenchmark(PrintStream report, List<Size> sizes, int rounds, boolean useProxy) {
    this.report = report;
    this.sizes = sizes;
    this.rounds = rounds;
    this.useProxy = useProxy;
  }

  void run() throws Exception {
    long startedStack = System.nanoTime();
    String bigQuery = Emulators.bigQueryHost();
    if (useProxy) {
      proxy = InsertCountingProxy.start(bigQuery, TABLE);
    }
    String baseUrl = LocalStackFixture.baseUrl();
    if (useProxy) {
      // The functions' warehouse connects on first use and reads the host then: point it at the proxy.
      System.setProperty(Settings.BIGQUERY_EMULATOR_HOST, proxy.url());
    }
    report.printf("%n== pipeline: TrackEvents -> Pub/Sub -> IngestAnalyticsEvents -> BigQuery, vs raw insertAll ==%n");
    report.printf("local stack up in %.1f s: dev server %s, bigquery-local %s%s; load average %s%n",
        (System.nanoTime() - startedStack) / 1e9, baseUrl, bigQuery,
        useProxy ? " (pipeline via counting proxy " + proxy.url() + ")" : "", Benchmarks.loadAverage());

    warmUp();

    long[][] e2eNanos = new long[sizes.size()][rounds];
    long[][] floorNanos = new long[sizes.size()][rounds];
    int[] insertRequests = new int[sizes.size()];
    long[] insertRows = new long[sizes.size()];
    int[] messages = new int[sizes.size()];
    for (int round = 0; round < rounds; round++) {
      for (int s = 0; s < sizes.size(); s++) {
        Size size = sizes.get(s);
        boolean floorFirst = round % 2 == 1;
        if (floorFirst) {
          floorNanos[s][round] = floor(size, round).nanos();
        }
        EndToEnd e2e = endToEnd(size, round);
        e2eNanos[s][round] = e2e.nanos();
        messages[s] += e2e.calls() - e2e.failedCalls();
        if (e2e.inserts() != null) {
          insertRequests[s] += e2e.inserts().requests();
          insertRows[s] += e2e.rows();
        }
        if (!floorFirst) {
          floorNanos[s][round] = floor(size, round).nanos();
        }
      }
    }

    report.printf("%nbatch | end-to-end events/s | floor rows/s | ratio e2e/floor | rows per insert request%n");
    double ratioAt500 = Double.NaN;
    for (int s = 0; s < sizes.size(); s++) {
      Size size = sizes.get(s);
      double e2e = perSecond(size.events(), e2eNanos[s]);
      double floor = perSecond(size.events(), floorNanos[s]);
      String perRequest = insertRequests[s] > 0
          ? String.format("%.1f (%d rows / %d insertAll, counted at the proxy)", (double) insertRows[s] / insertRequests[s],
              insertRows[s], insertRequests[s])
          : String.format("%.1f (%d events / %d Pub/Sub messages)", (double) size.events() * rounds / messages[s],
              (long) size.events() * rounds, messages[s]);
      report.printf("%5d | %20.0f | %12.0f | %15.2f | %s%n", size.batch(), e2e, floor, e2e / floor, perRequest);
      if (size.batch() == 500) {
        ratioAt500 = e2e / floor;
      }
    }
    report.printf("(events/s and rows/s: all rounds' rows over all rounds' time, %d round(s))%n", rounds);
    report.printf("load average %s%n", Benchmarks.loadAverage());
    if (!Double.isNaN(ratioAt500)) {
      report.printf("goal: >= 50%% of the floor at batch 500 — %s (%.0f%%)%n", ratioAt500 >= 0.5 ? "met" : "missed",
          ratioAt500 * 100);
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static double perSecond(long eventsPerRound, long[] nanos) {
    long total = 0;
    for (long n : nanos) {
      total += n;
    }
    return eventsPerRound * nanos.length / (total / 1e9);
  }

  /** Connections, JIT, the subscriber's first pull, the functions' lazy BigQuery client, DuckDB's first insert. */
  private void warmUp() throws Exception {
    long t0 = System.nanoTime();
    endToEnd(new Size(50, 100, 2), -1);
    floor(new Size(50, 100, 1), -1);
    report.printf("warm-up (100 events end to end, 100 rows floor) %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  private EndToEnd endToEnd(Size size, int round) throws Exception {
    LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("bench pipeline b" + size.batch() + " r" + round);
    // Creating an organization sends change records through the pipeline too: let them pass first.
    WarehouseProbe.sleep(1000);
    int calls = (size.events() + size.batch() - 1) / size.batch();
    List<String> bodies = new ArrayList<>(calls);
    int made = 0;
    for (int c = 0; c < calls; c++) {
      int n = Math.min(size.batch(), size.events() - made);
      bodies.add(trackBody(made, n));
      made += n;
    }
    if (proxy != null) {
      proxy.reset();
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong lastAnswer = new AtomicLong();
    ExecutorService clients = Executors.newFixedThreadPool(size.clients(), r -> {
      Thread t = new Thread(r, "pipeline-client");
      t.setDaemon(true);
      return t;
    });
    long start = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < size.clients(); i++) {
      running.add(clients.submit(() -> {
        ApiClient client = tenant.client();
        int call;
        while ((call = next.getAndIncrement()) < calls) {
          ApiResponse response = client.post("TrackEvents", bodies.get(call));
          if (response.status() != 202 || response.json().getAsJsonArray("rejected").size() != 0) {
            if (failed.getAndIncrement() == 0) {
              report.printf("  TrackEvents answered %d: %s%n", response.status(),
                  response.body().substring(0, Math.min(300, response.body().length())));
            }
          }
          lastAnswer.accumulateAndGet(System.nanoTime(), Math::max);
        }
        return null;
      }));
    }
    // Poll BigQuery rarely while inserts are still due (each query also occupies bigquery-local);
    // once the proxy has seen an insert per message, poll at once and then every POLL_INTERVAL.
    int polls = 0;
    long seen = 0;
    long deadline = start + TIMEOUT.toNanos();
    long lastPoll = start;
    while (System.nanoTime() < deadline) {
      boolean sent = running.stream().allMatch(Future::isDone);
      boolean insertsDone = proxy != null && sent && proxy.window().requests() >= calls - failed.get();
      long wait = insertsDone || proxy == null && sent ? POLL_INTERVAL.toNanos() : SLOW_POLL_INTERVAL.toNanos();
      if (insertsDone && polls == 0 || System.nanoTime() - lastPoll >= wait) {
        lastPoll = System.nanoTime();
        seen = WarehouseProbe.count(TABLE, "organization_id", tenant.organizationId());
        polls++;
        if (seen >= size.events() - (long) failed.get() * size.batch()) {
          break;
        }
      } else {
        Thread.sleep(20);
      }
    }
    long end = lastPoll; // the rows were all visible to the query that started here
    for (Future<?> f : running) {
      f.get(5, TimeUnit.SECONDS);
    }
    clients.shutdownNow();
    InsertCountingProxy.Window inserts = proxy == null ? null : proxy.window();
    EndToEnd result = new EndToEnd(start, end - start, lastAnswer.get() - start, calls, failed.get(), seen, polls,
        inserts);
    if (round >= 0) {
      describe(size, round, result);
    }
    if (seen < size.events()) {
      report.printf("  !! only %d of %d rows visible after %.0f s: delivery stalled (seen here when the emulator's"
          + " streaming pull was reopened while messages were leased: they wait out the 60 s ack deadline)%n",
          seen, size.events(), (end - start) / 1e9);
    }
    return result;
  }

  private void describe(Size size, int round, EndToEnd r) {
    double seconds = r.nanos() / 1e9;
    report.printf("  e2e   batch %3d round %d: %5d events in %6.2f s = %6.0f events/s; %d calls by %d clients sent in %.2f s%s; %d polls%n",
        size.batch(), round + 1, r.rows(), seconds, r.rows() / seconds, r.calls(), size.clients(), r.sendNanos() / 1e9,
        r.failedCalls() > 0 ? " (" + r.failedCalls() + " FAILED)" : "", r.polls());
    InsertCountingProxy.Window w = r.inserts();
    if (w != null && w.requests() > 0) {
      double insertMs = w.upstreamNanos() / 1e6 / w.requests();
      report.printf("        insertAll: %d requests (%d failed), mean %.1f ms in bigquery-local, proxy adds %.2f ms;"
              + " first starts at %.2f s, last answers at %.2f s; bigquery-local busy with them %.0f%% of the e2e time,"
              + " %.0f%% from first to last%n",
          w.requests(), w.failed(), insertMs, (w.handlerNanos() - w.upstreamNanos()) / 1e6 / w.requests(),
          (w.firstStartNanos() - r.start()) / 1e9, (w.lastEndNanos() - r.start()) / 1e9, 100.0 * w.upstreamNanos() / r.nanos(),
          100.0 * w.upstreamNanos() / Math.max(1, w.lastEndNanos() - w.firstStartNanos()));
    }
  }

  private Floor floor(Size size, int round) {
    Warehouse warehouse = Emulators.warehouse();
    String organization = "floor-" + Ids.newId();
    List<List<Warehouse.Row>> requests = new ArrayList<>();
    int made = 0;
    while (made < size.events()) {
      int n = Math.min(size.batch(), size.events() - made);
      requests.add(rows(organization, made, n));
      made += n;
    }
    long start = System.nanoTime();
    int refused = 0;
    for (List<Warehouse.Row> request : requests) {
      refused += warehouse.insert(TABLE, request).size();
    }
    long nanos = System.nanoTime() - start;
    if (round >= 0) {
      report.printf("  floor batch %3d round %d: %5d rows in %6.2f s = %6.0f rows/s; %d insertAll, %.1f ms each%s%n",
          size.batch(), round + 1, size.events(), nanos / 1e9, size.events() / (nanos / 1e9), requests.size(),
          nanos / 1e6 / requests.size(), refused > 0 ? " (" + refused + " rows REFUSED)" : "");
    }
    return new Floor(nanos, requests.size());
  }

  /** What TrackEvents receives: the same event, as JSON, that {@link #rows} writes directly. */
  private static String trackBody(int first, int count) {
    StringBuilder body = new StringBuilder(count * 130 + 16).append("{\"events\": [");
    for (int i = first; i < first + count; i++) {
      if (i > first) {
        body.append(',');
      }
      body.append("{\"event_type\":\"").append(EVENT_TYPE).append("\",\"event_data\":").append(EVENT_DATA)
          .append(",\"user_id\":\"user-").append(i % 100).append("\",\"session_id\":\"session-").append(i % 1000)
          .append("\"}");
    }
    return body.append("]}").toString();
  }

  /** analytics_events rows as IngestAnalyticsEvents writes them: insertId = event id. */
  private static List<Warehouse.Row> rows(String organization, int first, int count) {
    Instant now = Instant.now();
    List<Warehouse.Row> rows = new ArrayList<>(count);
    for (int i = first; i < first + count; i++) {
      String id = Ids.newId();
      AnalyticsEventRow row = new AnalyticsEventRow(id, organization, EVENT_TYPE, new JsonText(EVENT_DATA),
          Optional.of("user-" + (i % 100)), Optional.of("session-" + (i % 1000)), now, now);
      rows.add(new Warehouse.Row(id, Rows.values(row)));
    }
    return rows;
  }
}
