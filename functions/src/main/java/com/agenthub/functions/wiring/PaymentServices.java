package com.agenthub.functions.wiring;

import com.agenthub.shared.payments.LegacyPaymentImports;
import com.agenthub.shared.payments.Ledger;
import com.agenthub.shared.payments.PaymentActions;
import com.agenthub.shared.payments.PaymentEvents;
import com.agenthub.shared.payments.PaymentIntents;
import com.agenthub.shared.payments.PaymentProcessor;
import com.agenthub.shared.payments.PaymentReconciliation;
import com.agenthub.shared.payments.ProcessorEventVerifier;
import com.agenthub.shared.port.DocumentStore;
import java.time.Clock;
import java.util.function.Supplier;

/** The Payments service's use cases, composed once; {@link Services} holds it as one component. */
public record PaymentServices(PaymentIntents intents, PaymentActions actions, PaymentEvents events, Ledger ledger,
    PaymentReconciliation reconciliation, ProcessorEventVerifier webhookVerifier, LegacyPaymentImports legacyImports) {

  /**
   * The processor and the verifier are built on first use: most functions never call the
   * processor, and each function holds only the secret of the one it uses.
   */
  public static PaymentServices over(DocumentStore store, Clock clock, Supplier<PaymentProcessor> processor,
      Supplier<ProcessorEventVerifier> verifier) {
    PaymentProcessor lazy = new LazyPaymentProcessor(processor);
    Lazy<ProcessorEventVerifier> lazyVerifier = new Lazy<>(verifier);
    return new PaymentServices(new PaymentIntents(store, lazy, clock), new PaymentActions(store, lazy, clock),
        new PaymentEvents(store, clock), new Ledger(store), new PaymentReconciliation(store, lazy, clock),
        (body, header) -> lazyVerifier.get().verify(body, header), new LegacyPaymentImports(store, clock));
  }
}
