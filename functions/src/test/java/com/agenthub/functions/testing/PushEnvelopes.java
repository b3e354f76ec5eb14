package com.agenthub.functions.testing;

import com.agenthub.shared.json.Json;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/** Push bodies as Pub/Sub POSTs them to a topic-triggered function, written independently of the code under test. */
public final class PushEnvelopes {

  public static final String SUBSCRIPTION = "projects/test-project/subscriptions/Test-sub";

  private PushEnvelopes() {}

  public static byte[] of(String messageId, byte[] data, Map<String, String> attributes, Optional<Integer> deliveryAttempt) {
    JsonObject message = new JsonObject();
    message.addProperty("data", Base64.getEncoder().encodeToString(data));
    message.add("attributes", Json.GSON.toJsonTree(attributes));
    message.addProperty("messageId", messageId);
    message.addProperty("publishTime", "2026-11-26T10:00:02.123Z");
    JsonObject envelope = new JsonObject();
    envelope.add("message", message);
    envelope.addProperty("subscription", SUBSCRIPTION);
    deliveryAttempt.ifPresent(attempt -> envelope.addProperty("deliveryAttempt", attempt));
    return Json.GSON.toJson(envelope).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] of(String messageId, String data) {
    return of(messageId, data.getBytes(StandardCharsets.UTF_8), Map.of(), Optional.empty());
  }
}
