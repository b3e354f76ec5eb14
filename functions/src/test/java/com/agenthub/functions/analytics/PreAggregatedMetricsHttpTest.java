package com.agenthub.functions.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.LocalStackFixture.Tenant;
import com.agenthub.functions.testing.WarehouseProbe;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * GetMetrics over HTTP once the scheduled refresh (the SQL file Terraform schedules) has run on the
 * local stack's bigquery-local: past days come from the aggregate (a late event waits for the next
 * refresh), today from the raw events, and the numbers are the events' own.
 */
class PreAggregatedMetricsHttpTest {

  private static final Duration PIPELINE = Duration.ofSeconds(150);
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @Test
  void pastDaysComeFromTheRefreshedAggregateAndTodayFromTheRawEvents() {
    Tenant tenant = LocalStackFixture.newTenant("Aggregates");
    JsonArray events = new JsonArray();
    for (int back = 0; back <= 3; back++) {
      // u1 every day, one other user a day: two distinct users on each side of the watermark.
      events.add(event("chat.message", "u1", "s" + back, back));
      events.add(event("chat.message", "v" + back, "s" + back, back));
    }
    track(tenant, events, 8);

    WarehouseProbe.refreshAggregates();
    assertTrue(WarehouseProbe.count("analytics_daily_metrics", "organization_id", tenant.organizationId()) >= 3,
        "the refresh aggregated the past days");
    Map<String, Long> users = usersPerDay(tenant, today.minusDays(3));
    assertEquals(Map.of(day(3), 2L, day(2), 2L, day(1), 2L, day(0), 2L), users);

    // A late event for a day the aggregate holds: counted from the next refresh on.
    JsonArray late = new JsonArray();
    late.add(event("chat.message", "late", "s2", 2));
    track(tenant, late, 9);
    assertEquals(2L, usersPerDay(tenant, today.minusDays(2)).get(day(2)), "the aggregate answers for that day until refreshed");
    WarehouseProbe.refreshAggregates();
    WarehouseProbe.sleep(LocalStackFixture.METRICS_CACHE_TTL.toMillis() + 500);
    assertEquals(3L, usersPerDay(tenant, today.minusDays(2)).get(day(2)), "the next refresh recomputed the day");
  }

  private Map<String, Long> usersPerDay(Tenant tenant, LocalDate from) {
    ApiResponse metrics = tenant.client().get("GetMetrics?start_date=" + from + "&end_date=" + today);
    assertEquals(200, metrics.status(), metrics.body());
    Map<String, Long> users = new TreeMap<>();
    for (var day : metrics.json().getAsJsonArray("days")) {
      users.put(day.getAsJsonObject().get("date").getAsString(), day.getAsJsonObject().get("users").getAsLong());
    }
    return users;
  }

  private String day(int back) {
    return today.minusDays(back).toString();
  }

  private JsonObject event(String type, String user, String session, int back) {
    JsonObject event = new JsonObject();
    event.addProperty("event_type", type);
    event.addProperty("user_id", user);
    event.addProperty("session_id", session);
    // Today's at midnight, so that it lies in the past whenever the test runs.
    event.addProperty("timestamp", today.minusDays(back).atStartOfDay(ZoneOffset.UTC).plusHours(back == 0 ? 0 : 10).toInstant().toString());
    return event;
  }

  private void track(Tenant tenant, JsonArray events, long total) {
    JsonObject body = new JsonObject();
    body.add("events", events);
    ApiResponse tracked = tenant.client().post("TrackEvents", body.toString());
    assertEquals(202, tracked.status(), tracked.body());
    assertEquals(total, WarehouseProbe.awaitCount("analytics_events", "organization_id", tenant.organizationId(), total, PIPELINE));
  }
}
