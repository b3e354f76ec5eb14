package com.agenthub.shared.conversations;

import com.agenthub.shared.errors.ApiError;

/** A conversation takes messages while open; closing it is final. */
public enum ConversationStatus {
  OPEN, CLOSED;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static ConversationStatus parse(String field, String value) {
    for (ConversationStatus status : values()) {
      if (status.wire().equals(value)) {
        return status;
      }
    }
    throw ApiError.invalid(field, "'" + field + "' must be one of open, closed");
  }
}
