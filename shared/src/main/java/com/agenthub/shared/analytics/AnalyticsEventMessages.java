package com.agenthub.shared.analytics;

import com.agenthub.shared.ingestion.DecodedMessage;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.messages.UndecodableMessageException;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.Warehouse;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.Rows;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The wire format of the analytics-events topic: one message per TrackEvents call,
 * {@code {"events": [row, …]}} with each row as {@link Rows#toJson} writes an analytics_events row.
 */
public final class AnalyticsEventMessages {

  public static final String TOPIC = "analytics-events";
  public static final String TABLE = "analytics_events";

  private AnalyticsEventMessages() {}

  public static EventPublisher.Message encode(String organizationId, List<AnalyticsEventRow> rows) {
    JsonArray events = new JsonArray();
    rows.forEach(row -> events.add(Rows.toJson(row)));
    JsonObject body = new JsonObject();
    body.add("events", events);
    return EventPublisher.Message.of(Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8),
        Map.of("organization_id", organizationId, "event_count", Integer.toString(rows.size())));
  }

  /**
   * Reads a message. A message that is not {@code {"events": [...]}} is undecodable; within a
   * readable one, each element is decoded on its own, so one bad row does not sink the others.
   * Each row's insert id is the event id.
   */
  public static DecodedMessage decode(byte[] data) throws UndecodableMessageException {
    JsonArray events;
    try {
      JsonElement parsed = JsonParser.parseString(new String(data, StandardCharsets.UTF_8));
      if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("events")
          || !parsed.getAsJsonObject().get("events").isJsonArray()) {
        throw new UndecodableMessageException("an analytics message must be {\"events\": [...]}");
      }
      events = parsed.getAsJsonObject().getAsJsonArray("events");
    } catch (JsonParseException e) {
      throw new UndecodableMessageException("not JSON: " + e.getMessage(), e);
    }
    return DecodedMessage.ofElements(TABLE, events, event -> {
      AnalyticsEventRow row = Rows.fromJson(AnalyticsEventRow.class, event);
      return new Warehouse.Row(row.id(), Rows.values(row));
    });
  }
}
