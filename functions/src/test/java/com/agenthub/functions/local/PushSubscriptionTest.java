package com.agenthub.functions.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.agenthub.functions.testfunctions.Deliveries;
import com.agenthub.functions.testing.LocalStackFixture;
import com.agenthub.functions.testing.PubSubProbe;
import com.agenthub.functions.testing.WarehouseProbe;
import com.agenthub.shared.adapter.pubsub.PubSubConnection;
import com.agenthub.shared.adapter.pubsub.PubSubEventPublisher;
import com.agenthub.shared.analytics.AnalyticsEventMessages;
import com.agenthub.shared.port.EventPublisher;
import com.agenthub.shared.testing.Emulators;
import com.agenthub.shared.warehouse.AnalyticsEventRow;
import com.agenthub.shared.warehouse.JsonText;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.pubsub.v1.ProjectSubscriptionName;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.Subscription;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Production's wiring, end to end against the real things: in the Pub/Sub emulator, each function's
 * topic, the topic's dead-letter topic and subscription, and the function's <em>push</em>
 * subscription {@code <Function>-sub} as Terraform declares it (push endpoint: the function's URL;
 * OIDC token; retry and dead-letter policies from catalog.json's pubsub_delivery), pushing to the
 * functions served by the Functions Framework's own executors on 127.0.0.1 (a dev server that does
 * no delivery of its own). Nothing of ours stands between the emulator and the function.
 *
 * <p>The topology lives in its own Pub/Sub project of the shared emulator, so the local stack's
 * pulled subscriptions of the same names (in the test project) never take its messages. Backoff
 * is scaled as the dev server scales it (10 s..600 s becomes 1 s..60 s; the emulator's push does
 * not go faster with less: ~15 s to dead-letter); max_delivery_attempts is production's.
 */
class PushSubscriptionTest {

  private static final String PUBSUB_PROJECT = "agenthub-push-test";
  private static final String PUSH_SERVICE_ACCOUNT = "pubsub-push@" + PUBSUB_PROJECT + ".iam.gserviceaccount.com";
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static FunctionCatalog catalog;
  private static LocalDevServer server;
  private static PubSubConnection pubsub;
  private static PubSubEventPublisher publisher;

  @BeforeAll
  static void start() throws Exception {
    LocalStackFixture.configure(); // the functions' own wiring: Firestore emulator, bigquery-local
    FunctionCatalog production = FunctionCatalog.load();
    catalog = new FunctionCatalog(
        List.of(entry(production, "IngestAnalyticsEvents"), entry(FunctionCatalog.load("/delivery-test-catalog.json"), "AlwaysFail")),
        production.pubsubDelivery());
    server = LocalDevServer.start(catalog, 0);
    pubsub = PubSubConnection.to(PUBSUB_PROJECT, Optional.of(Emulators.pubsubHost()));
    publisher = new PubSubEventPublisher(pubsub);
    DeliveryTopology topology = new DeliveryTopology(pubsub, catalog.pubsubDelivery(),
        TopicDelivery.LOCAL_BACKOFF_PER_CATALOG_SECOND);
    for (FunctionCatalog.Entry function : catalog.topicTriggered()) {
      topology.ensure(function, Optional.of(new DeliveryTopology.Push(functionUrl(function.name()), PUSH_SERVICE_ACCOUNT)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    publisher.close();
    server.close();
    pubsub.close();
  }

  private static FunctionCatalog.Entry entry(FunctionCatalog catalog, String name) {
    return catalog.functions().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  private static URI functionUrl(String function) {
    return URI.create(server.baseUrl() + "/" + function);
  }

  @Test
  void theSubscriptionIsThePushSubscriptionTerraformDeclares() {
    PubSubDeliveryPolicy policy = catalog.pubsubDelivery();
    try (SubscriptionAdminClient subscriptions = pubsub.subscriptionAdmin()) {
      Subscription subscription = subscriptions.getSubscription(
          ProjectSubscriptionName.of(PUBSUB_PROJECT, TopicNames.subscription("IngestAnalyticsEvents")));
      assertEquals("projects/" + PUBSUB_PROJECT + "/topics/" + AnalyticsEventMessages.TOPIC, subscription.getTopic());
      assertEquals(functionUrl("IngestAnalyticsEvents").toString(), subscription.getPushConfig().getPushEndpoint());
      assertEquals(PUSH_SERVICE_ACCOUNT, subscription.getPushConfig().getOidcToken().getServiceAccountEmail());
      assertEquals(policy.ackDeadlineSeconds(), subscription.getAckDeadlineSeconds());
      assertEquals(policy.maxDeliveryAttempts(), subscription.getDeadLetterPolicy().getMaxDeliveryAttempts());
      assertEquals("projects/" + PUBSUB_PROJECT + "/topics/" + TopicNames.deadLetterTopic(AnalyticsEventMessages.TOPIC),
          subscription.getDeadLetterPolicy().getDeadLetterTopic());
    }
  }

  @Test
  void aValidAnalyticsMessagePushedByPubSubBecomesItsRowInBigQuery() {
    String organization = "push-" + UUID.randomUUID();
    Instant now = Instant.now();
    AnalyticsEventRow row = new AnalyticsEventRow("evt-" + UUID.randomUUID(), organization, "chat.started",
        JsonText.of(Map.of("turns", 2)), Optional.of("u1"), Optional.empty(), now, now);
    publisher.publish(AnalyticsEventMessages.TOPIC, AnalyticsEventMessages.encode(organization, List.of(row)));

    assertEquals(1, WarehouseProbe.awaitCount(AnalyticsEventMessages.TABLE, "organization_id", organization, 1, PATIENCE),
        "the emulator pushed the message to IngestAnalyticsEvents, which wrote its row");
    assertEquals(1, WarehouseProbe.count(AnalyticsEventMessages.TABLE, "id", row.id()));
  }

  @Test
  void aMessageItsFunctionAlwaysFailsOnIsDeadLetteredAfterMaxDeliveryAttempts() throws InterruptedException {
    int maxAttempts = catalog.pubsubDelivery().maxDeliveryAttempts();
    String topic = entry(catalog, "AlwaysFail").topic().orElseThrow();
    String reason = "push-test-" + UUID.randomUUID();
    String id = publisher.publish(topic,
        EventPublisher.Message.of("poison".getBytes(StandardCharsets.UTF_8), Map.of("reason", reason)));

    ReceivedMessage deadLetter = PubSubProbe.pullOne(pubsub, TopicNames.deadLetterSubscription(topic), PATIENCE);
    assertEquals("poison", deadLetter.getMessage().getData().toStringUtf8());
    assertEquals(reason, deadLetter.getMessage().getAttributesMap().get("reason"));
    assertEquals(Integer.toString(maxAttempts),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceDeliveryCount"));
    assertEquals(TopicNames.subscription("AlwaysFail"),
        deadLetter.getMessage().getAttributesMap().get("CloudPubSubDeadLetterSourceSubscription"));
    Thread.sleep(2000);
    // Filtered by the attribute too: another test's message on the same-named topic may share the id.
    assertEquals(maxAttempts,
        Deliveries.messages("AlwaysFail", id).stream().filter(m -> reason.equals(m.attributes().get("reason"))).count(),
        "pushed exactly max_delivery_attempts times, each answered 500 by the function");
  }
}
