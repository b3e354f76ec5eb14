package com.agenthub.shared.agents;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.StorableJson;
import java.util.Map;

/** Validation of agent fields beyond their JSON types. */
final class AgentFields {

  static final int MAX_INDUSTRY_LENGTH = 100;
  /** Keeps an agent document far below Firestore's 1 MiB ceiling, index entries included. */
  static final int MAX_CONFIGURATION_BYTES = 64 * 1024;

  private AgentFields() {}

  static String industry(String value) {
    String trimmed = value.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_INDUSTRY_LENGTH) {
      throw ApiError.invalid("industry", "'industry' must be 1.." + MAX_INDUSTRY_LENGTH + " characters");
    }
    return trimmed;
  }

  static Map<String, Object> configuration(Map<String, Object> configuration) {
    return StorableJson.require("configuration", configuration, MAX_CONFIGURATION_BYTES);
  }
}
