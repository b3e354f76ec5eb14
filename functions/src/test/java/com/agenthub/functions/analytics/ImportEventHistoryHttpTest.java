package com.agenthub.functions.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.LocalStackFixture.Tenant;
import com.agenthub.functions.testing.WarehouseProbe;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ImportEventHistory on the local stack: events a year back, which TrackEvents refuses, are stored
 * once however often the call repeats and counted by GetMetrics as soon as it answers, though the
 * nightly refresh had already aggregated those days.
 */
class ImportEventHistoryHttpTest {

  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);
  private final LocalDate yearAgo = today.minusDays(365);

  @Test
  void aYearOldHistoryIsStoredOnceAndCountedAtOnce() {
    Tenant tenant = LocalStackFixture.newTenant("History");
    WarehouseProbe.refreshAggregates();
    JsonArray events = new JsonArray();
    events.add(event("legacy-1", "chat.message", "u1", yearAgo.atTime(9, 0).toInstant(ZoneOffset.UTC).toString()));
    events.add(event("legacy-2", "chat.message", "u2", yearAgo.atTime(10, 0).toInstant(ZoneOffset.UTC).toString()));
    events.add(event(null, "chat.message", "u3", yearAgo.atTime(11, 0).toInstant(ZoneOffset.UTC).toString()));
    events.add(event("legacy-4", "chat.message", "u4", null));
    events.add(event("legacy-5", "chat.started", "u1", today.minusDays(45).atStartOfDay(ZoneOffset.UTC).toInstant().toString()));
    JsonObject body = new JsonObject();
    body.add("events", events);

    ApiResponse imported = tenant.client().post("ImportEventHistory", body.toString());
    assertEquals(200, imported.status(), imported.body());
    assertEquals(List.of(0, 1, 4), indexes(imported.json().getAsJsonArray("accepted")));
    assertEquals(List.of("events[2].event_id", "events[3].timestamp"), fields(imported.json().getAsJsonArray("rejected")));
    assertEquals(3L, WarehouseProbe.count("analytics_events", "organization_id", tenant.organizationId()),
        "stored when the call answers");
    assertEquals(3, imported.json().get("stored").getAsInt());

    ApiResponse metrics = tenant.client().get("GetMetrics?start_date=" + yearAgo.minusDays(1) + "&end_date=" + yearAgo.plusDays(1));
    assertEquals(200, metrics.status(), metrics.body());
    JsonArray days = metrics.json().getAsJsonArray("days");
    assertEquals(1, days.size(), days.toString());
    assertEquals(yearAgo.toString(), days.get(0).getAsJsonObject().get("date").getAsString());
    assertEquals(2, days.get(0).getAsJsonObject().get("events").getAsLong(), "counted at once, from the aggregate");
    assertEquals(2, days.get(0).getAsJsonObject().get("users").getAsLong());

    ApiResponse again = tenant.client().post("ImportEventHistory", body.toString());
    assertEquals(imported.json().get("accepted"), again.json().get("accepted"), "a repeated call answers the same ids");
    assertEquals(0, again.json().get("stored").getAsInt(), "and says it stored none");
    assertEquals(3L, WarehouseProbe.count("analytics_events", "organization_id", tenant.organizationId()), "and stores nothing twice");

    ApiResponse streamed = tenant.client().post("TrackEvents", events.get(0).toString());
    assertEquals(400, streamed.status(), streamed.body());
    assertEquals("timestamp", streamed.errorField());
    assertTrue(streamed.body().contains("ImportEventHistory"), "TrackEvents points to the history path: " + streamed.body());
  }

  @Test
  void aBodyThatIsNotABatchIsRefusedWhole() {
    Tenant tenant = LocalStackFixture.newTenant("History envelope");
    ApiResponse single = tenant.client().post("ImportEventHistory", event("e1", "chat.message", "u1", "2024-01-01T00:00:00Z").toString());
    assertEquals(400, single.status(), single.body());
    assertEquals("event_type", single.errorField(), "a single event is not the envelope: its fields are unknown there");
    ApiResponse empty = tenant.client().post("ImportEventHistory", "{\"events\": []}");
    assertEquals(400, empty.status(), empty.body());
    assertEquals("events", empty.errorField());
    assertEquals(0L, WarehouseProbe.count("analytics_events", "organization_id", tenant.organizationId()));
  }

  private static JsonObject event(String eventId, String type, String user, String timestamp) {
    JsonObject event = new JsonObject();
    event.addProperty("event_type", type);
    event.addProperty("user_id", user);
    event.addProperty("session_id", "s1");
    if (eventId != null) {
      event.addProperty("event_id", eventId);
    }
    if (timestamp != null) {
      event.addProperty("timestamp", timestamp);
    }
    return event;
  }

  private static List<Integer> indexes(JsonArray entries) {
    List<Integer> indexes = new ArrayList<>();
    for (JsonElement entry : entries) {
      indexes.add(entry.getAsJsonObject().get("index").getAsInt());
    }
    return indexes;
  }

  private static List<String> fields(JsonArray entries) {
    List<String> fields = new ArrayList<>();
    for (JsonElement entry : entries) {
      fields.add(entry.getAsJsonObject().getAsJsonObject("error").get("field").getAsString());
    }
    return fields;
  }
}
