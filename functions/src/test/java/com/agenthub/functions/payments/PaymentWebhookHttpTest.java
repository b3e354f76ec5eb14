package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.get;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.local.payments.StripeSignatureHeader;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * HandlePaymentWebhook over HTTP with events signed as Stripe signs them: exactly once, forward
 * only, nothing written for a bad signature, and the tenant from our own record, never the payload.
 */
class PaymentWebhookHttpTest {

  private final LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Webhook test");
  private final ApiClient org = tenant.client();

  /** An intent without a payment method: the simulated processor sends nothing of its own for it. */
  private JsonObject quietIntent(long amount) {
    return create(org, "{\"amount\": " + amount + ", \"currency\": \"usd\"}");
  }

  @Test
  void theSameEventDeliveredThreeTimesHasOneEffect() {
    JsonObject intent = quietIntent(1200);
    String event = SignedWebhooks.event(intent.get("processor_intent_id").getAsString(), "succeeded", 1200, now());
    assertEquals("applied", SignedWebhooks.deliver(event).json().get("outcome").getAsString());
    assertEquals("duplicate", SignedWebhooks.deliver(event).json().get("outcome").getAsString());
    ApiResponse third = SignedWebhooks.deliver(event);
    assertEquals(200, third.status());
    assertEquals("duplicate", third.json().get("outcome").getAsString());

    String id = intent.get("id").getAsString();
    assertEquals(1200, get(org, id).get("amount_received").getAsLong());
    assertEquals(2, entries(id), "one payment_received transaction of two entries");
  }

  @Test
  void succeededDeliveredBeforeProcessingStaysSucceeded() {
    JsonObject intent = quietIntent(800);
    String pi = intent.get("processor_intent_id").getAsString();
    long t = now();
    String processing = SignedWebhooks.event(pi, "processing", 800, t);
    String succeeded = SignedWebhooks.event(pi, "succeeded", 800, t + 1);
    assertEquals("applied", SignedWebhooks.deliver(succeeded).json().get("outcome").getAsString());
    assertEquals("recorded_not_applied", SignedWebhooks.deliver(processing).json().get("outcome").getAsString());
    assertEquals("succeeded", get(org, intent.get("id").getAsString()).get("status").getAsString());
  }

  @Test
  void aFailureOlderThanTheLastAppliedEventIsNotApplied() {
    JsonObject intent = quietIntent(800);
    String pi = intent.get("processor_intent_id").getAsString();
    long t = now();
    assertEquals("applied", SignedWebhooks.deliver(SignedWebhooks.event(pi, "processing", 800, t + 1)).json()
        .get("outcome").getAsString());
    // A payment_failed created before the processing event it would undo.
    assertEquals("recorded_not_applied", SignedWebhooks.deliver(SignedWebhooks.event(pi, "requires_payment_method", 800, t))
        .json().get("outcome").getAsString());
    assertEquals("processing", get(org, intent.get("id").getAsString()).get("status").getAsString());
  }

  @Test
  void badSignaturesAreRefusedWith400AndWriteNothing() {
    JsonObject intent = quietIntent(500);
    String id = intent.get("id").getAsString();
    String event = SignedWebhooks.event(intent.get("processor_intent_id").getAsString(), "succeeded", 500, now());
    long t = now();
    assertRefused(SignedWebhooks.deliver(event, Optional.of(StripeSignatureHeader.sign("whsec_forged", t, event))));
    assertRefused(SignedWebhooks.deliver(event, Optional.of(StripeSignatureHeader.sign(LocalStackFixture.WEBHOOK_SECRET,
        t - 301, event))));
    String signedOriginal = StripeSignatureHeader.sign(LocalStackFixture.WEBHOOK_SECRET, t, event);
    assertRefused(SignedWebhooks.deliver(event.replace("\"amount_received\": 500", "\"amount_received\": 50000"),
        Optional.of(signedOriginal)));
    assertRefused(SignedWebhooks.deliver(event, Optional.empty()));
    assertRefused(SignedWebhooks.deliver(event, Optional.of("t=" + t + ",v1=nothex")));

    assertEquals("requires_payment_method", get(org, id).get("status").getAsString());
    assertEquals(0, entries(id));
    // Nothing recorded its id either: the genuine delivery still applies.
    assertEquals("applied", SignedWebhooks.deliver(event).json().get("outcome").getAsString());
  }

