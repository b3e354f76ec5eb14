package com.agenthub.shared.adapter.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import com.agenthub.shared.analytics.EventHistory;
import com.agenthub.shared.analytics.EventOutcome;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.local.BigQueryLocal;
import com.agenthub.shared.metrics.DailyMetric;
import com.agenthub.shared.metrics.Metrics;
import com.agenthub.shared.metrics.MetricsQuery;
import com.agenthub.shared.port.Warehouse.QueryParameter;
import com.agenthub.shared.port.Warehouse.Row;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import com.agenthub.shared.warehouse.Rows;
import com.agenthub.shared.warehouse.WarehouseDeclaration;
import com.google.cloud.bigquery.BigQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pre-aggregation SQL Terraform schedules (bigquery/scheduled_queries/), run on bigquery-local,
 * and GetMetrics' answers over it: the same as the raw query's on the same events, with late
 * events, duplicates, missing ids and a user active on both sides of the watermark. Its own
 * bigquery-local, since a refresh covers every organization of the warehouse it runs on.
 */
class PreAggregatedMetricsTest {

  private static final String PROJECT = "agenthub-aggregates";
  /** GetMetrics' query before pre-aggregation: every day from the raw events. The reference. */
  private static final String RAW_SQL = """
      SELECT CAST(DATE(created_at) AS STRING) AS day, event_type,
             COUNT(DISTINCT id) AS events,
             COUNT(DISTINCT user_id) AS users,
             COUNT(DISTINCT session_id) AS sessions
      FROM {analytics_events}
      WHERE organization_id = @organization_id
        AND created_at >= @range_start AND created_at < @range_end
        AND (@event_type = '' OR event_type = @event_type)
      GROUP BY day, event_type
      ORDER BY day, event_type""";

  private static BigQueryLocal bigQueryLocal;
  private static BigQuery client;
  private static BigQueryWarehouse warehouse;
  private static ScheduledQueryRunner refresh;

  /** The refresh SQL dates by the real clock (CURRENT_TIMESTAMP), so the tests do too. */
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  private String org;

  @BeforeAll
  static void ownWarehouse() {
    bigQueryLocal = BigQueryLocal.start();
    WarehouseDeclaration declaration = WarehouseDeclaration.load();
    client = BigQueryClients.create(PROJECT, Optional.of(bigQueryLocal.hostUrl()));
    new WarehouseSetup(client, PROJECT, declaration).run();
    warehouse = new BigQueryWarehouse(client, PROJECT, declaration, true, BigQueryWarehouse.QUERY_TIMEOUT);
    refresh = new ScheduledQueryRunner(client, PROJECT, declaration);
  }

  @AfterAll
  static void stop() {
    bigQueryLocal.close();
  }

  @BeforeEach
  void ownOrganization() {
    org = "org-" + UUID.randomUUID();
  }

  @Test
  void answersEqualTheRawQueryAcrossTheWatermarkAndAfterLateEventsAreRecomputed() {
    // u1 is active on every day, today included: its distinct count must hold on both sides of the watermark.
    for (int back = 0; back <= 5; back++) {
      track("chat.message", "u1", "s-" + back, back, 9);
      track("chat.message", "u" + (back + 2), "s-" + back, back, 10);
      track("chat.started", "u1", null, back, 11);
    }
    track("chat.message", null, null, 2, 12);
    String duplicated = UUID.randomUUID().toString();
    store(event(duplicated, "page.view", "u1", "s-x", 1, 13), event(duplicated, "page.view", "u1", "s-x", 1, 13));

    refresh.runAll();
    assertEquals(today.toString(), watermark(), "the refresh covers every day before today");
    assertFalse(aggregatedDays().isEmpty(), "the aggregate holds this organization's past days");
    assertAnswersEqualRaw();

    // Late events for days already aggregated: a new user yesterday, another three days back.
    track("chat.message", "late-user", "late-session", 1, 14);
    track("chat.started", "late-user", "late-session", 3, 15);
    List<DailyMetric> beforeRecompute = metrics(range(6), Optional.empty());
    assertNotEquals(raw(range(6), Optional.empty()), beforeRecompute,
        "aggregated days are read from the aggregate: a late event waits for the next refresh");

    refresh.runAll();
    assertAnswersEqualRaw();
  }

  @Test
  void supersededVersionsOfADayAreIgnored() {
    track("chat.message", "u1", "s1", 2, 9);
    track("chat.message", "u2", "s1", 2, 10);
    refresh.runAll();
    // As if a refresh had stopped before deleting what its new rows replace: an older, wrong version of the day.
    store("analytics_daily_metrics", Map.of("organization_id", org, "day", today.minusDays(2).toString(),
        "event_type", "chat.message", "events", 99L, "users", 99L, "sessions", 99L,
        "refreshed_at", Instant.parse("2000-01-01T00:00:00Z")));
    assertAnswersEqualRaw();
  }

