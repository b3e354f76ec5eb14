package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.time.Instant;
import java.util.Optional;

/** Which intents a list shows: exact status and customer_ref, and a created_at range [from, to). */
public record PaymentIntentFilter(Optional<PaymentStatus> status, Optional<String> customerRef,
    Optional<Instant> createdFrom, Optional<Instant> createdTo) {

  public PaymentIntentFilter {
    if (createdFrom.isPresent() && createdTo.isPresent() && !createdFrom.get().isBefore(createdTo.get())) {
      throw ApiError.invalid("created_to", "'created_to' must be after 'created_from'");
    }
  }
}
