package com.agenthub.functions.analytics;

import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.JsonFields;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Reading TrackEvents' JSON; every error names its place, e.g. {@code events[3].event_type}. */
final class EventJson {

  private static final Set<String> FIELDS = Set.of("event_type", "event_data", "user_id", "session_id", "timestamp", "event_id");

  private EventJson() {}

  static JsonArray events(JsonElement events) {
    if (events == null || !events.isJsonArray()) {
      throw ApiError.invalid("events", "'events' must be an array of events");
    }
    JsonArray array = events.getAsJsonArray();
    if (array.isEmpty() || array.size() > EventIntake.MAX_BATCH) {
      throw ApiError.invalid("events", "'events' must hold 1.." + EventIntake.MAX_BATCH + " events, got " + array.size());
    }
    return array;
  }

  static JsonObject object(String prefix, JsonElement element) {
    if (!element.isJsonObject()) {
      throw ApiError.invalid(prefix.substring(0, prefix.length() - 1), "an event must be a JSON object");
    }
    return element.getAsJsonObject();
  }

  /** The event in {@code json}; errors carry {@code prefix} before the field name. */
  static NewEvent newEvent(String prefix, JsonObject json) {
    try {
      JsonFields fields = new JsonFields(json);
      fields.rejectUnknown(FIELDS);
      return new NewEvent(
          fields.requiredString("event_type"),
          fields.optionalObject("event_data").orElse(Map.of()),
          fields.optionalString("user_id"),
          fields.optionalString("session_id"),
          fields.optionalString("timestamp").map(EventJson::timestamp),
          fields.optionalString("event_id"));
    } catch (ApiError e) {
      throw prefixed(prefix, e);
    }
  }

  static ApiError prefixed(String prefix, ApiError error) {
    return error.under(prefix);
  }

  private static Instant timestamp(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiError.invalid("timestamp", "'timestamp' must be an RFC 3339 date-time, e.g. 2026-11-26T10:15:30Z");
    }
  }
}
