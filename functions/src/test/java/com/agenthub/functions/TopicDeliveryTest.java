package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.local.TopicNames;
import com.agenthub.functions.testfunctions.ReceivedEvents;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.Emulators;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.ReceivedMessage;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev server's Pub/Sub delivery against the emulator, with the test functions of
 * delivery-test-catalog.json: CloudEvents as Eventarc sends them, retries, and the dead letter.
 */
class TopicDeliveryTest {

  private static final FunctionCatalog CATALOG = FunctionCatalog.load("/delivery-test-catalog.json");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static LocalDevServer server;
  private static PubSubEventPublisher publisher;

  @BeforeAll
  static void start() throws Exception {
    server = LocalDevServer.start(CATALOG, 0, Optional.of(Emulators.pubsub()));
    publisher = new PubSubEventPublisher(Emulators.pubsub());
  }

  @AfterAll
  static void stop() throws Exception {
    publisher.close();
    server.close();
  }

  @Test
  void theTestCatalogRetriesAsOftenAsProduction() {
    assertEquals(FunctionCatalog.load().pubsubDelivery().maxDeliveryAttempts(),
        CATALOG.pubsubDelivery().maxDeliveryAttempts());
  }

  @Test
  void aPublishedMessageArrivesAsTheCloudEventEventarcSends() {
    String id = publish("test-events", "{\"hello\": \"world\"}", Map.of("kind", "greeting"));

    CloudEvent event = awaitDeliveries("RecordEvents", id, 1).get(0);
    assertEquals("1.0", event.getSpecVersion().toString());
    assertEquals(id, event.getId());
    assertEquals("google.cloud.pubsub.topic.v1.messagePublished", event.getType());
    assertEquals("//pubsub.googleapis.com/projects/" + Emulators.PROJECT_ID + "/topics/test-events",
        event.getSource().toString());
    assertTrue(event.getTime() != null, "ce-time is set");
    assertEquals("application/json", event.getDataContentType());

    JsonObject body = JsonParser.parseString(new String(event.getData().toBytes(), StandardCharsets.UTF_8))
        .getAsJsonObject();
    assertEquals("projects/" + Emulators.PROJECT_ID + "/subscriptions/RecordEvents-sub",
        body.get("subscription").getAsString());
    JsonObject message = body.getAsJsonObject("message");
    assertEquals("{\"hello\": \"world\"}",
        new String(Base64.getDecoder().decode(message.get("data").getAsString()), StandardCharsets.UTF_8));
    assertEquals(Map.of("kind", "greeting"), Map.of("kind", message.getAsJsonObject("attributes").get("kind").getAsString()));
    assertEquals(1, message.getAsJsonObject("attributes").size(), "only the published attributes: " + message);
    assertEquals(id, message.get("messageId").getAsString());
    assertEquals(event.getTime().toInstant(), Instant.parse(message.get("publishTime").getAsString()));
  }

  @Test
  void aFunctionFailingTwiceGetsTheMessageAThirdTimeAndItIsAcked() throws InterruptedException {
    String id = publish("test-flaky", "flaky", Map.of());

    awaitDeliveries("FailTwiceThenSucceed", id, 3);
    // A nacked message would be back within about a second with this catalog's backoff.
    Thread.sleep(3000);
    assertEquals(3, ReceivedEvents.of("FailTwiceThenSucceed", id).size(), "acked on the third delivery");
  }

  @Test
  void aFunctionThatAlwaysFailsGetsMaxDeliveryAttemptsThenTheMessageIsDeadLettered() throws InterruptedException {
    int maxAttempts = CATALOG.pubsubDelivery().maxDeliveryAttempts();
    String id = publish("test-poison", "poison", Map.of("reason", "test"));

    ReceivedMessage deadLetter = pullOne(TopicNames.deadLetterSubscription("test-poison"));
    assertEquals("poison", deadLetter.getMessage().getData().toStringUtf8());
    assertEquals("test", deadLetter.getMessage().getAttributesMap().get("reason"));
    // The emulator, like the service, stamps where a dead letter came from and how often it was tried.
    assertEquals(Integer.toString(maxAttempts),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceDeliveryCount"));
    assertEquals(TopicNames.subscription("AlwaysFail"),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceSubscription"));
    Thread.sleep(2000);
    assertEquals(maxAttempts, ReceivedEvents.of("AlwaysFail", id).size(), "delivered exactly max_delivery_attempts times");
  }

  @Test
  void eachFunctionGetsOnlyItsOwnTopicsMessages() throws InterruptedException {
    String other = publish("test-other-events", "for the other one", Map.of());
    String mine = publish("test-events", "for the first one", Map.of());

    awaitDeliveries("RecordOtherEvents", other, 1);
    awaitDeliveries("RecordEvents", mine, 1);
    Thread.sleep(1000);
    assertEquals(List.of(), ReceivedEvents.of("RecordEvents", other));
    assertEquals(List.of(), ReceivedEvents.of("RecordOtherEvents", mine));
  }

  private static String publish(String topic, String data, Map<String, String> attributes) {
    return publisher.publish(topic, EventPublisher.Message.of(data.getBytes(StandardCharsets.UTF_8), attributes));
  }

  private static List<CloudEvent> awaitDeliveries(String function, String messageId, int count) {
    return await(() -> {
      List<CloudEvent> events = ReceivedEvents.of(function, messageId);
      return events.size() >= count ? events : null;
    }, function + " receiving message " + messageId + " " + count + " time(s)");
  }

  /** Pulls (synchronously, as an operator would) and acks the first message on {@code subscription}. */
  private static ReceivedMessage pullOne(String subscription) {
    String name = ProjectSubscriptionName.format(Emulators.PROJECT_ID, subscription);
    try (SubscriptionAdminClient subscriptions = Emulators.pubsub().subscriptionAdmin()) {
      ReceivedMessage received = await(() -> {
        List<ReceivedMessage> messages = subscriptions.pull(PullRequest.newBuilder()
            .setSubscription(name).setMaxMessages(1).setReturnImmediately(true).build()).getReceivedMessagesList();
        return messages.isEmpty() ? null : messages.get(0);
      }, "a message on " + subscription);
      subscriptions.acknowledge(name, List.of(received.getAckId()));
      return received;
    }
  }

  private static <T> T await(Supplier<T> probe, String what) {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what);
      }
    }
    throw new AssertionError("timed out after " + PATIENCE.toSeconds() + " s waiting for " + what);
  }
}
