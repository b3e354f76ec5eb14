package com.agenthub.functions.local;

import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Creates, idempotently, what a topic-triggered function needs: its topic, the topic's dead-letter
 * topic and subscription, and the function's subscription with the catalog's retry and
 * dead-letter policies. (What Terraform declares in production, where the function's subscription
 * is a push subscription; the dev server's is pulled.)
 */
final class DeliveryTopology {

  /**
   * A push subscription's target, as Terraform's {@code push_config}: the function's URL, and the
   * service account whose OIDC token (audience: the URL) Pub/Sub sends with each push.
   */
  record Push(URI endpoint, String serviceAccountEmail) {}

  private final PubSubConnection connection;
  private final PubSubDeliveryPolicy policy;
  private final Duration backoffPerCatalogSecond;

  /**
   * {@code backoffPerCatalogSecond} scales the catalog's backoff (Duration.ofSeconds(1) keeps it
   * as production has it); max_delivery_attempts and the ack deadline are never scaled.
   */
  DeliveryTopology(PubSubConnection connection, PubSubDeliveryPolicy policy, Duration backoffPerCatalogSecond) {
    this.connection = connection;
    this.policy = policy;
    this.backoffPerCatalogSecond = backoffPerCatalogSecond;
  }

  /** Returns the full name of the function's (pull) subscription, once everything exists. */
  ProjectSubscriptionName ensure(FunctionCatalog.Entry function) {
    return ensure(function, Optional.empty());
  }

  /** As {@link #ensure(FunctionCatalog.Entry)}, with a push subscription when {@code push} is given. */
  ProjectSubscriptionName ensure(FunctionCatalog.Entry function, Optional<Push> push) {
    String topic = function.topic().orElseThrow(() -> new IllegalArgumentException(function.name() + " has no topic"));
    String project = connection.projectId();
    TopicName topicName = TopicName.of(project, topic);
    TopicName deadLetterTopic = TopicName.of(project, TopicNames.deadLetterTopic(topic));
    ProjectSubscriptionName subscription = ProjectSubscriptionName.of(project, TopicNames.subscription(function.name()));
    try (TopicAdminClient topics = connection.topicAdmin();
        SubscriptionAdminClient subscriptions = connection.subscriptionAdmin()) {
      createTopic(topics, topicName);
      createTopic(topics, deadLetterTopic);
      createSubscription(subscriptions, Subscription.newBuilder()
          .setName(ProjectSubscriptionName.format(project, TopicNames.deadLetterSubscription(topic)))
          .setTopic(deadLetterTopic.toString())
          .setAckDeadlineSeconds(policy.ackDeadlineSeconds())
          .build());
      Subscription.Builder functionSubscription = Subscription.newBuilder()
          .setName(subscription.toString())
          .setTopic(topicName.toString())
          .setAckDeadlineSeconds(policy.ackDeadlineSeconds())
          .setRetryPolicy(RetryPolicy.newBuilder()
              .setMinimumBackoff(protoDuration(backoffPerCatalogSecond.multipliedBy(policy.minimumBackoffSeconds())))
              .setMaximumBackoff(protoDuration(backoffPerCatalogSecond.multipliedBy(policy.maximumBackoffSeconds()))))
          .setDeadLetterPolicy(DeadLetterPolicy.newBuilder()
              .setDeadLetterTopic(deadLetterTopic.toString())
              .setMaxDeliveryAttempts(policy.maxDeliveryAttempts()));
      push.ifPresent(target -> functionSubscription.setPushConfig(PushConfig.newBuilder()
          .setPushEndpoint(target.endpoint().toString())
          .setOidcToken(PushConfig.OidcToken.newBuilder()
              .setServiceAccountEmail(target.serviceAccountEmail())
              .setAudience(target.endpoint().toString()))));
      createSubscription(subscriptions, functionSubscription.build());
    }
    return subscription;
  }

  private static void createTopic(TopicAdminClient topics, TopicName name) {
    try {
      topics.createTopic(name);
    } catch (AlreadyExistsException existing) {
      // Idempotent: a restart of the dev server against the same emulator finds it there.
    }
  }

  private static void createSubscription(SubscriptionAdminClient subscriptions, Subscription subscription) {
    try {
      subscriptions.createSubscription(subscription);
    } catch (AlreadyExistsException existing) {
      // Idempotent, as above; an existing subscription keeps the policies it was created with.
    }
  }

  private static com.google.protobuf.Duration protoDuration(Duration duration) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }
}
