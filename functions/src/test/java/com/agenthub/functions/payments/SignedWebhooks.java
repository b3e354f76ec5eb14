package com.agenthub.functions.payments;

import com.agenthub.functions.testing.ApiClient;
import com.agenthub.functions.testing.ApiResponse;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.shared.local.payments.StripeSignatureHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stripe-shaped events from a fixture file, signed as Stripe signs them, posted to HandlePaymentWebhook. */
final class SignedWebhooks {

  private static final String TEMPLATE = resource("/webhooks/payment_intent_event.json");

  private SignedWebhooks() {}

  /** An event about {@code processorIntentId} now in {@code status}, with a fresh id, created {@code created}. */
  static String event(String processorIntentId, String status, long amount, long created) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("event_id", "evt_test_" + UUID.randomUUID().toString().replace("-", ""));
    values.put("created", Long.toString(created));
    values.put("processor_intent_id", processorIntentId);
    values.put("amount", Long.toString(amount));
    values.put("amount_capturable", status.equals("requires_capture") ? Long.toString(amount) : "0");
    values.put("amount_received", status.equals("succeeded") ? Long.toString(amount) : "0");
    values.put("metadata_intent_id", "");
    values.put("metadata_organization_id", "");
    values.put("status", status);
    values.put("type", "payment_intent." + (status.equals("succeeded") ? "succeeded" : status.equals("processing")
        ? "processing" : status.equals("requires_capture") ? "amount_capturable_updated" : "payment_failed"));
    String event = TEMPLATE;
    for (Map.Entry<String, String> value : values.entrySet()) {
      event = event.replace("${" + value.getKey() + "}", value.getValue());
    }
    return event;
  }

  static String withMetadata(String event, String intentId, String organizationId) {
    return event.replace("\"agenthub_payment_intent_id\": \"\"", "\"agenthub_payment_intent_id\": \"" + intentId + "\"")
        .replace("\"agenthub_organization_id\": \"\"", "\"agenthub_organization_id\": \"" + organizationId + "\"");
  }

  static ApiResponse deliver(String body) {
    return deliver(body, Optional.of(StripeSignatureHeader.sign(LocalStackFixture.WEBHOOK_SECRET,
        Instant.now().getEpochSecond(), body)));
  }

  static ApiResponse deliver(String body, Optional<String> signature) {
    ApiClient anonymous = new ApiClient(LocalStackFixture.baseUrl(), null);
    return anonymous.sendBytes("POST", "HandlePaymentWebhook", body.getBytes(StandardCharsets.UTF_8), request -> {
      request.header("Content-Type", "application/json; charset=utf-8");
      signature.ifPresent(s -> request.header("Stripe-Signature", s));
    });
  }

  private static String resource(String name) {
    try (InputStream in = SignedWebhooks.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
