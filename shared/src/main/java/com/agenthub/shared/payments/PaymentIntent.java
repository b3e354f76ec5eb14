package com.agenthub.shared.payments;

import com.agenthub.shared.port.Version;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A payment intent of one organization: what is to be paid, and how far the processor got.
 * {@code legacyId}: the legacy service's id of an intent imported as history (ImportPaymentIntent).
 */
public record PaymentIntent(
    String id,
    String organizationId,
    long amount,
    String currency,
    PaymentStatus status,
    CaptureMethod captureMethod,
    long amountCapturable,
    long amountReceived,
    long amountRefunded,
    Optional<String> description,
    Optional<String> customerRef,
    Map<String, String> metadata,
    String processor,
    String processorIntentId,
    Optional<String> cancellationReason,
    Optional<Map<String, Object>> lastPaymentError,
    Instant createdAt,
    Instant updatedAt,
    Version version,
    Optional<String> legacyId) {}
