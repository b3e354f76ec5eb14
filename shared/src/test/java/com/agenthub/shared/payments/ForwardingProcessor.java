package com.agenthub.shared.payments;

/** A processor that forwards every call to another: tests override the calls they watch or break. */
class ForwardingProcessor implements PaymentProcessor {

  private final PaymentProcessor delegate;

  ForwardingProcessor(PaymentProcessor delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public ProcessorIntent create(CreateRequest request, String key) {
    return delegate.create(request, key);
  }

  @Override
  public ProcessorIntent capture(String id, long amount, String key) {
    return delegate.capture(id, amount, key);
  }

  @Override
  public ProcessorIntent cancel(String id, CancellationReason reason, String key) {
    return delegate.cancel(id, reason, key);
  }

  @Override
  public ProcessorRefund refund(String id, String refundId, long amount, String key) {
    return delegate.refund(id, refundId, amount, key);
  }

  @Override
  public ProcessorRefund retrieveRefund(String processorRefundId) {
    return delegate.retrieveRefund(processorRefundId);
  }

  @Override
  public ProcessorIntent retrieve(String id) {
    return delegate.retrieve(id);
  }
}
