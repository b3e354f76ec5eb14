package com.agenthub.functions.payments;

import com.agenthub.functions.PubSubPushFunction;
import com.agenthub.functions.wiring.Services;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.payments.PaymentReconciliation;
import java.time.Duration;

/**
 * Runs on every tick of its schedule (Cloud Scheduler publishes to payment-reconcile-ticks): asks
 * the processor about intents that have waited on it too long and applies what webhooks missed.
 * A run that cannot reach the store answers 500 and the tick is retried; one intent failing does not stop the rest.
 */
public final class ReconcilePayments extends PubSubPushFunction {

  private final PaymentReconciliation reconciliation;
  private final Duration after;

  public ReconcilePayments() {
    this(Services.production(), PaymentReconciliation.DEFAULT_AFTER);
  }

  public ReconcilePayments(Services services) {
    this(services, PaymentReconciliation.DEFAULT_AFTER);
  }

  public ReconcilePayments(Services services, Duration after) {
    super("ReconcilePayments");
    this.reconciliation = services.payments().reconciliation();
    this.after = after;
  }

  @Override
  protected void receive(IncomingMessage tick) {
    reconciliation.reconcile(after);
  }
}
