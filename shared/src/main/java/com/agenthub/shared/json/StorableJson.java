package com.agenthub.shared.json;

import com.agenthub.shared.errors.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Client-shaped JSON objects (agent configuration, conversation metadata) that a document stores
 * as a map: what Firestore would refuse is a 400 naming the field, before anything is written.
 */
public final class StorableJson {

  /** Firestore's ceiling for a map key (a field path segment). */
  private static final int MAX_KEY_BYTES = 1500;

  private StorableJson() {}

  /** {@code value} if Firestore can store it and it is at most {@code maxBytes} as compact JSON. */
  public static Map<String, Object> require(String field, Map<String, Object> value, int maxBytes) {
    requireStorableKeys(value, field);
    int size = Json.GSON.toJson(Json.toJson(value)).getBytes(StandardCharsets.UTF_8).length;
    if (size > maxBytes) {
      throw ApiError.invalid(field, "'" + field + "' is " + size + " bytes as JSON; the limit is " + maxBytes);
    }
    return value;
  }

  /** Firestore refuses empty map keys, keys of the reserved form __name__, and arrays directly inside arrays. */
  private static void requireStorableKeys(Object value, String field) {
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = (String) entry.getKey();
        if (key.isEmpty() || (key.startsWith("__") && key.endsWith("__"))
            || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
          throw ApiError.invalid(field, "keys in '" + field + "' must be non-empty, at most " + MAX_KEY_BYTES + " bytes, "
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
