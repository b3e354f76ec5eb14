package com.agenthub.shared.warehouse;

import java.time.Instant;
import java.util.Optional;

/** A row of payment_intents: one committed change of a payment intent, with its state after it. */
public record PaymentIntentChangeRow(
    String changeId,
    String changeType,
    Instant changedAt,
    String organizationId,
    String paymentIntentId,
    long amount,
    String currency,
    String status,
    String captureMethod,
    long amountCapturable,
    long amountReceived,
    long amountRefunded,
    Optional<String> description,
    Optional<String> customerRef,
    JsonText metadata,
    String processor,
    String processorIntentId,
    Optional<String> cancellationReason,
    Instant createdAt,
    Instant updatedAt) {}
