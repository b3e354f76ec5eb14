package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Stripe's seven PaymentIntent statuses (https://docs.stripe.com/payments/paymentintents/lifecycle). */
public enum PaymentStatus {
  REQUIRES_PAYMENT_METHOD, REQUIRES_CONFIRMATION, REQUIRES_ACTION, PROCESSING, REQUIRES_CAPTURE, SUCCEEDED, CANCELED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == CANCELED;
  }

  public static PaymentStatus parse(String field, String value) {
    return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst()
        .orElseThrow(() -> ApiError.invalid(field, "'" + field + "' must be one of "
            + Arrays.stream(values()).map(PaymentStatus::wire).collect(Collectors.joining(", "))));
  }
}
