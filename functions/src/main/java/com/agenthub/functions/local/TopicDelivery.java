package com.agenthub.functions.local;

import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.google.api.gax.batching.FlowControlSettings;
import com.google.api.gax.batching.FlowController;
import com.google.api.gax.core.InstantiatingExecutorProvider;
import com.google.cloud.pubsub.v1.Subscriber;
import com.google.cloud.pubsub.v1.SubscriberShutdownSettings;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.TopicName;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What Eventarc does in production, for the local dev server: each topic-triggered function of
 * the catalog gets its subscription (created with the catalog's retry and dead-letter policies),
 * and every message on it is POSTed to the function's own URL on the dev server as a CloudEvent.
 */
public final class TopicDelivery implements AutoCloseable {

  /**
   * Locally, one catalog second of backoff lasts 100 ms (10 s..600 s becomes 1 s..60 s) so a
   * failing function's retries show up in seconds; max_delivery_attempts stays exactly as in
   * production, so a message dead-letters after the same number of attempts.
   */
  public static final Duration LOCAL_BACKOFF_PER_CATALOG_SECOND = Duration.ofMillis(100);

  /** Messages handed to one function at once (Pub/Sub flow control); more wait in the subscription. */
  static final int MAX_IN_FLIGHT_PER_SUBSCRIPTION = 8;

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final List<Subscriber> subscribers;

  private TopicDelivery(List<Subscriber> subscribers) {
    this.subscribers = subscribers;
  }

  /** Creates the topology and starts delivering to {@code devServerBaseUrl + "/" + function}. */
  public static TopicDelivery start(FunctionCatalog catalog, PubSubConnection connection, String devServerBaseUrl) {
    PubSubDeliveryPolicy policy = catalog.pubsubDelivery();
    DeliveryTopology topology = new DeliveryTopology(connection, policy, LOCAL_BACKOFF_PER_CATALOG_SECOND);
    // Cloud Functions' push subscription waits for the function up to its ack deadline; so do we.
    Duration timeout = Duration.ofSeconds(policy.ackDeadlineSeconds());
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    TopicDelivery delivery = new TopicDelivery(new ArrayList<>());
    try {
      for (FunctionCatalog.Entry function : catalog.topicTriggered()) {
        ProjectSubscriptionName subscription = topology.ensure(function);
        FunctionDelivery receiver = new FunctionDelivery(function.name(),
            URI.create(devServerBaseUrl + "/" + function.name()),
            TopicName.of(connection.projectId(), function.topic().orElseThrow()), subscription, http, timeout,
            policy.maxDeliveryAttempts());
        Subscriber subscriber = subscriber(connection, subscription, receiver, timeout);
        delivery.subscribers.add(subscriber);
        subscriber.startAsync().awaitRunning(30, TimeUnit.SECONDS);
      }
    } catch (TimeoutException | RuntimeException e) {
      delivery.close();
      throw new IllegalStateException("could not start Pub/Sub delivery: " + e.getMessage(), e);
    }
    return delivery;
  }

  private static Subscriber subscriber(PubSubConnection connection, ProjectSubscriptionName subscription,
      FunctionDelivery receiver, Duration timeout) {
    Subscriber.Builder builder = Subscriber.newBuilder(subscription, receiver)
        .setParallelPullCount(1)
        .setFlowControlSettings(FlowControlSettings.newBuilder()
            .setMaxOutstandingElementCount((long) MAX_IN_FLIGHT_PER_SUBSCRIPTION)
            .setMaxOutstandingRequestBytes(64L * 1024 * 1024)
            .setLimitExceededBehavior(FlowController.LimitExceededBehavior.Block)
            .build())
        // The receiver only starts an asynchronous request, so two callback threads are plenty.
        .setExecutorProvider(InstantiatingExecutorProvider.newBuilder().setExecutorThreadCount(2).build())
        // Lease a message while its request may still run, never longer.
        .setMaxAckExtensionPeriodDuration(timeout.plusSeconds(5))
        .setSubscriberShutdownSettings(SubscriberShutdownSettings.newBuilder()
            .setMode(SubscriberShutdownSettings.ShutdownMode.WAIT_FOR_PROCESSING)
            .setTimeout(SHUTDOWN_GRACE)
            .build());
    connection.channelProvider().ifPresent(builder::setChannelProvider);
    connection.credentialsProvider().ifPresent(builder::setCredentialsProvider);
    return builder.build();
  }

  /** Stops pulling, lets in-flight deliveries finish (bounded), and stops every subscriber. */
  @Override
  public void close() {
    subscribers.forEach(Subscriber::stopAsync);
    for (Subscriber subscriber : subscribers) {
      try {
        subscriber.awaitTerminated(SHUTDOWN_GRACE.plusSeconds(5).toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException | IllegalStateException e) {
        System.err.println("topic-delivery: a subscriber did not stop cleanly: " + e.getMessage());
      }
    }
  }
}
