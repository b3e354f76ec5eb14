package com.agenthub.functions.wiring;

import com.agenthub.shared.payments.Ledger;
import com.agenthub.shared.payments.PaymentActions;
import com.agenthub.shared.payments.PaymentEvents;
import com.agenthub.shared.payments.PaymentIntents;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.ProcessorEventVerifier;
import com.agenthub.shared.port.DocumentStore;
import java.time.Clock;
import java.util.function.Supplier;

/** The Payments service's use cases, composed once; {@link Services} holds it as one component. */
public record PaymentServices(PaymentIntents intents, PaymentActions actions, PaymentEvents events, Ledger ledger,
    ProcessorEventVerifier webhookVerifier) {

  /** The gateway is built on first use: most functions never call the processor, and need none of its settings. */
  public static PaymentServices over(DocumentStore store, Clock clock, Supplier<PaymentGateway> gateway) {
    LazyPaymentGateway lazy = new LazyPaymentGateway(gateway);
    PaymentProcessor processor = lazy.processor();
    return new PaymentServices(new PaymentIntents(store, processor, clock), new PaymentActions(store, processor, clock),
        new PaymentEvents(store, clock), new Ledger(store), lazy.verifier());
  }
}
