package com.agenthub.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.agenthub.functions.local.FunctionCatalog;
import com.agenthub.functions.local.LocalDevServer;
import com.agenthub.functions.local.TopicNames;
import com.agenthub.functions.testfunctions.Deliveries;
import com.agenthub.functions.testing.PubSubProbe;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.ingestion.IncomingMessage;
import com.agenthub.shared.json.Json;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.Emulators;
import com.google.gson.JsonObject;
import com.google.pubsub.v1.ReceivedMessage;
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
 * delivery-test-catalog.json: the push envelope as Pub/Sub push sends it, retries, and the dead letter.
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
  void aPublishedMessageArrivesAsThePushEnvelopePubSubSends() throws Exception {
    Instant before = Instant.now().minusSeconds(5);
    String id = publish("test-events", "{\"hello\": \"world\"}", Map.of("kind", "greeting"));

    Deliveries.Request request = awaitRequests("RecordEvents", id, 1).get(0);
    assertEquals("POST", request.method());
    assertEquals(List.of("application/json"), request.headers().get("content-type"));
    assertEquals(List.of(), request.headers().keySet().stream().filter(h -> h.startsWith("ce-")).toList(),
        "a push request, not a CloudEvent");

    JsonObject body = request.body();
    assertEquals("projects/" + Emulators.PROJECT_ID + "/subscriptions/RecordEvents-sub",
        body.get("subscription").getAsString());
    assertEquals(1, body.get("deliveryAttempt").getAsInt());
    JsonObject message = body.getAsJsonObject("message");
    assertEquals("{\"hello\": \"world\"}",
        new String(Base64.getDecoder().decode(message.get("data").getAsString()), StandardCharsets.UTF_8));
    assertEquals(Json.GSON.toJsonTree(Map.of("kind", "greeting")), message.getAsJsonObject("attributes"),
        "only the published attributes");
    assertEquals(id, message.get("messageId").getAsString());
    assertEquals(id, message.get("message_id").getAsString());
    Instant published = Instant.parse(message.get("publishTime").getAsString());
    assertTrue(!published.isBefore(before) && !published.isAfter(Instant.now()), "publishTime " + published);
    assertEquals(message.get("publishTime"), message.get("publish_time"));

    // What the push functions read out of it.
    PubSubEnvelope read = PubSubEnvelope.read("RecordEvents", Json.GSON.toJson(body).getBytes(StandardCharsets.UTF_8));
    assertEquals(id, read.message().messageId());
    assertEquals(Map.of("kind", "greeting"), read.message().attributes());
    assertEquals("{\"hello\": \"world\"}", new String(read.message().data(), StandardCharsets.UTF_8));
    assertEquals(Optional.of(1), read.deliveryAttempt());
  }

  @Test
  void aFunctionFailingTwiceGetsTheMessageAThirdTimeAndItIsAcked() throws InterruptedException {
    String id = publish("test-flaky", "flaky", Map.of());

    awaitMessages("FailTwiceThenSucceed", id, 3);
    // A nacked message would be back within about a second with this catalog's backoff.
    Thread.sleep(3000);
    assertEquals(3, Deliveries.messages("FailTwiceThenSucceed", id).size(), "acked on the third delivery");
  }

  @Test
  void aFunctionThatAlwaysFailsGetsMaxDeliveryAttemptsThenTheMessageIsDeadLettered() throws InterruptedException {
    int maxAttempts = CATALOG.pubsubDelivery().maxDeliveryAttempts();
    String id = publish("test-poison", "poison", Map.of("reason", "test"));

    ReceivedMessage deadLetter = PubSubProbe.pullOne(Emulators.pubsub(), TopicNames.deadLetterSubscription("test-poison"),
        PATIENCE);
    assertEquals("poison", deadLetter.getMessage().getData().toStringUtf8());
    assertEquals("test", deadLetter.getMessage().getAttributesMap().get("reason"));
    // The emulator, like the service, stamps where a dead letter came from and how often it was tried.
    assertEquals(Integer.toString(maxAttempts),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceDeliveryCount"));
    assertEquals(TopicNames.subscription("AlwaysFail"),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceSubscription"));
    Thread.sleep(2000);
    assertEquals(maxAttempts, Deliveries.messages("AlwaysFail", id).size(), "delivered exactly max_delivery_attempts times");
  }

  @Test
  void eachFunctionGetsOnlyItsOwnTopicsMessages() throws InterruptedException {
    String other = publish("test-other-events", "for the other one", Map.of());
    String mine = publish("test-events", "for the first one", Map.of());

    awaitRequests("RecordOtherEvents", other, 1);
    awaitRequests("RecordEvents", mine, 1);
    Thread.sleep(1000);
    assertEquals(List.of(), Deliveries.requests("RecordEvents", other));
    assertEquals(List.of(), Deliveries.requests("RecordOtherEvents", mine));
  }

  private static String publish(String topic, String data, Map<String, String> attributes) {
    return publisher.publish(topic, EventPublisher.Message.of(data.getBytes(StandardCharsets.UTF_8), attributes));
  }

  private static List<Deliveries.Request> awaitRequests(String function, String messageId, int count) {
    return awaitCount(() -> Deliveries.requests(function, messageId), count,
        function + " receiving message " + messageId + " " + count + " time(s)");
  }

  private static List<IncomingMessage> awaitMessages(String function, String messageId, int count) {
    return awaitCount(() -> Deliveries.messages(function, messageId), count,
        function + " receiving message " + messageId + " " + count + " time(s)");
  }

  private static <T> List<T> awaitCount(Supplier<List<T>> deliveries, int count, String what) {
    return PubSubProbe.await(() -> {
      List<T> seen = deliveries.get();
      return seen.size() >= count ? seen : null;
    }, PATIENCE, what);
  }
}
