package com.agenthub.shared.analytics;

import com.agenthub.shared.errors.ApiError;
import java.util.regex.Pattern;

/** Event type names: dotted lowercase words, e.g. {@code conversation.started}. */
public final class EventTypes {

  public static final int MAX_LENGTH = 100;
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

  private EventTypes() {}

  public static String require(String field, String candidate) {
    if (candidate == null || candidate.length() > MAX_LENGTH || !NAME.matcher(candidate).matches()) {
      throw ApiError.invalid(field, "'" + field + "' must be 1.." + MAX_LENGTH
          + " characters of dot-separated lowercase words (letters, digits, _), e.g. conversation.started");
    }
    return candidate;
  }
}
