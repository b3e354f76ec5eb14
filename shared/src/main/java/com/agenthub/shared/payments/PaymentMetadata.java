package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stripe's metadata rules (https://docs.stripe.com/metadata): ≤ 50 keys of ≤ 40 characters, string values of ≤ 500. */
public final class PaymentMetadata {

  static final int MAX_KEYS = 50;
  static final int MAX_KEY_LENGTH = 40;
  static final int MAX_VALUE_LENGTH = 500;

  private PaymentMetadata() {}

  public static Map<String, String> require(String field, Map<String, Object> metadata) {
    if (metadata.size() > MAX_KEYS) {
      throw ApiError.invalid(field, "'" + field + "' may have at most " + MAX_KEYS + " keys");
    }
    Map<String, String> checked = new LinkedHashMap<>();
    metadata.forEach((key, value) -> {
      if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.contains("[") || key.contains("]")
          || (key.startsWith("__") && key.endsWith("__"))) {
        throw ApiError.invalid(field, "keys of '" + field + "' must be 1.." + MAX_KEY_LENGTH
            + " characters without square brackets; found '" + key + "'");
      }
      if (!(value instanceof String text) || text.length() > MAX_VALUE_LENGTH) {
        throw ApiError.invalid(field, "'" + field + "." + key + "' must be a string of at most " + MAX_VALUE_LENGTH
            + " characters");
      }
      checked.put(key, text);
    });
    return checked;
  }
}
