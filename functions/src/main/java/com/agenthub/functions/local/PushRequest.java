package com.agenthub.functions.local;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A pulled Pub/Sub message as the request a push subscription POSTs to its endpoint: JSON
 * {@code {"message": {"data", "attributes", "messageId", "publishTime", …}, "subscription",
 * "deliveryAttempt"}}, the envelope production's functions take ({@code PubSubEnvelope}).
 */
final class PushRequest {

  private static final Gson GSON = new Gson();

  private PushRequest() {}

  static HttpRequest of(URI endpoint, ProjectSubscriptionName subscription, ReceivedMessage received, Duration timeout) {
    return HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(subscription, received), StandardCharsets.UTF_8))
        .build();
  }

  /**
   * The envelope, with the service's duplicate snake_case names and, when Pub/Sub counts it, the
   * {@code deliveryAttempt}.
   */
  static String body(ProjectSubscriptionName subscription, ReceivedMessage received) {
    PubsubMessage message = received.getMessage();
    String publishTime = instant(message.getPublishTime()).toString();
    JsonObject attributes = new JsonObject();
    message.getAttributesMap().forEach(attributes::addProperty);
    JsonObject inner = new JsonObject();
    inner.addProperty("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
    inner.add("attributes", attributes);
    inner.addProperty("messageId", message.getMessageId());
    inner.addProperty("message_id", message.getMessageId());
    inner.addProperty("publishTime", publishTime);
    inner.addProperty("publish_time", publishTime);
    if (!message.getOrderingKey().isEmpty()) {
      inner.addProperty("orderingKey", message.getOrderingKey());
    }
    JsonObject envelope = new JsonObject();
    envelope.add("message", inner);
    envelope.addProperty("subscription", subscription.toString());
    deliveryAttempt(received).ifPresent(attempt -> envelope.addProperty("deliveryAttempt", attempt));
    return GSON.toJson(envelope);
  }

  /** Pub/Sub counts attempts only for a subscription with a dead-letter policy (ours always have one). */
  static Optional<Integer> deliveryAttempt(ReceivedMessage received) {
    return received.getDeliveryAttempt() > 0 ? Optional.of(received.getDeliveryAttempt()) : Optional.empty();
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
