package com.agenthub.functions.local;

import com.google.gson.JsonObject;

/**
 * How Pub/Sub retries a topic-triggered function (catalog.json's {@code pubsub_delivery}): the
 * one setting production's subscriptions and the local dev server's both use.
 */
public record PubSubDeliveryPolicy(
    int maxDeliveryAttempts, int minimumBackoffSeconds, int maximumBackoffSeconds, int ackDeadlineSeconds) {

  public PubSubDeliveryPolicy {
    // Pub/Sub's own bounds: refuse here what Terraform would only refuse at apply time.
    require(maxDeliveryAttempts >= 5 && maxDeliveryAttempts <= 100, "max_delivery_attempts must be 5..100");
    require(minimumBackoffSeconds >= 0 && minimumBackoffSeconds <= 600, "minimum_backoff_seconds must be 0..600");
    require(maximumBackoffSeconds >= minimumBackoffSeconds && maximumBackoffSeconds <= 600,
        "maximum_backoff_seconds must be minimum_backoff_seconds..600");
    require(ackDeadlineSeconds >= 10 && ackDeadlineSeconds <= 600, "ack_deadline_seconds must be 10..600");
  }

  static PubSubDeliveryPolicy parse(JsonObject block) {
    return new PubSubDeliveryPolicy(
        block.get("max_delivery_attempts").getAsInt(),
        block.get("minimum_backoff_seconds").getAsInt(),
        block.get("maximum_backoff_seconds").getAsInt(),
        block.get("ack_deadline_seconds").getAsInt());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("catalog.json pubsub_delivery: " + message);
    }
  }
}
