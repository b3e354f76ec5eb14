package com.agenthub.shared.adapter.pubsub;

import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.port.EventPublisherContract;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.TopicName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PubSubEventPublisherEmulatorTest extends EventPublisherContract {

  private static PubSubEventPublisher publisher;
  private static TopicAdminClient topics;
  private static SubscriptionAdminClient subscriptions;

  @BeforeAll
  static void connect() {
    publisher = new PubSubEventPublisher(Emulators.pubsub());
    topics = Emulators.pubsub().topicAdmin();
    subscriptions = Emulators.pubsub().subscriptionAdmin();
  }

  @AfterAll
  static void disconnect() {
    publisher.close();
    topics.close();
    subscriptions.close();
  }

  @Test
  void aPublishTellsThisJvmsListenersItsTopicOnceTheMessagesAreIn() throws Exception {
    createTopic("signalled");
    List<String> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable listening = PublishedTopics.listen(heard::add)) {
      publisher.publishAll("signalled", List.of(EventPublisher.Message.of("{}".getBytes(), Map.of())));
    }
    org.junit.jupiter.api.Assertions.assertEquals(List.of("signalled"), heard);
    org.junit.jupiter.api.Assertions.assertEquals(1, received("signalled", 1).size(), "and the message is there to pull");
  }

  @Override
  protected EventPublisher publisher() {
    return publisher;
  }

  @Override
  protected void createTopic(String topic) {
    TopicName name = TopicName.of(Emulators.PROJECT_ID, topic);
    topics.createTopic(name);
    subscriptions.createSubscription(Subscription.newBuilder()
        .setName(ProjectSubscriptionName.of(Emulators.PROJECT_ID, topic + "-reader").toString())
        .setTopic(name.toString())
        .setEnableMessageOrdering(true)
        .build());
  }

  @Override
  protected List<EventPublisher.Message> received(String topic, int expected) {
    String subscription = ProjectSubscriptionName.of(Emulators.PROJECT_ID, topic + "-reader").toString();
    List<EventPublisher.Message> got = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (got.size() < expected && Instant.now().isBefore(deadline)) {
      PullResponse response = subscriptions.pull(subscription, expected - got.size());
      List<String> ackIds = new ArrayList<>();
      for (ReceivedMessage m : response.getReceivedMessagesList()) {
        got.add(EventPublisher.Message.of(m.getMessage().getData().toByteArray(), m.getMessage().getAttributesMap()));
        ackIds.add(m.getAckId());
      }
      if (!ackIds.isEmpty()) {
        subscriptions.acknowledge(subscription, ackIds);
      }
    }
    return got;
  }
}
