package com.agenthub.functions.payments;

import static com.agenthub.functions.payments.PaymentCalls.awaitRefund;
import static com.agenthub.functions.payments.PaymentCalls.awaitStatus;
import static com.agenthub.functions.payments.PaymentCalls.create;
import static com.agenthub.functions.payments.PaymentCalls.get;
import static com.agenthub.functions.payments.PaymentCalls.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.wiring.Services;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Refunds the processor settles after answering: pending ones succeed by webhook, ones it fails
 * later are reversed in the ledger, exactly once however often the webhook comes, lost webhooks
 * are caught up by reconciliation, and a refund event can only settle a refund of the intent it names.
 */
class RefundSettlementHttpTest {

  private final LocalStackFixture.Tenant tenant = LocalStackFixture.newTenant("Refund settlement");
  private final ApiClient org = tenant.client();

  private String paid(String paymentMethod, long amount) {
    String id = create(org, "{\"amount\": " + amount + ", \"currency\": \"usd\", \"payment_method\": \"" + paymentMethod + "\"}")
        .get("id").getAsString();
    awaitStatus(org, id, "succeeded");
    return id;
  }

  private JsonObject refund(ApiClient client, String intentId, long amount) {
    ApiResponse refund = post(client, "CreateRefund", "{\"payment_intent_id\": \"" + intentId + "\", \"amount\": " + amount + "}");
    assertEquals(201, refund.status(), refund::toString);
    return refund.json();
  }

  @Test
  void aPendingRefundSucceedsByWebhook() {
    String id = paid("pm_card_pendingRefund", 1000);
    JsonObject pending = refund(org, id, 300);
    assertEquals("pending", pending.get("status").getAsString());
    assertEquals(300, get(org, id).get("amount_refunded").getAsLong(), "the amount is held while pending");
    JsonObject settled = awaitRefund(org, pending.get("id").getAsString(), "succeeded");
    assertTrue(settled.get("processor_refund_id").getAsString().startsWith("re_sim_"), settled::toString);
    assertEquals(300, get(org, id).get("amount_refunded").getAsLong());
    assertEquals(4, entries(id), "payment received and refund: two transactions of two entries");
  }

  @Test
  void aRefundFailedLaterIsReversedOnceThoughItsWebhookComesThreeTimes() {
    String id = paid("pm_card_refundFail+duplicates", 900);
    JsonObject refund = refund(org, id, 900);
    assertEquals("succeeded", refund.get("status").getAsString());
    awaitRefund(org, refund.get("id").getAsString(), "failed");
    PaymentCalls.sleep(500);
    assertEquals(0, get(org, id).get("amount_refunded").getAsLong());
    assertEquals(6, entries(id), "payment, refund and one reversal");
    // The money is back: it can be refunded again.
    assertEquals("succeeded", refund(org, id, 100).get("status").getAsString());
  }

  @Test
  void lostRefundWebhooksAreCaughtUpByReconciliation() {
    // +lost: no webhook of this intent ever arrives, so reconciliation first brings the payment itself.
    String id = create(org, "{\"amount\": 700, \"currency\": \"usd\", \"payment_method\": \"pm_card_pendingRefund+lost\"}")
        .get("id").getAsString();
    PaymentCalls.sleep(600);
    Services.production().payments().reconciliation().reconcile(Duration.ZERO);
    assertEquals("succeeded", get(org, id).get("status").getAsString());
    String refundId = refund(org, id, 700).get("id").getAsString();
    PaymentCalls.sleep(600);
    assertEquals("pending", org.get("GetRefund?refund_id=" + refundId).json().get("status").getAsString(), "no webhook arrived");
    var report = Services.production().payments().reconciliation().reconcile(Duration.ZERO);
    assertTrue(report.refundsSettled() >= 1, report::toString);
    assertEquals("succeeded", org.get("GetRefund?refund_id=" + refundId).json().get("status").getAsString());
    assertEquals(4, entries(id));
    Services.production().payments().reconciliation().reconcile(Duration.ZERO);
    assertEquals(4, entries(id), "a second run changes nothing");
  }

  @Test
  void aRefundEventCannotSettleARefundOfAnotherIntentOrTenant() {
    LocalStackFixture.Tenant other = LocalStackFixture.newTenant("Refund victim");
    String victimIntent = create(other.client(), "{\"amount\": 500, \"currency\": \"usd\", \"payment_method\": "
        + "\"pm_card_pendingRefund\"}").get("id").getAsString();
    awaitStatus(other.client(), victimIntent, "succeeded");
    String victimRefund = refund(other.client(), victimIntent, 500).get("id").getAsString();

    // Signed by the processor, about OUR intent, naming the victim's refund in its metadata.
    String ours = create(org, "{\"amount\": 500, \"currency\": \"usd\"}").get("processor_intent_id").getAsString();
    String misdirected = refundEvent(ours, victimRefund, "failed");
    ApiResponse answer = SignedWebhooks.deliver(misdirected);
    assertEquals(200, answer.status(), answer::toString);
    assertEquals("ignored", answer.json().get("outcome").getAsString());
    // Unmoved by the forged failure: still pending, or succeeded by its own genuine webhook meanwhile.
    String status = other.client().get("GetRefund?refund_id=" + victimRefund).json().get("status").getAsString();
    assertTrue(status.equals("pending") || status.equals("succeeded"), status);
    assertEquals(500, get(other.client(), victimIntent).get("amount_refunded").getAsLong());
  }

  private static String refundEvent(String processorIntentId, String refundId, String status) {
    return "{\"id\": \"evt_test_" + UUID.randomUUID().toString().replace("-", "") + "\", \"object\": \"event\", "
        + "\"api_version\": \"2025-09-30.clover\", \"created\": " + Instant.now().getEpochSecond() + ", "
        + "\"type\": \"refund." + (status.equals("failed") ? "failed" : "updated") + "\", \"livemode\": false, "
        + "\"pending_webhooks\": 1, \"data\": {\"object\": {\"id\": \"re_test_" + UUID.randomUUID().toString().replace("-", "")
        + "\", \"object\": \"refund\", \"amount\": 500, \"currency\": \"usd\", \"metadata\": {\"agenthub_refund_id\": \""
        + refundId + "\"}, \"payment_intent\": \"" + processorIntentId + "\", \"status\": \"" + status + "\"}}}";
  }

  private int entries(String intentId) {
    return org.get("ListLedgerEntries?payment_intent_id=" + intentId).json().getAsJsonArray("ledger_entries").size();
  }
}
