package com.agenthub.shared.payments;

import java.util.Map;
import java.util.Optional;

/**
 * The payment processor that actually charges (Stripe in production, a simulation locally). Every
 * call carries an idempotency key, so a retried call never charges, captures or refunds twice.
 * Failures are {@link ProcessorException}s.
 */
public interface PaymentProcessor {

  /** The name recorded on each intent (stripe, simulated). */
  String name();

  ProcessorIntent create(CreateRequest request, String idempotencyKey);

  ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey);

  ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey);

  ProcessorRefund refund(String processorIntentId, long amount, String idempotencyKey);

  ProcessorIntent retrieve(String processorIntentId);

  /** What the processor needs to create its intent; our ids travel in its metadata for humans, not for trust. */
  record CreateRequest(String intentId, String organizationId, long amount, String currency, CaptureMethod captureMethod,
      Optional<String> paymentMethod, Optional<String> description) {}

  /** The processor's view of an intent. */
  record ProcessorIntent(String id, PaymentStatus status, long amountCapturable, long amountReceived,
      Optional<String> clientSecret, Optional<Map<String, Object>> lastPaymentError, Optional<String> cancellationReason) {

    public ProcessorIntent(String id, PaymentStatus status, long amountCapturable, long amountReceived,
        Optional<String> clientSecret, Optional<Map<String, Object>> lastPaymentError) {
      this(id, status, amountCapturable, amountReceived, clientSecret, lastPaymentError, Optional.empty());
    }
  }

  /** A refund as the processor reports it: succeeded, pending or failed. */
  record ProcessorRefund(String id, String status) {}
}
