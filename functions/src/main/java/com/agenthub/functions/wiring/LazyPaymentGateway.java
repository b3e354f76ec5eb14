package com.agenthub.functions.wiring;

import com.agenthub.shared.payments.CancellationReason;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.ProcessorEvent;
import com.agenthub.shared.payments.ProcessorEventVerifier;
import java.util.Optional;
import java.util.function.Supplier;

/** A {@link PaymentGateway} built on first use, behind the processor and verifier ports. */
final class LazyPaymentGateway {

  private final Supplier<PaymentGateway> build;
  private volatile PaymentGateway gateway;

  LazyPaymentGateway(Supplier<PaymentGateway> build) {
    this.build = build;
  }

  private PaymentGateway gateway() {
    PaymentGateway built = gateway;
    if (built == null) {
      synchronized (this) {
        if (gateway == null) {
          gateway = build.get();
        }
        built = gateway;
      }
    }
    return built;
  }

  PaymentProcessor processor() {
    return new PaymentProcessor() {
      @Override
      public String name() {
        return gateway().processor().name();
      }

      @Override
      public ProcessorIntent create(CreateRequest request, String idempotencyKey) {
        return gateway().processor().create(request, idempotencyKey);
      }

      @Override
      public ProcessorIntent capture(String processorIntentId, long amountToCapture, String idempotencyKey) {
        return gateway().processor().capture(processorIntentId, amountToCapture, idempotencyKey);
      }

      @Override
      public ProcessorIntent cancel(String processorIntentId, CancellationReason reason, String idempotencyKey) {
        return gateway().processor().cancel(processorIntentId, reason, idempotencyKey);
      }

      @Override
      public ProcessorRefund refund(String processorIntentId, long amount, String idempotencyKey) {
        return gateway().processor().refund(processorIntentId, amount, idempotencyKey);
      }

      @Override
      public ProcessorIntent retrieve(String processorIntentId) {
        return gateway().processor().retrieve(processorIntentId);
      }
    };
  }

  ProcessorEventVerifier verifier() {
    return (ProcessorEventVerifier) (String rawBody, Optional<String> header) -> gateway().verifier().verify(rawBody, header);
  }
}
