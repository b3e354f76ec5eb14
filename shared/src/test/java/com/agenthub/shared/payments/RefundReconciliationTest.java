package com.agenthub.shared.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A refund our call never got through (the processor was down) stays pending with its amount held;
 * reconciliation makes it with the refund's own idempotency key — never a second refund — and
 * settles it. One the processor refuses then is reversed.
 */
class RefundReconciliationTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final AgreeingProcessor agreeing = new AgreeingProcessor().startingIn(PaymentStatus.SUCCEEDED);
  private final List<String> refundKeys = new CopyOnWriteArrayList<>();
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicBoolean refusing = new AtomicBoolean();
  private final PaymentProcessor processor = new ForwardingProcessor(agreeing) {
    @Override
    public ProcessorRefund refund(String id, String refundId, long amount, String key) {
      refundKeys.add(key);
      if (down.get()) {
        throw new ProcessorException(ProcessorException.Reason.UNAVAILABLE, "connection refused", null);
      }
      if (refusing.get()) {
        throw new ProcessorException(ProcessorException.Reason.REFUSED, "charge already refunded", null);
      }
      return super.refund(id, refundId, amount, key);
    }
  };

  private final PaymentIntents intents = new PaymentIntents(store, processor, Clock.systemUTC());
  private final PaymentActions actions = new PaymentActions(store, processor, Clock.systemUTC());
  private final PaymentReconciliation reconciliation = new PaymentReconciliation(store, processor, Clock.systemUTC());

  @Test
  void aRefundMadeWhileTheProcessorWasDownIsMadeOnceByReconciliation() {
    String id = intents.create("org", request(1000), Optional.of("pay")).intent().id();
    down.set(true);
    Refund pending = actions.refund("org", id, Optional.of(400L), Optional.empty(), Optional.of("refund-1"));
    assertEquals(Refund.PENDING, pending.status());
    assertEquals(400, intents.get("org", id).amountRefunded(), "held while pending");

    assertEquals(0, reconciliation.reconcile(Duration.ZERO).refundsSettled(), "still down: stays pending");
    down.set(false);
    var report = reconciliation.reconcile(Duration.ZERO);
    assertEquals(1, report.refundsSettled(), report::toString);
    assertEquals(Refund.SUCCEEDED, intents.refund("org", pending.id()).status());
    assertEquals(1, refundKeys.stream().distinct().count(), "every attempt carried the refund's one key");
    assertEquals(600, new Ledger(store).balances("org").get(0).received());

    assertEquals(0, reconciliation.reconcile(Duration.ZERO).refundsChecked(), "nothing left pending");
  }

  @Test
  void aPendingRefundTheProcessorRefusesIsReversed() {
    String id = intents.create("org", request(1000), Optional.of("pay-2")).intent().id();
    down.set(true);
    Refund pending = actions.refund("org", id, Optional.of(250L), Optional.empty(), Optional.of("refund-2"));
    down.set(false);
    refusing.set(true);
    assertEquals(1, reconciliation.reconcile(Duration.ZERO).refundsSettled());
    assertEquals(Refund.FAILED, intents.refund("org", pending.id()).status());
    assertEquals(0, intents.get("org", id).amountRefunded());
    assertEquals(1000, new Ledger(store).balances("org").get(0).received());
  }

  @Test
  void aRefundYoungerThanTheThresholdIsLeftForItsWebhook() {
    String id = intents.create("org", request(1000), Optional.of("pay-3")).intent().id();
    down.set(true);
    actions.refund("org", id, Optional.of(100L), Optional.empty(), Optional.of("refund-3"));
    down.set(false);
    assertEquals(0, reconciliation.reconcile(Duration.ofMinutes(10)).refundsChecked());
  }

  private static NewPaymentIntent request(long amount) {
    return new NewPaymentIntent(amount, Currencies.require("currency", "usd"), CaptureMethod.AUTOMATIC, Optional.empty(),
        Optional.empty(), Map.of(), Optional.empty());
  }
}
