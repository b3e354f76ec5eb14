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

  /** Refunds part of what an intent received; {@code refundId} (ours) travels in the refund's metadata. */
  ProcessorRefund refund(String processorIntentId, String refundId, long amount, String idempotencyKey);

  /** The refund as the processor sees it now (reconciliation of refunds left pending). */
  ProcessorRefund retrieveRefund(String processorRefundId);

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

  /**
   * A refund as the processor reports it: {@code status} is succeeded, pending or failed (a
   * canceled refund is a failed one to us); which intent it refunds, and our refund id from its
   * metadata when the processor returns it.
   */
  record ProcessorRefund(String id, String status, String processorIntentId, Optional<String> refundId) {}
}