  @Test
  void anAggregateOlderThanTheRawDaysIsNotAGap() {
    track("chat.message", "u1", "s1", 10, 9);
    track("chat.message", "u2", "s2", 1, 9);
    refresh.runAll();
    // As if the nightly refresh had never run: no watermark at all, so every day is raw.
    client.delete(com.google.cloud.bigquery.TableId.of(PROJECT, "agenthub_analytics", "aggregate_refreshes"));
    new WarehouseSetup(client, PROJECT, WarehouseDeclaration.load()).run();
    try {
      assertAnswersEqualRaw();
    } finally {
      refresh.runAll();
    }
  }

  /**
   * ImportEventHistory's path: events far behind the nightly refresh's window are stored once however
   * often the call repeats, and counted at once, on both sides of the watermark; each day keeps one
   * version; the next nightly refresh changes nothing.
   */
  @Test
  void historyBeyondTheRecomputeWindowIsStoredOnceAndCountedAtOnce() {
    track("chat.message", "u1", "s1", 1, 9);
    refresh.runAll();
    EventHistory history = new EventHistory(warehouse, Clock.systemUTC());
    List<NewEvent> first = List.of(
        past("h1", "chat.message", "u1", "s1", 400, 9), past("h2", "chat.message", "u2", "s1", 400, 10),
        past("h3", "chat.started", "u1", null, 400, 11), past("h4", "chat.message", null, null, 45, 9),
        past("h5", "chat.message", "u3", "s3", 2, 9), past("h6", "page.view", "u1", "s1", 0, 0));
    EventHistory.Recorded recorded = history.record(org, first);
    List<EventOutcome> outcomes = recorded.outcomes();
    assertTrue(outcomes.stream().allMatch(o -> o.id().isPresent()), outcomes.toString());
    assertEquals(6, recorded.stored(), "the warehouse's count of rows the insert added");
    EventHistory.Recorded again = history.record(org, first);
    assertEquals(outcomes, again.outcomes(), "a repeated call answers the same ids");
    assertEquals(0, again.stored(), "and stores none of them");
    assertEquals(7L, storedEvents(), "six events once each, and the tracked one");

    history.record(org, List.of(past("h7", "chat.message", "u9", "s9", 400, 12), past("h8", "chat.message", "u1", "s2", 45, 13)));
    assertEquals(9L, storedEvents());
    for (LocalDate day : List.of(today.minusDays(400), today.minusDays(45))) {
      assertAnswersEqualRaw(MetricsQuery.parse(day.minusDays(2).toString(), day.plusDays(2).toString(), Optional.empty()));
    }
    assertAnswersEqualRaw(range(6));
    assertEquals(List.of(), warehouse.query("""
        SELECT day, event_type FROM {analytics_daily_metrics} WHERE organization_id = @org
        GROUP BY day, event_type HAVING COUNT(*) > 1""", Map.of("org", QueryParameter.string(org))),
        "one version of each day stays");

    refresh.runAll();
    assertAnswersEqualRaw(MetricsQuery.parse(today.minusDays(401).toString(), today.minusDays(399).toString(), Optional.empty()));
    assertAnswersEqualRaw(range(6));
  }

  /**
   * Calls side by side on the same old days: their statements interleave (bigquery-local runs one
   * at a time), yet the last recompute of each day counts every event, and one version stays.
   */
  @Test
  void historyCallsSideBySideConvergeOnExactCounts() throws Exception {
    refresh.runAll();
    EventHistory history = new EventHistory(warehouse, Clock.systemUTC());
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<EventOutcome>>> calls = new ArrayList<>();
      for (int call = 0; call < 8; call++) {
        List<NewEvent> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          events.add(past("c" + call + "-" + i, i % 2 == 0 ? "chat.message" : "chat.started", "u" + (call * 20 + i) % 37, "s" + call,
              200 + i % 3, i % 24));
        }
        calls.add(callers.submit(() -> history.record(org, events).outcomes()));
      }
      for (Future<List<EventOutcome>> call : calls) {
        assertTrue(call.get().stream().allMatch(o -> o.id().isPresent()));
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(160L, storedEvents());
    assertAnswersEqualRaw(MetricsQuery.parse(today.minusDays(203).toString(), today.minusDays(199).toString(), Optional.empty()));
    assertEquals(List.of(), warehouse.query("""
        SELECT day, event_type FROM {analytics_daily_metrics} WHERE organization_id = @org
        GROUP BY day, event_type HAVING COUNT(*) > 1""", Map.of("org", QueryParameter.string(org))),
        "one version of each day stays");
  }

