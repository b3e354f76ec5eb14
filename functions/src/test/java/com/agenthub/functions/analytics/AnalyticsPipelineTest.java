package com.agenthub.functions.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * End to end through the local stack: TrackEvents → Pub/Sub emulator → IngestAnalyticsEvents →
 * bigquery-local → GetMetrics (and its Firestore cache).
 */
class AnalyticsPipelineTest {

  private static final Duration PIPELINE = Duration.ofSeconds(150);

  private static String batch(int count, String typeA, String typeB) {
    JsonArray events = new JsonArray();
    for (int i = 0; i < count; i++) {
      JsonObject event = new JsonObject();
      event.addProperty("event_type", i % 3 == 0 ? typeB : typeA);
      event.add("event_data", new JsonObject());
      event.addProperty("user_id", "user-" + (i % 4));
      event.addProperty("session_id", "session-" + (i % 6));
      event.addProperty("event_id", "evt-" + i);
      events.add(event);
    }
    JsonObject body = new JsonObject();
    body.add("events", events);
    return body.toString();
  }

  private static String today() {
    return LocalDate.now(ZoneOffset.UTC).toString();
  }

  private static Map<String, JsonObject> byType(ApiResponse metrics) {
    Map<String, JsonObject> days = new HashMap<>();
    for (var day : metrics.json().getAsJsonArray("days")) {
      days.put(day.getAsJsonObject().get("event_type").getAsString(), day.getAsJsonObject());
    }
    return days;
  }

  @Test
  void aTrackedBatchReachesBigQueryAndShowsInCachedMetrics() {
    Tenant tenant = LocalStackFixture.newTenant("Pipeline");
    ApiResponse tracked = tenant.client().post("TrackEvents", batch(12, "page.view", "chat.started"));
    assertEquals(202, tracked.status(), tracked.body());
    assertEquals(12, tracked.json().getAsJsonArray("accepted").size());

    assertEquals(12, WarehouseProbe.awaitCount("analytics_events", "organization_id", tenant.organizationId(), 12, PIPELINE));

    String query = "GetMetrics?start_date=" + today() + "&end_date=" + today();
    ApiResponse first = tenant.client().get(query);
    assertEquals(200, first.status(), first.body());
    assertFalse(first.json().getAsJsonObject("cache").get("hit").getAsBoolean());
    JsonObject views = byType(first).get("page.view");
    assertEquals(8, views.get("events").getAsLong());
    assertEquals(4, views.get("users").getAsLong());
    assertEquals(4, byType(first).get("chat.started").get("events").getAsLong());

    ApiResponse second = tenant.client().get(query);
    assertTrue(second.json().getAsJsonObject("cache").get("hit").getAsBoolean(), "a refresh within the TTL is served from the cache");
    assertEquals(first.json().get("days"), second.json().get("days"));
    assertTrue(second.header("Age").isPresent());

    WarehouseProbe.sleep(LocalStackFixture.METRICS_CACHE_TTL.toMillis() + 500);
    ApiResponse third = tenant.client().get(query);
    assertFalse(third.json().getAsJsonObject("cache").get("hit").getAsBoolean(), "the cached answer expired with its TTL");
  }

  @Test
  void aRetriedCallWithTheSameEventIdsAddsNoRows() {
    Tenant tenant = LocalStackFixture.newTenant("Retry");
    String body = batch(5, "page.view", "page.view");
    assertEquals(202, tenant.client().post("TrackEvents", body).status());
    assertEquals(202, tenant.client().post("TrackEvents", body).status());
    // A third, different event marks when both earlier messages have been ingested.
    assertEquals(202, tenant.client().post("TrackEvents", "{\"event_type\": \"done\", \"event_id\": \"last\"}").status());
    assertEquals(6, WarehouseProbe.awaitCount("analytics_events", "organization_id", tenant.organizationId(), 6, PIPELINE));
    WarehouseProbe.sleep(1000);
    assertEquals(6, WarehouseProbe.count("analytics_events", "organization_id", tenant.organizationId()));
  }

  @Test
  void oneOrganizationsMetricsNeverCountAnothersEvents() {
    Tenant a = LocalStackFixture.newTenant("Tenant A");
    Tenant b = LocalStackFixture.newTenant("Tenant B");
    assertEquals(202, a.client().post("TrackEvents", batch(3, "shared.type", "shared.type")).status());
    assertEquals(202, b.client().post("TrackEvents", batch(7, "shared.type", "shared.type")).status());
    WarehouseProbe.awaitCount("analytics_events", "organization_id", a.organizationId(), 3, PIPELINE);
    WarehouseProbe.awaitCount("analytics_events", "organization_id", b.organizationId(), 7, PIPELINE);

    String query = "GetMetrics?start_date=" + today() + "&end_date=" + today() + "&event_type=shared.type";
    assertEquals(3, byType(a.client().get(query)).get("shared.type").get("events").getAsLong());
    assertEquals(7, byType(b.client().get(query)).get("shared.type").get("events").getAsLong());
  }

  @Test
  void injectionAttemptsInMetricsParametersAreRefusedWithTheParameterNamed() {
    var client = LocalStackFixture.newOrganization("Injection");
    String today = today();
    Map<String, String> attempts = Map.of(
        "GetMetrics?start_date=" + today + "&end_date=" + today + "&event_type=x%27%20OR%201%3D1%20--", "event_type",
        "GetMetrics?start_date=2026-01-01%27%3B%20DROP%20TABLE%20x%3B--&end_date=" + today, "start_date",
        "GetMetrics?start_date=" + today + "&end_date=" + today + "%20UNION%20SELECT%201", "end_date",
        "GetMetrics?start_date=2026-01-01&end_date=2026-04-01", "end_date",
        "GetMetrics?start_date=" + today + "&end_date=" + today + "&organization_id=someone-else", "organization_id");
    attempts.forEach((query, field) -> {
      ApiResponse response = client.get(query);
      assertEquals(400, response.status(), query + " → " + response.body());
      assertEquals(field, response.errorField(), query);
    });
  }

  @Test
  void invalidEventsAreReportedOneByOne() {
    var client = LocalStackFixture.newOrganization("Bad events");
    ApiResponse single = client.post("TrackEvents", "{\"event_type\": \"Bad Type\"}");
    assertEquals(400, single.status());
    assertEquals("event_type", single.errorField());

    ApiResponse mixed = client.post("TrackEvents",
        "{\"events\": [{\"event_type\": \"ok\"}, {\"event_type\": \"ok\", \"colour\": 1}, 5, {\"event_type\": \"ok\", \"timestamp\": \"yesterday\"}]}");
    assertEquals(202, mixed.status(), mixed.body());
    assertEquals(1, mixed.json().getAsJsonArray("accepted").size());
    JsonArray rejected = mixed.json().getAsJsonArray("rejected");
    assertEquals("events[1].colour", rejected.get(0).getAsJsonObject().getAsJsonObject("error").get("field").getAsString());
    assertEquals("events[2]", rejected.get(1).getAsJsonObject().getAsJsonObject("error").get("field").getAsString());
    assertEquals("events[3].timestamp", rejected.get(2).getAsJsonObject().getAsJsonObject("error").get("field").getAsString());

    StringBuilder tooMany = new StringBuilder("{\"events\": [");
    for (int i = 0; i < 501; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"event_type\": \"a\"}");
    }
    ApiResponse over = client.post("TrackEvents", tooMany.append("]}").toString());
    assertEquals(400, over.status());
    assertEquals("events", over.errorField());
  }
}