  @Test
  void theSecretBeingRotatedOutIsStillAccepted() {
    JsonObject intent = quietIntent(500);
    String event = SignedWebhooks.event(intent.get("processor_intent_id").getAsString(), "succeeded", 500, now());
    ApiResponse answer = SignedWebhooks.deliver(event, Optional.of(StripeSignatureHeader.sign(
        LocalStackFixture.OLD_WEBHOOK_SECRET, now(), event)));
    assertEquals(200, answer.status(), answer::toString);
    assertEquals("applied", answer.json().get("outcome").getAsString());
  }

  @Test
  void anEventForAnUnknownIntentIsAcknowledgedAndMetadataCannotPointAtAnotherTenant() {
    LocalStackFixture.Tenant other = LocalStackFixture.newTenant("Webhook victim");
    JsonObject victim = create(other.client(), "{\"amount\": 900, \"currency\": \"usd\"}");
    String unknown = SignedWebhooks.withMetadata(SignedWebhooks.event("pi_not_ours", "succeeded", 900, now()),
        victim.get("id").getAsString(), other.organizationId());
    ApiResponse answer = SignedWebhooks.deliver(unknown);
    assertEquals(200, answer.status(), answer::toString);
    assertEquals("unknown_intent", answer.json().get("outcome").getAsString());
    assertEquals("requires_payment_method", get(other.client(), victim.get("id").getAsString()).get("status").getAsString());

    // Our intent's processor id with the victim's ids in metadata: the event moves our intent, not theirs.
    JsonObject ours = quietIntent(900);
    String misdirected = SignedWebhooks.withMetadata(SignedWebhooks.event(ours.get("processor_intent_id").getAsString(),
        "succeeded", 900, now()), victim.get("id").getAsString(), other.organizationId());
    assertEquals("applied", SignedWebhooks.deliver(misdirected).json().get("outcome").getAsString());
    assertEquals("succeeded", get(org, ours.get("id").getAsString()).get("status").getAsString());
    assertEquals("requires_payment_method", get(other.client(), victim.get("id").getAsString()).get("status").getAsString());
  }

  @Test
  void theSimulatedProcessorsDuplicateAndReversedDeliveriesEndRight() {
    String duplicated = create(org, "{\"amount\": 300, \"currency\": \"usd\", \"payment_method\": \"pm_card_visa+duplicates\"}")
        .get("id").getAsString();
    String reversed = create(org, "{\"amount\": 300, \"currency\": \"usd\", \"payment_method\": \"pm_processing_succeeds+reversed\"}")
        .get("id").getAsString();
    PaymentCalls.awaitStatus(org, duplicated, "succeeded");
    PaymentCalls.awaitStatus(org, reversed, "succeeded");
    PaymentCalls.sleep(500);
    assertEquals("succeeded", get(org, reversed).get("status").getAsString(), "the late processing event is not applied");
    assertEquals(2, entries(duplicated));
    assertEquals(2, entries(reversed));
  }

  @Test
  void reconciliationAppliesWhatLostWebhooksMissedThroughTheSameTransitions() {
    String lost = create(org, "{\"amount\": 400, \"currency\": \"usd\", \"payment_method\": \"pm_card_visa+lost\"}")
        .get("id").getAsString();
    PaymentCalls.sleep(600);
    assertEquals("requires_confirmation", get(org, lost).get("status").getAsString(), "no webhook arrived");
    var report = com.agenthub.functions.wiring.Services.production().payments().reconciliation()
        .reconcile(java.time.Duration.ZERO);
    assertEquals(true, report.drifted() >= 1, report::toString);
    JsonObject reconciled = get(org, lost);
    assertEquals("succeeded", reconciled.get("status").getAsString());
    assertEquals(400, reconciled.get("amount_received").getAsLong());
    assertEquals(2, entries(lost));
    com.agenthub.functions.wiring.Services.production().payments().reconciliation().reconcile(java.time.Duration.ZERO);
    assertEquals(2, entries(lost), "a second run changes nothing");
  }

  private int entries(String intentId) {
    return org.get("ListLedgerEntries?payment_intent_id=" + intentId).json().getAsJsonArray("ledger_entries").size();
  }

  private static void assertRefused(ApiResponse answer) {
    assertEquals(400, answer.status(), answer::toString);
    assertEquals("invalid_argument", answer.errorCode());
    assertEquals("Stripe-Signature", answer.errorField());
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }
}
