package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Locale;

/** Stripe's cancellation reasons a caller may give. */
public enum CancellationReason {
  DUPLICATE, FRAUDULENT, REQUESTED_BY_CUSTOMER, ABANDONED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static CancellationReason parse(String field, String value) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(value)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field,
            "'" + field + "' must be one of duplicate, fraudulent, requested_by_customer, abandoned"));
  }
}
