package com.agenthub.shared.payments;

import java.time.Instant;
import java.util.Optional;

/** A refund of part or all of a payment: pending until the processor confirms, failed ones reversed. */
public record Refund(String id, String organizationId, String paymentIntentId, long amount, String currency,
    String status, Optional<String> reason, Optional<String> processorRefundId, Instant createdAt) {

  public static final String PENDING = "pending";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
}
