package com.agenthub.shared.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A request that committed but died before its Idempotency-Key stored the reply is retried
 * (after the key's claim is abandoned): the retry must find what the first one did, and send the
 * processor the same key, so nothing is charged or refunded twice.
 */
class RetryAfterCrashTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final List<String> processorKeys = new ArrayList<>();
  private final AgreeingProcessor agreeing = new AgreeingProcessor().startingIn(PaymentStatus.SUCCEEDED);
  private final PaymentProcessor processor = new ForwardingProcessor(agreeing) {
    @Override
    public ProcessorIntent create(CreateRequest request, String key) {
      processorKeys.add(key);
      return super.create(request, key);
    }

    @Override
    public ProcessorRefund refund(String id, String refundId, long amount, String key) {
      processorKeys.add(key);
      return super.refund(id, refundId, amount, key);
    }
  };

  private final PaymentIntents intents = new PaymentIntents(store, processor, Clock.systemUTC());
  private final PaymentActions actions = new PaymentActions(store, processor, Clock.systemUTC());

  @Test
  void aRetriedCreateFindsTheIntentAndSendsTheSameProcessorKey() {
    PaymentIntent first = intents.create("org", request(1000), Optional.of("key-1")).intent();
    PaymentIntent retried = intents.create("org", request(1000), Optional.of("key-1")).intent();
    assertEquals(first.id(), retried.id());
    assertEquals(processorKeys.get(0), processorKeys.get(1));
    assertEquals(1000, new Ledger(store).balances("org").get(0).received(), "received once");

    PaymentIntent reused = intents.create("org", request(2000), Optional.of("key-1")).intent();
    assertNotEquals(first.id(), reused.id(), "the same key with another request (after its 24 h) is another intent");
  }

  @Test
  void aRetriedRefundFindsItsReservationAndRefundsOnce() {
    String id = intents.create("org", request(1000), Optional.of("key-2")).intent().id();
    Refund first = actions.refund("org", id, Optional.of(300L), Optional.empty(), Optional.of("refund-key"));
    Refund retried = actions.refund("org", id, Optional.of(300L), Optional.empty(), Optional.of("refund-key"));
    assertEquals(first.id(), retried.id());
    assertEquals(300, intents.get("org", id).amountRefunded());
    assertEquals(1, processorKeys.stream().filter(k -> k.startsWith("refund-")).count(), "the processor was asked once");
    assertEquals(700, new Ledger(store).balances("org").get(0).received());

    Refund rest = actions.refund("org", id, Optional.empty(), Optional.empty(), Optional.of("refund-rest"));
    Refund restRetried = actions.refund("org", id, Optional.empty(), Optional.empty(), Optional.of("refund-rest"));
    assertEquals(rest.id(), restRetried.id(), "a retried full refund is the same refund, not a 409");
    assertEquals(1000, intents.get("org", id).amountRefunded());
  }

  private static NewPaymentIntent request(long amount) {
    return new NewPaymentIntent(amount, Currencies.require("currency", "usd"), CaptureMethod.AUTOMATIC, Optional.empty(),
        Optional.empty(), Map.of(), Optional.empty());
  }
}
