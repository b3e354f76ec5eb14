package com.agenthub.shared.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.shared.adapter.memory.InMemoryDocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A webhook that overtakes the create that caused it is kept, then applied once the intent exists. */
class EarlyWebhookTest {

  private final InMemoryDocumentStore store = new InMemoryDocumentStore();
  private final AgreeingProcessor processor = new AgreeingProcessor().startingIn(PaymentStatus.REQUIRES_CONFIRMATION);
  private final PaymentEvents events = new PaymentEvents(store, Clock.systemUTC());
  private final PaymentIntents intents = new PaymentIntents(store, processor, Clock.systemUTC());

  @Test
  void anEventThatArrivedBeforeItsIntentIsAppliedWhenTheIntentIsCreated() {
    // The agreeing processor names its first intent pi_agree_1.
    ProcessorEvent early = new ProcessorEvent("evt_early", "payment_intent.succeeded", Instant.now(), processor.name(),
        Optional.of(new PaymentProcessor.ProcessorIntent("pi_agree_1", PaymentStatus.SUCCEEDED, 0, 1000, Optional.empty(),
            Optional.empty())));
    assertEquals(PaymentEvents.Outcome.UNKNOWN_INTENT, events.apply(early));

    PaymentIntent created = intents.create("org", new NewPaymentIntent(1000, Currencies.require("currency", "usd"),
        CaptureMethod.AUTOMATIC, Optional.empty(), Optional.empty(), Map.of(), Optional.of("pm_card_visa"))).intent();
    assertEquals("pi_agree_1", created.processorIntentId());
    assertEquals(PaymentStatus.SUCCEEDED, created.status());
    assertEquals(1000, new Ledger(store).balances("org").get(0).received());
    assertEquals(PaymentEvents.Outcome.DUPLICATE, events.apply(early), "applied once, and recorded as such");
  }
}
