package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;

/** Automatic: the payment is captured when authorized. Manual: it waits in requires_capture. */
public enum CaptureMethod {
  AUTOMATIC, MANUAL;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static CaptureMethod parse(String field, String value) {
    return switch (value) {
      case "automatic" -> AUTOMATIC;
      case "manual" -> MANUAL;
      default -> throw ApiError.invalid(field, "'" + field + "' must be automatic or manual");
    };
  }
}
