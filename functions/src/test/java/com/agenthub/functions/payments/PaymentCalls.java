package com.agenthub.functions.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.google.gson.JsonObject;
import java.util.Map;
import java.util.UUID;

/** The payment calls tests make, over real HTTP, each money-moving one with a fresh Idempotency-Key. */
final class PaymentCalls {

  private PaymentCalls() {}

  static ApiResponse post(ApiClient client, String function, String json) {
    return post(client, function, json, UUID.randomUUID().toString());
  }

  static ApiResponse post(ApiClient client, String function, String json, String idempotencyKey) {
    return client.send("POST", function, json, Map.of("Content-Type", "application/json", "Idempotency-Key", idempotencyKey));
  }

  /** A new intent; fails the test unless it was created. */
  static JsonObject create(ApiClient client, String json) {
    ApiResponse created = post(client, "CreatePaymentIntent", json);
    assertEquals(201, created.status(), created::toString);
    return created.json();
  }

  static JsonObject get(ApiClient client, String intentId) {
    ApiResponse got = client.get("GetPaymentIntent?payment_intent_id=" + intentId);
    assertEquals(200, got.status(), got::toString);
    return got.json();
  }

  /** Waits (up to 15 s) until the simulated customer's webhooks have brought the intent to {@code status}. */
  static JsonObject awaitStatus(ApiClient client, String intentId, String status) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonObject intent = get(client, intentId);
    while (!intent.get("status").getAsString().equals(status) && System.nanoTime() < deadline) {
      sleep(50);
      intent = get(client, intentId);
    }
    assertEquals(status, intent.get("status").getAsString(), intent::toString);
    return intent;
  }

  /** Waits (up to 15 s) until the processor's refund webhook has settled the refund in {@code status}. */
  static JsonObject awaitRefund(ApiClient client, String refundId, String status) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    JsonObject refund = client.get("GetRefund?refund_id=" + refundId).json();
    while (!refund.get("status").getAsString().equals(status) && System.nanoTime() < deadline) {
      sleep(50);
      refund = client.get("GetRefund?refund_id=" + refundId).json();
    }
    assertEquals(status, refund.get("status").getAsString(), refund::toString);
    return refund;
  }

  /** A succeeded payment of {@code amount} usd, paid through the simulated processor's webhook. */
  static JsonObject paid(ApiClient client, long amount) {
    String id = create(client, "{\"amount\": " + amount + ", \"currency\": \"usd\", \"payment_method\": \"pm_card_visa\"}")
        .get("id").getAsString();
    return awaitStatus(client, id, "succeeded");
  }

  /** An authorized payment waiting in requires_capture. */
  static JsonObject authorized(ApiClient client, long amount) {
    String id = create(client, "{\"amount\": " + amount + ", \"currency\": \"usd\", \"capture_method\": \"manual\", "
        + "\"payment_method\": \"pm_card_visa\"}").get("id").getAsString();
    return awaitStatus(client, id, "requires_capture");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
