package com.agenthub.shared.agents;

import com.agenthub.shared.errors.ApiError;
import com.agenthub.shared.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    requireStorableKeys(configuration, "configuration");
    int size = Json.GSON.toJson(Json.toJson(configuration)).getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_CONFIGURATION_BYTES) {
      throw ApiError.invalid("configuration", "'configuration' is " + size + " bytes as JSON; the limit is "
          + MAX_CONFIGURATION_BYTES);
    }
    return configuration;
  }

  /** Firestore refuses empty map keys and keys of the reserved form __name__. */
  private static void requireStorableKeys(Object value, String field) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = (String) entry.getKey();
        if (key.isEmpty() || (key.startsWith("__") && key.endsWith("__"))
            || key.getBytes(StandardCharsets.UTF_8).length > 1500) {
          throw ApiError.invalid(field, "keys in '" + field + "' must be non-empty, at most 1500 bytes, "
              + "and not of the form __name__; found '" + key + "'");
        }
        requireStorableKeys(entry.getValue(), field + "." + key);
      }
    } else if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof List<?>) {
          throw ApiError.invalid(field, "arrays directly inside arrays cannot be stored in '" + field + "'");
        }
        requireStorableKeys(item, field);
      }
    }
  }
}
