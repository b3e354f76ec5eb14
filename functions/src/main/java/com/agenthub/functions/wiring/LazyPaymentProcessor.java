package com.agenthub.functions.wiring;

import com.agenthub.shared.payments.CancellationReason;
import com.agenthub.shared.payments.PaymentProcessor;
import java.util.function.Supplier;

/** Connects to the payment processor on first use: reads and lists never need it. */
final class LazyPaymentProcessor implements PaymentProcessor {

  private final Lazy<PaymentProcessor> processor;

  LazyPaymentProcessor(Supplier<PaymentProcessor> connect) {
    this.processor = new Lazy<>(connect);
  }

  @Override
  public String name() {
    return processor.get().name();
  }

  @Override
  public ProcessorIntent create(CreateRequest request, String idempotencyKey) {
    return processor.get().create(request, idempotencyKey);
  }

  @Override
  public ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey) {
    return processor.get().capture(processorIntentId, amountToCapture, idempotencyKey);
  }

  @Override
  public ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey) {
    return processor.get().cancel(processorIntentId, reason, idempotencyKey);
  }

  @Override
  public ProcessorRefund refund(String processorIntentId, String refundId, long amount, String idempotencyKey) {
    return processor.get().refund(processorIntentId, refundId, amount, idempotencyKey);
  }

  @Override
  public ProcessorRefund retrieveRefund(String processorRefundId) {
    return processor.get().retrieveRefund(processorRefundId);
  }

  @Override
  public ProcessorIntent retrieve(String processorIntentId) {
    return processor.get().retrieve(processorIntentId);
  }
}
