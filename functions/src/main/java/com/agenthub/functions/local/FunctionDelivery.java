package com.agenthub.functions.local;

import com.google.cloud.pubsub.v1.AckReplyConsumer;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.ReceivedMessage;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;

/**
 * Hands each message of one subscription to one function as Pub/Sub push does: a POST of the push
 * envelope ({@link PushRequest}). A 2xx acks it; any other status, a timeout or a connection
 * failure nacks it, so Pub/Sub redelivers it with backoff and dead-letters it after the last attempt.
 */
final class FunctionDelivery implements PullLoop.Receiver {

  private final String function;
  private final URI functionUrl;
  private final ProjectSubscriptionName subscription;
  private final HttpClient http;
  private final Duration timeout;
  private final int maxAttempts;

  FunctionDelivery(String function, URI functionUrl, ProjectSubscriptionName subscription, HttpClient http,
      Duration timeout, int maxAttempts) {
    this.function = function;
    this.functionUrl = functionUrl;
    this.subscription = subscription;
    this.http = http;
    this.timeout = timeout;
    this.maxAttempts = maxAttempts;
  }

  @Override
  public void receive(ReceivedMessage received, AckReplyConsumer reply) {
    // Asynchronous: the pull's batch size, not a thread count, bounds what is in flight.
    http.sendAsync(PushRequest.of(functionUrl, subscription, received, timeout), HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, failure) -> {
          if (failure == null && response.statusCode() / 100 == 2) {
            reply.ack();
            return;
          }
          String status = failure == null ? Integer.toString(response.statusCode()) : describe(failure);
          FailedDeliveryLog.write(function, subscription.getSubscription(), received.getMessage().getMessageId(),
              PushRequest.deliveryAttempt(received), status, maxAttempts);
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
