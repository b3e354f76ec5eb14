package com.agenthub.functions.local;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.cloud.pubsub.v1.MessageReceiver;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.TopicName;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Hands each message of one subscription to one function as a CloudEvent over HTTP: a 2xx acks
 * it; any other status, a timeout or a connection failure nacks it, so Pub/Sub redelivers it
 * with backoff and dead-letters it after the last attempt.
 */
final class FunctionDelivery implements MessageReceiver {

  private final String function;
  private final URI functionUrl;
  private final TopicName topic;
  private final ProjectSubscriptionName subscription;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxAttempts;

  FunctionDelivery(String function, URI functionUrl, TopicName topic, ProjectSubscriptionName subscription,
      HttpClient http, Duration timeout, int maxAttempts) {
    this.function = function;
    this.functionUrl = functionUrl;
    this.topic = topic;
    this.subscription = subscription;
    this.http = http;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public void receiveMessage(PubsubMessage message, AckReplyConsumer reply) {
    // Asynchronous: the subscriber's flow control, not a thread count, bounds what is in flight.
    http.sendAsync(MessagePublishedEvent.request(functionUrl, topic, subscription, message, timeout),
            HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, failure) -> {
          if (failure == null && response.statusCode() / 100 == 2) {
            reply.ack();
            return;
          }
          String status = failure == null ? Integer.toString(response.statusCode()) : describe(failure);
          // The client reports the attempt only when the subscription has a dead-letter policy (ours always do).
          FailedDeliveryLog.write(function, subscription.getSubscription(), message.getMessageId(),
              Optional.ofNullable(Subscriber.getDeliveryAttempt(message)), status, maxAttempts);
          reply.nack();
        });
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof HttpTimeoutException) {
      return "timeout";
    }
    if (cause instanceof ConnectException) {
      return "connection_failed";
    }
    return "error: " + cause.getClass().getSimpleName();
  }
}
