package com.agenthub.functions.local;

import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.adapter.pubsub.PublishedTopics;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the push subscriptions do in production, for the local dev server: each topic-triggered
 * function of the catalog gets its subscription {@code <Function>-sub} (created with the catalog's
 * retry and dead-letter policies, like Terraform's), and every message on it is POSTed to the
 * function's own URL on the dev server as the push envelope Pub/Sub sends. Locally the
 * subscription is pulled rather than pushed (see {@link PullLoop}): the request is the same.
 */
public final class TopicDelivery implements AutoCloseable {

  /**
   * Locally, one catalog second of backoff lasts 100 ms (10 s..600 s becomes 1 s..60 s) so a
   * failing function's retries show up in seconds; max_delivery_attempts stays exactly as in
   * production, so a message dead-letters after the same number of attempts.
   */
  public static final Duration LOCAL_BACKOFF_PER_CATALOG_SECOND = Duration.ofMillis(100);

  /** Messages handed to one function at once (one pull); more wait in the subscription. */
  static final int MAX_IN_FLIGHT_PER_SUBSCRIPTION = 8;

  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

  private final SubscriptionAdminClient admin;
  private final List<PullLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  /** Filled before the publish listener is registered, only read after. */
  private final Map<String, List<PullLoop>> loopsByTopic = new java.util.HashMap<>();
  private AutoCloseable publishes = () -> {};

  private TopicDelivery(SubscriptionAdminClient admin) {
    this.admin = admin;
  }

  /** Creates the topology and starts delivering to {@code devServerBaseUrl + "/" + function}. */
  public static TopicDelivery start(FunctionCatalog catalog, PubSubConnection connection, String devServerBaseUrl) {
    PubSubDeliveryPolicy policy = catalog.pubsubDelivery();
    DeliveryTopology topology = new DeliveryTopology(connection, policy, LOCAL_BACKOFF_PER_CATALOG_SECOND);
    // A push subscription waits for the function up to its ack deadline; so do we.
    Duration timeout = Duration.ofSeconds(policy.ackDeadlineSeconds());
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
    TopicDelivery delivery = new TopicDelivery(connection.subscriptionAdmin());
    try {
      for (FunctionCatalog.Entry function : catalog.topicTriggered()) {
        ProjectSubscriptionName subscription = topology.ensure(function);
        FunctionDelivery receiver = new FunctionDelivery(function.name(),
            URI.create(devServerBaseUrl + "/" + function.name()), subscription, http, timeout,
            policy.maxDeliveryAttempts());
        PullLoop loop = new PullLoop(delivery.admin, subscription, receiver, MAX_IN_FLIGHT_PER_SUBSCRIPTION, timeout);
        Thread thread = new Thread(loop, "topic-delivery-" + function.name());
        thread.setDaemon(true);
        delivery.loops.add(loop);
        delivery.loopsByTopic.computeIfAbsent(function.topic().orElseThrow(), t -> new ArrayList<>()).add(loop);
        delivery.threads.add(thread);
        thread.start();
      }
      // A publish in this JVM (a function's, the scheduler's, a test's) wakes its topic's loops at once.
      delivery.publishes = PublishedTopics.listen(topic -> delivery.loopsByTopic.getOrDefault(topic, List.of()).forEach(PullLoop::wake));
    } catch (RuntimeException e) {
      delivery.close();
      throw new IllegalStateException("could not start Pub/Sub delivery: " + e.getMessage(), e);
    }
    return delivery;
  }

  /** Stops pulling, lets in-flight deliveries finish (bounded), and closes the client. */
  @Override
  public void close() {
    try {
      publishes.close();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    loops.forEach(PullLoop::stop);
    for (Thread thread : threads) {
      try {
        thread.join(SHUTDOWN_GRACE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        System.err.println("topic-delivery: " + thread.getName() + " did not stop within " + SHUTDOWN_GRACE);
      }
    }
    admin.close();
  }
}