  /**
   * Two instances import into the same day, the second's clock an hour behind the first's: the
   * aggregate's versions are stamped by the warehouse's clock, not the instances', so the second
   * call's recompute (which counts both calls' events) is the one readers take.
   */
  @Test
  void anInstanceWhoseClockRunsBehindDoesNotHideItsEvents() {
    refresh.runAll();
    new EventHistory(warehouse, Clock.systemUTC()).record(org, List.of(past("a1", "chat.message", "u1", "s1", 300, 9)));
    new EventHistory(warehouse, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)))
        .record(org, List.of(past("b1", "chat.message", "u2", "s1", 300, 10)));
    assertAnswersEqualRaw(MetricsQuery.parse(today.minusDays(301).toString(), today.minusDays(299).toString(), Optional.empty()));
  }

  private void assertAnswersEqualRaw() {
    assertFalse(raw(range(12), Optional.empty()).isEmpty(), "the organization has events");
    for (Optional<String> type : List.of(Optional.<String>empty(), Optional.of("chat.message"), Optional.of("page.view"))) {
      for (MetricsQuery query : List.of(range(6), range(12), MetricsQuery.parse(today.minusDays(4).toString(),
          today.minusDays(1).toString(), type), MetricsQuery.parse(today.toString(), today.toString(), type))) {
        MetricsQuery typed = new MetricsQuery(query.startDate(), query.endDate(), type);
        List<DailyMetric> expected = raw(typed, type);
        assertEquals(expected, metrics(typed, type), typed.toString());
      }
    }
  }

  private void assertAnswersEqualRaw(MetricsQuery query) {
    assertFalse(raw(query, Optional.empty()).isEmpty(), "the organization has events in " + query);
    for (Optional<String> type : List.of(Optional.<String>empty(), Optional.of("chat.message"), Optional.of("chat.started"))) {
      MetricsQuery typed = new MetricsQuery(query.startDate(), query.endDate(), type);
      assertEquals(raw(typed, type), metrics(typed, type), typed.toString());
    }
  }

  private long storedEvents() {
    return (Long) warehouse.query("SELECT COUNT(*) AS n FROM {analytics_events} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(org))).get(0).get("n");
  }

  private NewEvent past(String eventId, String type, String user, String session, int daysBack, int hour) {
    Instant at = today.minusDays(daysBack).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
    return new NewEvent(type, Map.of("n", hour), Optional.ofNullable(user), Optional.ofNullable(session),
        Optional.of(at), Optional.of(eventId));
  }

  private MetricsQuery range(int days) {
    return MetricsQuery.parse(today.minusDays(days).toString(), today.toString(), Optional.empty());
  }

  /** GetMetrics' use case, with a fresh cache each time (a zero TTL never serves from it). */
  private List<DailyMetric> metrics(MetricsQuery query, Optional<String> type) {
    Metrics metrics = new Metrics(new InMemoryDocumentStore(), warehouse, Clock.systemUTC(), Duration.ZERO);
    return metrics.daily(org, new MetricsQuery(query.startDate(), query.endDate(), type)).days();
  }

  private List<DailyMetric> raw(MetricsQuery query, Optional<String> type) {
    Map<String, QueryParameter> parameters = new LinkedHashMap<>();
    parameters.put("organization_id", QueryParameter.string(org));
    parameters.put("range_start", QueryParameter.timestamp(query.startDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
    parameters.put("range_end", QueryParameter.timestamp(query.endDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
    parameters.put("event_type", QueryParameter.string(type.orElse("")));
    List<DailyMetric> days = new ArrayList<>();
    for (Map<String, Object> row : warehouse.query(RAW_SQL, parameters)) {
      days.add(new DailyMetric((String) row.get("day"), (String) row.get("event_type"),
          (Long) row.get("events"), (Long) row.get("users"), (Long) row.get("sessions")));
    }
    return days;
  }

  private String watermark() {
    return (String) warehouse.query("SELECT CAST(MAX(covered_until) AS STRING) AS until FROM {aggregate_refreshes}"
        + " WHERE aggregate = 'analytics_daily_metrics'", Map.of()).get(0).get("until");
  }

  private List<Map<String, Object>> aggregatedDays() {
    return warehouse.query("SELECT day FROM {analytics_daily_metrics} WHERE organization_id = @org",
        Map.of("org", QueryParameter.string(org)));
  }

  private void track(String type, String user, String session, int daysBack, int hour) {
    store(event(UUID.randomUUID().toString(), type, user, session, daysBack, hour));
  }

  private AnalyticsEventRow event(String id, String type, String user, String session, int daysBack, int hour) {
    Instant at = today.minusDays(daysBack).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(hour * 3600L);
    // Today's events stay in the past, so that the day is complete at any time of day the test runs.
    Instant created = daysBack == 0 ? today.atStartOfDay(ZoneOffset.UTC).toInstant() : at;
    return new AnalyticsEventRow(id, org, type, JsonText.of(Map.of()), Optional.ofNullable(user),
        Optional.ofNullable(session), created, created);
  }

  private void store(AnalyticsEventRow... rows) {
    List<Row> batch = new ArrayList<>();
    for (AnalyticsEventRow row : rows) {
      batch.add(new Row(UUID.randomUUID().toString(), Rows.values(row)));
    }
    assertEquals(List.of(), warehouse.insert("analytics_events", batch));
  }

  private void store(String table, Map<String, Object> values) {
    assertEquals(List.of(), warehouse.insert(table, List.of(new Row(UUID.randomUUID().toString(), values))));
  }
}
