package com.agenthub.functions.local;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.protobuf.Timestamp;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A Pub/Sub message as the binary-mode CloudEvent Eventarc POSTs to a function: ce-* headers and
 * the {@code {"message": {...}, "subscription": ...}} body of type
 * {@code google.cloud.pubsub.topic.v1.messagePublished}.
 */
final class MessagePublishedEvent {

  static final String TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

  /** Attributes the Java subscriber client adds itself (e.g. googclient_deliveryattempt); never published. */
  private static final String CLIENT_ATTRIBUTE_PREFIX = "googclient_";

  private static final Gson GSON = new Gson();

  private MessagePublishedEvent() {}

  static HttpRequest request(URI functionUrl, TopicName topic, ProjectSubscriptionName subscription,
      PubsubMessage message, Duration timeout) {
    String publishTime = instant(message.getPublishTime()).toString();
    return HttpRequest.newBuilder(functionUrl)
        .timeout(timeout)
        .header("ce-specversion", "1.0")
        .header("ce-id", message.getMessageId())
        .header("ce-type", TYPE)
        .header("ce-source", "//pubsub.googleapis.com/" + topic)
        .header("ce-time", publishTime)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(subscription, message, publishTime), StandardCharsets.UTF_8))
        .build();
  }

  static String body(ProjectSubscriptionName subscription, PubsubMessage message, String publishTime) {
    JsonObject attributes = new JsonObject();
    message.getAttributesMap().forEach((key, value) -> {
      if (!key.startsWith(CLIENT_ATTRIBUTE_PREFIX)) {
        attributes.addProperty(key, value);
      }
    });
    JsonObject inner = new JsonObject();
    inner.addProperty("data", Base64.getEncoder().encodeToString(message.getData().toByteArray()));
    inner.add("attributes", attributes);
    inner.addProperty("messageId", message.getMessageId());
    inner.addProperty("publishTime", publishTime);
    JsonObject envelope = new JsonObject();
    envelope.add("message", inner);
    envelope.addProperty("subscription", subscription.toString());
    return GSON.toJson(envelope);
  }

  private static Instant instant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
