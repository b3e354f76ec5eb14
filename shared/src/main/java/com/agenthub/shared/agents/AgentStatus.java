package com.agenthub.shared.agents;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Locale;

/** The lifecycle states a caller can set. Deletion is not a status: a deleted agent is archived. */
public enum AgentStatus {
  ACTIVE, INACTIVE, PAUSED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AgentStatus parse(String field, String value) {
    return Arrays.stream(values())
        .filter(s -> s.wire().equals(value))
        .findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of active, inactive, paused"));
  }
}
