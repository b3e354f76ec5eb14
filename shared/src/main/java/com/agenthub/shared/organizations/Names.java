package com.agenthub.shared.organizations;

import com.agenthub.shared.errors.ApiError;

/** The rule for human-readable names (organizations, keys, agents): trimmed, 1 to 200 characters. */
public final class Names {

  public static final int MAX_LENGTH = 200;

  private Names() {}

  public static String require(String field, String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty()) {
      throw ApiError.invalid(field, "'" + field + "' must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      throw ApiError.invalid(field, "'" + field + "' must be at most " + MAX_LENGTH + " characters");
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c))) {
      throw ApiError.invalid(field, "'" + field + "' must not contain control characters");
    }
    return trimmed;
  }
}
