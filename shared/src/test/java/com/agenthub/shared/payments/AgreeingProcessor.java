package com.agenthub.shared.payments;

import java.util.Optional;

/**
 * A processor that does whatever it is asked and reports the intent it was told to report: the
 * domain's own rules (state machine, amounts, ledger) are then all that decides an outcome.
 */
public final class AgreeingProcessor implements PaymentProcessor {

  private volatile PaymentStatus createdStatus = PaymentStatus.REQUIRES_PAYMENT_METHOD;
  private final java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.Map<String, Long> amounts = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, ProcessorRefund> refunds = new java.util.concurrent.ConcurrentHashMap<>();

  /** The status (and matching amounts) the next created intents start in. */
  public AgreeingProcessor startingIn(PaymentStatus status) {
    this.createdStatus = status;
    return this;
  }

  @Override
  public String name() {
    return "agreeing";
  }

  @Override
  public ProcessorIntent create(CreateRequest request, String idempotencyKey) {
    PaymentStatus status = createdStatus;
    String id = "pi_agree_" + ids.incrementAndGet();
    amounts.put(id, request.amount());
    return new ProcessorIntent(id, status,
        status == PaymentStatus.REQUIRES_CAPTURE ? request.amount() : 0,
        status == PaymentStatus.SUCCEEDED ? request.amount() : 0, Optional.of("secret"), Optional.empty());
  }

  @Override
  public ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey) {
    return new ProcessorIntent(processorIntentId, PaymentStatus.SUCCEEDED, 0, amountToCapture, Optional.empty(), Optional.empty());
  }

  @Override
  public ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey) {
    return new ProcessorIntent(processorIntentId, PaymentStatus.CANCELED, 0, 0, Optional.empty(), Optional.empty());
  }

  @Override
  public ProcessorRefund refund(String processorIntentId, String refundId, long amount, String idempotencyKey) {
    String id = "re_agree_" + ids.incrementAndGet();
    refunds.put(id, new ProcessorRefund(id, "succeeded", processorIntentId, Optional.of(refundId)));
    return refunds.get(id);
  }

  @Override
  public ProcessorRefund retrieveRefund(String processorRefundId) {
    return refunds.get(processorRefundId);
  }

  /** Whatever happened, the customer has paid by now. */
  @Override
  public ProcessorIntent retrieve(String processorIntentId) {
    return new ProcessorIntent(processorIntentId, PaymentStatus.SUCCEEDED, 0, amounts.getOrDefault(processorIntentId, 0L),
        Optional.empty(), Optional.empty());
  }
}
