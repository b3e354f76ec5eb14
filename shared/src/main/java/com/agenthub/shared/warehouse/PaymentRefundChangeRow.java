package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of payment_refunds: one committed change of a refund, with its state after it. */
public record PaymentRefundChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String refundId,
    String paymentIntentId,
    long amount,
    String currency,
    String status,
    Optional<String> reason,
    Optional<String> processorRefundId,
    Instant createdAt) {}
