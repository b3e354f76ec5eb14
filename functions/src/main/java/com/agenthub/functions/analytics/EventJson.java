package com.agenthub.functions.analytics;

import com.agenthub.shared.analytics.EventIntake;
import com.agenthub.shared.analytics.EventOutcome;
import com.agenthub.shared.analytics.NewEvent;
import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.http.ErrorJson;
import com.agenthub.shared.http.JsonFields;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading TrackEvents' and ImportEventHistory's JSON, and their replies; every error names its place, e.g. {@code events[3].event_type}. */
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

  /** An event as read from the request: the event, or the error that kept it out. */
  record Parsed(int index, NewEvent event, ApiError error) {
    Parsed(int index, NewEvent event) {
      this(index, event, null);
    }
  }

  /** The events of {@code {"events": [...]}}, each read alone: one bad event keeps only itself out. */
  static List<Parsed> batch(JsonFields body) {
    body.rejectUnknown(Set.of("events"));
    JsonArray events = events(body.asJson().get("events"));
    List<Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      String prefix = "events[" + i + "].";
      try {
        parsed.add(new Parsed(i, newEvent(prefix, object(prefix, events.get(i)))));
      } catch (ApiError e) {
        parsed.add(new Parsed(i, null, e));
      }
    }
    return parsed;
  }

  /** {@code {"accepted": [{index, id}], "rejected": [{index, error}]}}, in request order. */
  static JsonObject reply(List<Parsed> parsed, List<EventOutcome> outcomes) {
    JsonArray accepted = new JsonArray();
    JsonArray rejected = new JsonArray();
    int next = 0;
    for (Parsed event : parsed) {
      Optional<ApiError> error = Optional.ofNullable(event.error);
      Optional<String> id = Optional.empty();
      if (event.event != null) {
        EventOutcome outcome = outcomes.get(next++);
        id = outcome.id();
        error = outcome.error().map(e -> prefixed("events[" + event.index + "].", e));
      }
      JsonObject entry = new JsonObject();
      entry.addProperty("index", event.index);
      if (id.isPresent()) {
        entry.addProperty("id", id.get());
        accepted.add(entry);
      } else {
        entry.add("error", ErrorJson.detail(error.get()));
        rejected.add(entry);
      }
    }
    JsonObject body = new JsonObject();
    body.add("accepted", accepted);
    body.add("rejected", rejected);
    return body;
  }

  /** The events that were read without error, in order: what the use case is given. */
  static List<NewEvent> valid(List<Parsed> parsed) {
    return parsed.stream().filter(p -> p.event != null).map(p -> p.event).toList();
  }
}
