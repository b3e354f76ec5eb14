package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One event a client tracks, checked on construction: its type, its data, who and which session
 * it belongs to, when it happened, and the client's own id for it (which makes a retry idempotent).
 */
public record NewEvent(
    String eventType,
    Map<String, Object> eventData,
    Optional<String> userId,
    Optional<String> sessionId,
    Optional<Instant> timestamp,
    Optional<String> eventId) {

  static final int MAX_ID_LENGTH = 128;
  private static final Pattern CLIENT_EVENT_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1," + MAX_ID_LENGTH + "}");
  private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cntrl}]{1," + MAX_ID_LENGTH + "}");

  public NewEvent {
    EventTypes.require("event_type", eventType);
    eventData = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(eventData));
    userId.ifPresent(id -> requirePrintable("user_id", id));
    sessionId.ifPresent(id -> requirePrintable("session_id", id));
    eventId.ifPresent(id -> {
      if (!CLIENT_EVENT_ID.matcher(id).matches()) {
        throw ApiError.invalid("event_id", "'event_id' must be 1.." + MAX_ID_LENGTH + " letters, digits or _ . : -");
      }
    });
  }

  private static void requirePrintable(String field, String value) {
    if (!PRINTABLE.matcher(value).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1.." + MAX_ID_LENGTH + " characters without control characters");
    }
  }
}
